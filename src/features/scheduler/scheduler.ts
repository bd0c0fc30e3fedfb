import cron from "node-cron";
import type { Clock } from "../../config/clock.ts";
import type { Logger } from "../../config/logger.ts";
import { LOCKS } from "../../db/client.ts";
import type { BackgroundJob } from "../jobs.ts";

export type JobOutcome = "ran" | "busy" | "failed";

/** A lock key per job (so two different jobs never block each other), derived from LOCKS.scheduler. */
export function jobLockKey(name: string): number {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) % 100_000;
  return LOCKS.scheduler * 100_000 + h;
}

export interface SchedulerDeps {
  /** Database's tryAdvisoryLock (a job has no use for knowing that the lock was lost: it runs to its end). */
  database: { tryAdvisoryLock<T>(key: number, fn: () => Promise<T>): Promise<T | undefined> };
  clock: Clock;
  logger: Logger;
  timeZone: string;
  /** node-cron's schedule; tests pass a recorder instead. */
  schedule?: (expression: string, fn: () => Promise<void>, options: { timezone: string; name: string; noOverlap: boolean }) => {
    stop(): void | Promise<void>;
  };
}

/**
 * Runs a job once under its advisory lock: on PostgreSQL only one instance runs a given job at a time and
 * the others skip this tick ("busy"); on PGlite the lock is the process's own queue. Never throws.
 */
export async function runJobExclusively(job: BackgroundJob, deps: SchedulerDeps, now: Date): Promise<JobOutcome> {
  try {
    const done = await deps.database.tryAdvisoryLock(jobLockKey(job.name), async () => {
      await job.runOnce(now);
      return true;
    });
    if (!done) deps.logger.debug({ job: job.name }, "job is running on another instance; skipped");
    return done ? "ran" : "busy";
  } catch (err) {
    deps.logger.error({ err, job: job.name }, "job failed");
    return "failed";
  }
}

export interface Scheduler {
  /** Registers every job with node-cron in REPORT_TIMEZONE. */
  start(): void;
  /** One pass of every job in order, e.g. at startup to catch up on what was missed while the bot was down. */
  runAll(): Promise<Record<string, JobOutcome>>;
  /** Stops the timers and waits for runs in progress. */
  stop(): Promise<void>;
}

export function createScheduler(jobs: BackgroundJob[], deps: SchedulerDeps): Scheduler {
  const schedule = deps.schedule ?? ((expr, fn, options) => cron.schedule(expr, fn, options));
  const tasks: { stop(): void | Promise<void>; destroy?(): void | Promise<void> }[] = [];
  const running = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>): Promise<T> => {
    running.add(p);
    void p.finally(() => running.delete(p));
    return p;
  };
  return {
    start() {
      for (const job of jobs) {
        tasks.push(
          schedule(job.schedule, () => track(runJobExclusively(job, deps, deps.clock.now())).then(() => undefined), {
            timezone: deps.timeZone,
            name: job.name,
            noOverlap: true,
          }),
        );
      }
      deps.logger.info({ jobs: jobs.map((j) => `${j.name} (${j.schedule})`), timeZone: deps.timeZone }, "scheduler started");
    },
    async runAll() {
      const outcomes: Record<string, JobOutcome> = {};
      for (const job of jobs) outcomes[job.name] = await track(runJobExclusively(job, deps, deps.clock.now()));
      return outcomes;
    },
    async stop() {
      for (const t of tasks.splice(0)) await (t.destroy ? t.destroy() : t.stop());
      await Promise.allSettled([...running]);
    },
  };
}
