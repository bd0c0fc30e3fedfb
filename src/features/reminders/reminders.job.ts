import type { BotDeps } from "../../bot/context.ts";
import type { BackgroundJob } from "../jobs.ts";
import { renderNotice } from "./notice-message.ts";
import { planReminders, type PlannedNotice } from "./reminder-plan.ts";
import { loadPlanInput, recordAndEnqueue } from "./reminders.repository.ts";
import { inQuietHours, localMoment, parseQuietHours } from "./quiet-hours.ts";

/**
 * One pass: load (fixed number of queries), plan (pure), record and enqueue what is new (one transaction).
 * Returns the notices this pass enqueued; a second pass at the same moment returns none.
 */
export async function sendDueReminders(deps: Pick<BotDeps, "db" | "config" | "logger" | "t">, now: Date): Promise<PlannedNotice[]> {
  const timeZone = deps.config.REPORT_TIMEZONE;
  const quietHours = parseQuietHours(deps.config.QUIET_HOURS);
  const at = localMoment(now, timeZone);
  if (inQuietHours(at.minutes, quietHours)) return [];
  const input = await loadPlanInput(deps.db, at.today);
  const planned = planReminders(input, { now, timeZone, quietHours });
  if (planned.length === 0) return [];
  const fresh = (await recordAndEnqueue(deps.db, now, planned, (n) => renderNotice(deps.t, n))) ?? [];
  if (fresh.length) {
    const byKind: Record<string, number> = {};
    for (const n of fresh) byKind[n.kind] = (byKind[n.kind] ?? 0) + 1;
    deps.logger.info({ byKind, skippedAsDuplicates: planned.length - fresh.length }, "reminders enqueued");
  }
  return fresh;
}

export function remindersJob(deps: BotDeps): BackgroundJob {
  return { name: "reminders", schedule: "*/10 * * * *", runOnce: async (now) => void (await sendDueReminders(deps, now)) };
}
