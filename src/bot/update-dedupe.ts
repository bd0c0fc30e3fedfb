import { lt } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { processedUpdates } from "../db/runtime.table.ts";

/**
 * Records an update id; false when it was seen before. Telegram redelivers webhooks that time out,
 * so the same update must never act twice (at most once per update_id).
 */
export async function claimUpdate(db: Db, updateId: number, at: Date): Promise<boolean> {
  const rows = await db
    .insert(processedUpdates)
    .values({ updateId, processedAt: at })
    .onConflictDoNothing()
    .returning({ id: processedUpdates.updateId });
  return rows.length > 0;
}

/** Forget ids older than the horizon; Telegram keeps undelivered updates for 24 hours. */
export async function pruneProcessedUpdates(db: Db, olderThan: Date): Promise<void> {
  await db.delete(processedUpdates).where(lt(processedUpdates.processedAt, olderThan));
}

/** Daily: forget update ids older than two days (Telegram never redelivers anything that old). */
export function pruneProcessedUpdatesJob(db: Db): { name: string; schedule: string; runOnce(now: Date): Promise<void> } {
  return {
    name: "prune-processed-updates",
    schedule: "17 3 * * *",
    runOnce: (now) => pruneProcessedUpdates(db, new Date(now.getTime() - 2 * 24 * 3600 * 1000)),
  };
}
