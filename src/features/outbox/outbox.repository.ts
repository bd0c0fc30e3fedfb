import type { Db } from "../../db/client.ts";
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
