import type { BotDeps } from "../bot/context.ts";
import { agenciesDemoSeed } from "../features/agencies/agencies.demo-seed.ts";
import { calendarDemoSeed } from "../features/calendar/calendar.demo-seed.ts";
import { summariesDemoSeed } from "../features/summaries/summaries.demo-seed.ts";
import { reportsDemoSeed } from "../features/reports/reports.demo-seed.ts";

/**
 * Demo data, seeded in list order after the base province (agencies and personas).
 * Features add theirs here: templates, open periods, past submissions, holidays, ...
 */
export interface DemoSeed {
  name: string;
  run(deps: BotDeps): Promise<void>;
}

export const demoSeeds: DemoSeed[] = [
  // First: deadlines of the periods opened below count working days over these holidays.
  calendarDemoSeed,
  // Before any period is opened: the district committees merge into their wards and communes on 1/7/2025.
  agenciesDemoSeed,
  // The it-plan template and the open periods a reporter files in the demo.
  reportsDemoSeed,
  // Keep last: past reports need the template and periods of the seeds above (it imports the template if absent).
  summariesDemoSeed,
];
