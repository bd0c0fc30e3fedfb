import { bigint, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Conversation state of @grammyjs/conversations, kept in the database so any instance can continue it. */
export const conversationState = pgTable("conversation_state", {
  key: text("key").primaryKey(),
  state: jsonb("state").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});

/** Update ids already handled: Telegram redelivers, and the same update must never act twice. Pruned by age. */
export const processedUpdates = pgTable("processed_updates", {
  updateId: bigint("update_id", { mode: "number" }).primaryKey(),
  processedAt: timestamp("processed_at", { withTimezone: true }).notNull(),
});
