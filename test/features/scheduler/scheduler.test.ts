import cron from "node-cron";
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/config/clock.ts";
import { createLogger } from "../../../src/config/logger.ts";
import type { BackgroundJob } from "../../../src/features/jobs.ts";
import { createScheduler, jobLockKey, runJobExclusively } from "../../../src/features/scheduler/scheduler.ts";

const logger = createLogger("silent");
const clock = new ManualClock(new Date("2026-11-20T01:00:00Z"));
const freeLock = { tryAdvisoryLock: <T>(_k: number, fn: () => Promise<T>) => fn() };
const heldLock = { tryAdvisoryLock: async <T>(_k: number, _fn: () => Promise<T>): Promise<T | undefined> => undefined };

function recordingJob(name: string, log: string[], fail = false): BackgroundJob {
  return {
    name,
    schedule: "*/10 * * * *",
    runOnce: async (now) => {
      log.push(`${name}@${now.toISOString()}`);
      if (fail) throw new Error("boom");
    },
  };
}

describe("scheduler", () => {
  it("runs a job under its own lock, skips it when another instance holds the lock, and contains failures", async () => {
    const log: string[] = [];
    const deps = { database: freeLock, clock, logger, timeZone: "Asia/Ho_Chi_Minh" };
    expect(await runJobExclusively(recordingJob("a", log), deps, clock.now())).toBe("ran");
    expect(await runJobExclusively(recordingJob("b", log), { ...deps, database: heldLock }, clock.now())).toBe("busy");
    expect(await runJobExclusively(recordingJob("c", log, true), deps, clock.now())).toBe("failed");
    expect(log).toEqual(["a@2026-11-20T01:00:00.000Z", "c@2026-11-20T01:00:00.000Z"]);
    expect(jobLockKey("reminders")).not.toBe(jobLockKey("open-periods"));
  });

  it("registers every job with node-cron in the report time zone, catches up in order, and stops its tasks", async () => {
    const log: string[] = [];
    const registered: { expr: string; timezone: string; name: string; stopped: boolean }[] = [];
    const fired: (() => Promise<void>)[] = [];
    const scheduler = createScheduler([recordingJob("open-periods", log), recordingJob("reminders", log)], {
      database: freeLock, clock, logger, timeZone: "Asia/Ho_Chi_Minh",
      schedule: (expr, fn, options) => {
        const entry = { expr, timezone: options.timezone, name: options.name, stopped: false };
        registered.push(entry);
        fired.push(fn);
        return { stop: () => void (entry.stopped = true) };
      },
    });
    scheduler.start();
    expect(registered.map((r) => [r.name, r.expr, r.timezone])).toEqual([
      ["open-periods", "*/10 * * * *", "Asia/Ho_Chi_Minh"],
      ["reminders", "*/10 * * * *", "Asia/Ho_Chi_Minh"],
    ]);
    expect(await scheduler.runAll()).toEqual({ "open-periods": "ran", reminders: "ran" });
    clock.advance(60_000);
    await fired[1]!();
    expect(log).toEqual(["open-periods@2026-11-20T01:00:00.000Z", "reminders@2026-11-20T01:00:00.000Z", "reminders@2026-11-20T01:01:00.000Z"]);
    await scheduler.stop();
    expect(registered.every((r) => r.stopped)).toBe(true);
  });

  it("works with the real node-cron (registration only; no waiting for a tick)", async () => {
    const scheduler = createScheduler([recordingJob("x", [])], { database: freeLock, clock, logger, timeZone: "Asia/Ho_Chi_Minh" });
    scheduler.start();
    const task = [...cron.getTasks().values()].find((t) => t.name === "x");
    expect(task?.getNextRun()?.getTime()).toBeGreaterThan(Date.now() - 1000);
    await scheduler.stop();
    expect([...cron.getTasks().values()].some((t) => t.name === "x")).toBe(false);
  });
});
