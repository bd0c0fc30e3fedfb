import type { BotDeps } from "../bot/context.ts";
import { agencyLifecycleJob } from "./agencies/agency-lifecycle.ts";
import { openPeriodsJob } from "./calendar/open-periods.job.ts";
import { remindersJob } from "./reminders/reminders.job.ts";
import { pruneProcessedUpdatesJob } from "../bot/update-dedupe.ts";

/**
 * A background job: periodic work such as opening periods or sending reminders.
 * `runOnce` must be idempotent and take the time from `now`, so a restart, a second
 * instance, a catch-up or the demo's `:clock +3d` can call it at any moment.
 */
export interface BackgroundJob {
  name: string;
  /** node-cron expression, evaluated in REPORT_TIMEZONE. */
  schedule: string;
  runOnce(now: Date): Promise<void>;
}

/** Every job of the bot. Features add theirs here. */
export function allJobs(deps: BotDeps): BackgroundJob[] {
  return [
    // Agencies merged or deactivated from today stop being required before anyone is reminded.
    agencyLifecycleJob(deps),
    // Periods open first, so the reminders pass right after tells their reporters.
    openPeriodsJob(deps),
    remindersJob(deps),
    pruneProcessedUpdatesJob(deps.db),
  ];
}
