import type { Bot } from "grammy";
import type { BotContext, BotDeps } from "../bot/context.ts";
import { allJobs, type BackgroundJob } from "../features/jobs.ts";
import { ManualClock } from "../config/clock.ts";
import { createOutboxService } from "../features/outbox/outbox-service.ts";

/** Everything the scheduler would do by `now`; the demo calls it after every line and every clock move. */
export type BackgroundWork = (now: Date) => Promise<void>;

export interface BackgroundWorkDeps {
  deps: BotDeps;
  /** The demo's bot: its `api` sends through the fake Bot API, so whatever is sent shows in the transcript. */
  bot: Bot<BotContext>;
  /** By default every job of the bot (allJobs). */
  jobs?: BackgroundJob[];
  /** A failed job is reported and the others still run, as in production. */
  onJobError: (job: string, err: unknown) => void;
}

/**
 * The demo's stand-in for the cron scheduler: instead of waiting for each job's schedule it runs
 * every job once at the simulated time. Jobs are idempotent and read the time from `now`,
 * so running them often is safe (see BackgroundJob in src/features/jobs.ts).
 */
export function createBackgroundWork({ deps, bot, jobs = allJobs(deps), onJobError }: BackgroundWorkDeps): BackgroundWork {
  // Pacing waits move the simulated clock instead of sleeping (a second per repeated chat, at most).
  const clock = deps.clock;
  const outbox = createOutboxService(deps, bot.api, {
    instanceId: "demo",
    sleep: async (ms) => (clock instanceof ManualClock ? clock.advance(ms) : new Promise((r) => setTimeout(r, ms))),
  });

  return async function runBackgroundWork(now: Date): Promise<void> {
    // 1. Every job of the bot (periods opening, reminders, digests, ...), in registration order.
    for (const job of jobs) {
      try {
        await job.runOnce(now);
      } catch (err) {
        onJobError(job.name, err);
      }
    }

    // 2. Outbox: deliver what the jobs and handlers queued (reminders, broadcasts, digests)
    //    through `bot.api` at `now`. Add the dispatcher's drain call here; the demo has no
    //    rate-limit waits to honour, so drain until nothing is due.
    await outbox.drainOnce();
  };
}
