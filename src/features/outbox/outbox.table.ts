import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { people } from "../people/people.table.ts";

export const OUTBOX_STATUSES = ["pending", "sending", "sent", "failed", "undeliverable"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** A Telegram call to make later: method name and its JSON parameters (files by file_id or local path). */
export interface OutboxPayload {
  method: "sendMessage" | "sendPhoto" | "sendDocument";
  params: Record<string, unknown>;
}

export const broadcasts = pgTable("broadcasts", {
  id: serial("id").primaryKey(),
  createdBy: integer("created_by").references(() => people.id),
  text: text("text").notNull(),
  entities: jsonb("entities"),
  mediaKind: text("media_kind").$type<"photo" | "document">(),
  mediaFileId: text("media_file_id"),
  audience: jsonb("audience").notNull(),
  requireAck: boolean("require_ack").notNull().default(false),
  total: integer("total").notNull().default(0),
  progressChatId: bigint("progress_chat_id", { mode: "number" }),
  progressMessageId: integer("progress_message_id"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
});

/** Every bulk message, one row per recipient, delivered by the dispatcher under Telegram's rate limits. */
export const outbox = pgTable(
  "outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    chatId: bigint("chat_id", { mode: "number" }).notNull(),
    personId: integer("person_id").references(() => people.id),
    broadcastId: integer("broadcast_id").references(() => broadcasts.id),
    kind: text("kind").notNull(),
    payload: jsonb("payload").$type<OutboxPayload>().notNull(),
    // Optional: makes enqueueing idempotent.
    dedupeKey: text("dedupe_key").unique(),
    status: text("status").$type<OutboxStatus>().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    notBefore: timestamp("not_before", { withTimezone: true }).notNull(),
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    claimedBy: text("claimed_by"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    telegramMessageId: integer("telegram_message_id"),
    error: text("error"),
    ackedAt: timestamp("acked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [
    index("outbox_due_idx").on(t.status, t.notBefore),
    index("outbox_broadcast_idx").on(t.broadcastId),
  ],
);
