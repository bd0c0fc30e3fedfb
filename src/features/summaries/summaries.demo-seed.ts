import { join } from "node:path";
import type { BotDeps } from "../../bot/context.ts";
import { TEMPLATES_DIR } from "../../config/paths.ts";
import { localDateTime } from "../../time/calendar-date.ts";
import { loadTemplateFile } from "../templates/template-file.ts";
import { currentTemplateVersion, importTemplate } from "../templates/templates.repository.ts";
import { seedPastReports } from "./past-reports.seed.ts";
import { DEMO_REFORM } from "../../demo/demo-province.ts";

const DEFAULT_TEMPLATE = join(TEMPLATES_DIR, "it-plan.yaml");

/**
 * Nineteen past months (from May 2025) of the default template for the demo, crossing the reorganisation of 1/7/2025 (district
 * committees before, communes after: DEMO_REFORM). Runs after the reports seed (which imports the template and
 * opens the current periods); imports the template itself if that seed is absent. The demo's IT lead persona
 * (SO-KHCN) and a few others are left without a report in the latest month.
 */
export const summariesDemoSeed = {
  name: "summaries: 19 months of past reports",
  async run(deps: BotDeps): Promise<void> {
    const now = deps.clock.now();
    if (!(await currentTemplateVersion(deps.db, "it-plan"))) await importTemplate(deps.db, await loadTemplateFile(DEFAULT_TEMPLATE), now);
    await seedPastReports(deps.db, {
      templateId: "it-plan",
      months: 19,
      now,
      today: localDateTime(now, deps.config.REPORT_TIMEZONE).date,
      missingInLatest: ["SO-KHCN", "SO-NNMT", "THANHTRA", "P-HONAI", "X-XUANLOC"],
      reform: DEMO_REFORM,
    });
  },
};
