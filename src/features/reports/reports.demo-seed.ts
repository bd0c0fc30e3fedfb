import { join } from "node:path";
import type { BotDeps } from "../../bot/context.ts";
import { TEMPLATES_DIR } from "../../config/paths.ts";
import { localDateTime } from "../../time/calendar-date.ts";
import { periodContaining } from "../calendar/period-bounds.ts";
import { loadTemplateFile } from "../templates/template-file.ts";
import { importTemplate } from "../templates/templates.repository.ts";
import { openPeriod } from "./periods.repository.ts";

const DEFAULT_TEMPLATE = join(TEMPLATES_DIR, "it-plan.yaml");

/**
 * The default template, and the monthly periods around the demo's date: the one whose cut-off has passed
 * (overdue on 27/11/2026: 2026-11) and the current one (2026-12), so a reporter can file end to end.
 */
export const reportsDemoSeed = {
  name: "reports: it-plan template and open periods",
  async run(deps: BotDeps): Promise<void> {
    const now = deps.clock.now();
    await importTemplate(deps.db, await loadTemplateFile(DEFAULT_TEMPLATE), now);
    const today = localDateTime(now, deps.config.REPORT_TIMEZONE).date;
    const current = periodContaining("monthly", today);
    const previous = periodContaining("monthly", current.startsOn.replace(/-15$/, "-14"));
    for (const periodKey of [previous.periodKey, current.periodKey])
      await openPeriod(deps.db, { templateId: "it-plan", periodKey, now, timeZone: deps.config.REPORT_TIMEZONE });
  },
};
