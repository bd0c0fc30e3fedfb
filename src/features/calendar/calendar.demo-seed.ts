import type { BotDeps } from "../../bot/context.ts";
import { localDateTime } from "../../time/calendar-date.ts";
import { ensureDefaultHolidays } from "./calendar.repository.ts";

/** Default public holidays of the demo's year and the next, before any period computes its deadline. */
export const calendarDemoSeed = {
  name: "calendar: default public holidays",
  async run(deps: BotDeps): Promise<void> {
    const year = Number(localDateTime(deps.clock.now(), deps.config.REPORT_TIMEZONE).date.slice(0, 4));
    await ensureDefaultHolidays(deps.db, [year, year + 1]);
  },
};
