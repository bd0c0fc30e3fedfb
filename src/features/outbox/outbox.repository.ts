import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { RowUpdate } from "./delivery-outcome.ts";
import { outbox, type OutboxPayload } from "./outbox.table.ts";

/** A message for the outbox; the dispatcher sends it under Telegram's rate limits. */
export interface OutgoingMessage {
  chatId: number;
  personId?: number | null;
  broadcastId?: number | null;
  /** What it is, for figures and logs: "broadcast", "period-opened", "reminder", "digest", ... */
  kind: string;
  payload: OutboxPayload;
  /** Enqueueing the same key twice is a no-op. */
  dedupeKey?: string | null;
  notBefore?: Date;
}

/** Inserts in batches; returns how many rows were new (duplicates by dedupeKey are skipped). */
export async function enqueueMessages(db: Db, now: Date, messages: OutgoingMessage[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < messages.length; i += 500) {
    const batch = messages.slice(i, i + 500).map((m) => ({
      chatId: m.chatId,
      personId: m.personId ?? null,
      broadcastId: m.broadcastId ?? null,
      kind: m.kind,
      payload: m.payload,
      dedupeKey: m.dedupeKey ?? null,
      notBefore: m.notBefore ?? now,
      createdAt: now,
    }));
    const rows = await db.insert(outbox).values(batch).onConflictDoNothing().returning({ id: outbox.id });
    inserted += rows.length;
  }
  return inserted;
}

/** A row the dispatcher holds: claimed by this instance, status `sending`. */
export interface ClaimedRow {
  id: number;
  chatId: number;
  broadcastId: number | null;
  kind: string;
  payload: OutboxPayload;
  attempts: number;
}

/**
 * Claims up to `limit` rows that are due, or whose claim by a crashed instance is older than the lease,
 * in one short statement (`FOR UPDATE SKIP LOCKED`: concurrent dispatchers never claim the same row).
 */
export async function claimDueRows(db: Db, now: Date, instanceId: string, limit: number, leaseMs: number): Promise<ClaimedRow[]> {
  const leaseCutoff = new Date(now.getTime() - leaseMs).toISOString();
  const at = now.toISOString();
  const due = sql`(select o.id from outbox o
      where (o.status = 'pending' and o.not_before <= ${at}::timestamptz)
         or (o.status = 'sending' and o.claimed_at < ${leaseCutoff}::timestamptz)
      order by o.not_before, o.id
      limit ${limit}
      for update skip locked)`;
  const rows = await db
    .update(outbox)
    .set({ status: "sending", claimedAt: now, claimedBy: instanceId })
    .where(sql`${outbox.id} in ${due}`)
    .returning({
      id: outbox.id,
      chatId: outbox.chatId,
      broadcastId: outbox.broadcastId,
      kind: outbox.kind,
      payload: outbox.payload,
      attempts: outbox.attempts,
    });
  return rows.sort((a, b) => a.id - b.id);
}

/** Records what became of a claimed row; a row reclaimed by another instance meanwhile is left alone. */
export async function settleRow(db: Db, id: number, instanceId: string, update: RowUpdate, now: Date): Promise<void> {
  const mine = and(eq(outbox.id, id), eq(outbox.status, "sending"), eq(outbox.claimedBy, instanceId));
  switch (update.status) {
    case "sent":
      await db
        .update(outbox)
        .set({ status: "sent", sentAt: now, telegramMessageId: update.messageId, attempts: update.attempts, error: null })
        .where(mine);
      return;
    case "pending":
      await db
        .update(outbox)
        .set({ status: "pending", notBefore: update.notBefore, attempts: update.attempts, error: update.error, claimedAt: null, claimedBy: null })
        .where(mine);
      return;
    default:
      await db.update(outbox).set({ status: update.status, attempts: update.attempts, error: update.error }).where(mine);
  }
}

/** Hands claimed rows that were not sent back to the queue, due no earlier than `notBefore`. */
export async function releaseRows(db: Db, ids: number[], instanceId: string, notBefore: Date): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(outbox)
    .set({ status: "pending", claimedAt: null, claimedBy: null, notBefore: sql`greatest(${outbox.notBefore}, ${notBefore.toISOString()}::timestamptz)` })
    .where(and(inArray(outbox.id, ids), eq(outbox.status, "sending"), eq(outbox.claimedBy, instanceId)));
}

