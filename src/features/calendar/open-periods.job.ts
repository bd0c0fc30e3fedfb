import type { BotDeps } from "../../bot/context.ts";
import type { BackgroundJob } from "../jobs.ts";
import { openPeriod } from "../reports/periods.repository.ts";
import { listCurrentTemplates } from "../templates/templates.repository.ts";
import { localDateTime } from "../../time/calendar-date.ts";
import { ensureDefaultHolidays } from "./calendar.repository.ts";
import { periodsDueToOpen } from "./period-opening.ts";

/**
 * Opens the current period of every periodic template once it has started (idempotent), and keeps default
 * holidays present for this year and the next. Reporters are told by the reminders job, which runs right after
 * and respects quiet hours and working days.
 */
export async function openDuePeriods(deps: Pick<BotDeps, "db" | "config" | "logger">, now: Date): Promise<number> {
  const tz = deps.config.REPORT_TIMEZONE;
  const today = localDateTime(now, tz).date;
  const year = Number(today.slice(0, 4));
  const seeded = await ensureDefaultHolidays(deps.db, [year, year + 1]);
  if (seeded.length) deps.logger.info({ years: seeded }, "default holidays seeded");
  const templates = await listCurrentTemplates(deps.db);
  let opened = 0;
  for (const due of periodsDueToOpen(templates.map((t) => ({ templateId: t.templateId, cadence: t.definition.cadence })), today)) {
    const { period, created } = await openPeriod(deps.db, { ...due, now, timeZone: tz });
    if (created) {
      opened++;
      deps.logger.info({ periodId: period.id, templateId: due.templateId, periodKey: due.periodKey }, "period opened");
    }
  }
  return opened;
}

export function openPeriodsJob(deps: BotDeps): BackgroundJob {
  return { name: "open-periods", schedule: "*/15 * * * *", runOnce: async (now) => void (await openDuePeriods(deps, now)) };
}
