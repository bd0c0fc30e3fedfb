import { and, desc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { recordAudit } from "../../audit/audit.repository.ts";
import { enqueueMessages } from "../outbox/outbox.repository.ts";
import { broadcasts, outbox } from "../outbox/outbox.table.ts";
import { people } from "../people/people.table.ts";
import type { Audience, Recipient } from "./audience.ts";
import { broadcastPayload, type BroadcastContent, type TextEntity } from "./broadcast-message.ts";

export type Broadcast = typeof broadcasts.$inferSelect;

/** Labels in each recipient's language, looked up by the caller (no i18n here). */
export interface RecipientWording {
  ackLabel(locale: string): string;
}

export const contentOf = (b: Broadcast): BroadcastContent => ({
  text: b.text,
  entities: (b.entities as TextEntity[] | null) ?? null,
  mediaKind: b.mediaKind ?? null,
  mediaFileId: b.mediaFileId ?? null,
});

/** Saves the broadcast and queues one outbox row per recipient, in one transaction. */
export async function createBroadcast(
  db: Db,
  input: {
    content: BroadcastContent;
    audience: Audience;
    requireAck: boolean;
    createdBy: number | null;
    recipients: Recipient[];
    wording: RecipientWording;
    now: Date;
  },
): Promise<{ id: number; total: number }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(broadcasts)
      .values({
        createdBy: input.createdBy,
        text: input.content.text,
        entities: input.content.entities,
        mediaKind: input.content.mediaKind,
        mediaFileId: input.content.mediaFileId,
        audience: input.audience,
        requireAck: input.requireAck,
        total: input.recipients.length,
        createdAt: input.now,
      })
      .returning({ id: broadcasts.id });
    const id = row!.id;
    await enqueueMessages(
      tx as unknown as Db,
      input.now,
      input.recipients.map((r) => ({
        chatId: r.chatId,
        personId: r.personId,
        broadcastId: id,
        kind: "broadcast",
        dedupeKey: `bc:${id}:p${r.personId}`,
        payload: broadcastPayload(input.content, {
          broadcastId: id,
          ackLabel: input.requireAck ? input.wording.ackLabel(r.locale) : undefined,
        }),
      })),
    );
    await recordAudit(tx as unknown as Db, {
      actorPersonId: input.createdBy,
      action: "broadcast.create",
      target: `broadcast:${id}`,
      after: { audience: input.audience, recipients: input.recipients.length, requireAck: input.requireAck, media: input.content.mediaKind },
      at: input.now,
    });
    return { id, total: input.recipients.length };
  });
}

export async function setProgressMessage(db: Db, id: number, chatId: number, messageId: number): Promise<void> {
  await db.update(broadcasts).set({ progressChatId: chatId, progressMessageId: messageId }).where(eq(broadcasts.id, id));
}

export async function getBroadcast(db: Db, id: number): Promise<Broadcast | undefined> {
  const [row] = await db.select().from(broadcasts).where(eq(broadcasts.id, id));
  return row;
}

export interface BroadcastFigures {
  id: number;
  total: number;
  sent: number;
  failed: number;
  pending: number;
  acked: number;
}

/** Delivery figures per broadcast, from its outbox rows (reminders are not counted twice: they carry no broadcastId). */
export async function broadcastFigures(db: Db, ids: number[]): Promise<Map<number, BroadcastFigures>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: outbox.broadcastId,
      total: sql<number>`count(*)::int`,
      sent: sql<number>`(count(*) filter (where ${outbox.status} = 'sent'))::int`,
      failed: sql<number>`(count(*) filter (where ${outbox.status} in ('failed', 'undeliverable')))::int`,
      pending: sql<number>`(count(*) filter (where ${outbox.status} in ('pending', 'sending')))::int`,
      acked: sql<number>`(count(*) filter (where ${outbox.ackedAt} is not null))::int`,
    })
    .from(outbox)
    .where(inArray(outbox.broadcastId, ids))
    .groupBy(outbox.broadcastId);
  const out = new Map<number, BroadcastFigures>();
  for (const id of ids) out.set(id, { id, total: 0, sent: 0, failed: 0, pending: 0, acked: 0 });
  for (const r of rows)
    out.set(r.id!, { id: r.id!, total: Number(r.total), sent: Number(r.sent), failed: Number(r.failed), pending: Number(r.pending), acked: Number(r.acked) });
  return out;
}

export async function recentBroadcasts(db: Db, limit: number): Promise<Broadcast[]> {
  return db.select().from(broadcasts).orderBy(desc(broadcasts.createdAt), desc(broadcasts.id)).limit(limit);
}

/** Broadcasts with a progress message created since `since`, with the locale of their sender. */
export async function broadcastsWithProgress(db: Db, since: Date): Promise<(Broadcast & { senderLocale: string | null })[]> {
  const rows = await db
    .select({ b: broadcasts, senderLocale: people.locale })
    .from(broadcasts)
    .leftJoin(people, eq(people.id, broadcasts.createdBy))
    .where(and(isNotNull(broadcasts.progressMessageId), sql`${broadcasts.createdAt} >= ${since.toISOString()}::timestamptz`));
  return rows.map((r) => ({ ...r.b, senderLocale: r.senderLocale }));
}

export type AckOutcome = "acknowledged" | "already" | "unknown";

/**
 * The presser acknowledges: only a row of this broadcast addressed to the presser's own chat counts,
 * so forged data can at most acknowledge one's own copy.
 */
export async function acknowledge(db: Db, broadcastId: number, chatId: number, now: Date): Promise<AckOutcome> {
  const updated = await db
    .update(outbox)
    .set({ ackedAt: now })
    .where(and(eq(outbox.broadcastId, broadcastId), eq(outbox.chatId, chatId), eq(outbox.status, "sent"), isNull(outbox.ackedAt)))
    .returning({ id: outbox.id });
  if (updated.length > 0) return "acknowledged";
  const [existing] = await db
    .select({ ackedAt: outbox.ackedAt })
    .from(outbox)
    .where(and(eq(outbox.broadcastId, broadcastId), eq(outbox.chatId, chatId)));
  return existing?.ackedAt ? "already" : "unknown";
}

export interface PendingAck {
  personId: number | null;
  chatId: number;
  name: string | null;
  locale: string;
  /** The agencies of the person's roles, by name ("Sở Y tế, UBND xã …"), or null for province-wide roles. */
  agencies: string | null;
}

/** Recipients who got the broadcast and have not acknowledged it, with their agencies. */
export async function unacknowledged(db: Db, broadcastId: number): Promise<PendingAck[]> {
  const rows = await db
    .select({
      personId: outbox.personId,
      chatId: outbox.chatId,
      name: people.displayName,
      locale: people.locale,
      agencies: sql<string | null>`(select string_agg(distinct a.name, ', ') from memberships m join agencies a on a.id = m.agency_id where m.person_id = ${outbox.personId})`,
    })
    .from(outbox)
    .leftJoin(people, eq(people.id, outbox.personId))
    .where(and(eq(outbox.broadcastId, broadcastId), eq(outbox.status, "sent"), isNull(outbox.ackedAt)))
    .orderBy(outbox.id);
  return rows.map((r) => ({ ...r, locale: r.locale ?? "vi" }));
}

/** Recipients the broadcast could not reach, with the reason. */
export async function undelivered(db: Db, broadcastId: number): Promise<{ name: string | null; status: string; error: string | null }[]> {
  return db
    .select({ name: people.displayName, status: outbox.status, error: outbox.error })
    .from(outbox)
    .leftJoin(people, eq(people.id, outbox.personId))
    .where(and(eq(outbox.broadcastId, broadcastId), inArray(outbox.status, ["failed", "undeliverable"])))
    .orderBy(outbox.id);
}

/**
 * Sends the broadcast again to those who have not acknowledged it, with a reminder line on top.
 * At most once per person per broadcast per reporting day (dedupe key), however often it is pressed.
 */
export async function queueAckReminders(
  db: Db,
  b: Broadcast,
  input: { today: string; now: Date; wording: RecipientWording & { reminderPrefix(locale: string): string } },
): Promise<{ targets: number; queued: number }> {
  const targets = await unacknowledged(db, b.id);
  const queued = await enqueueMessages(
    db,
    input.now,
    targets.map((t) => ({
      chatId: t.chatId,
      personId: t.personId,
      kind: "broadcast-reminder",
      dedupeKey: `bc:${b.id}:r${input.today}:c${t.chatId}`,
      payload: broadcastPayload(contentOf(b), {
        broadcastId: b.id,
        ackLabel: input.wording.ackLabel(t.locale),
        prefix: input.wording.reminderPrefix(t.locale),
      }),
    })),
  );
  return { targets: targets.length, queued };
}
