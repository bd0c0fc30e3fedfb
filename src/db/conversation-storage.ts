import { eq } from "drizzle-orm";
import type { VersionedState, VersionedStateStorage } from "@grammyjs/conversations";
import type { Clock } from "../config/clock.ts";
import type { Db } from "./client.ts";
import { conversationState } from "./runtime.table.ts";

/**
 * Keeps @grammyjs/conversations state in PostgreSQL, so a restart or another instance can continue
 * any conversation. The state goes through JSON, exactly as it will after a restart: whatever a
 * conversation keeps must survive that (no Date or bigint from conversation.external).
 */
export function conversationStorage<S>(db: Db, clock: Clock): VersionedStateStorage<string, S> {
  return {
    async read(key) {
      const [row] = await db.select().from(conversationState).where(eq(conversationState.key, key));
      return row ? (row.state as VersionedState<S>) : undefined;
    },
    async write(key, state) {
      const value = JSON.parse(JSON.stringify(state)) as VersionedState<S>;
      await db
        .insert(conversationState)
        .values({ key, state: value, updatedAt: clock.now() })
        .onConflictDoUpdate({ target: conversationState.key, set: { state: value, updatedAt: clock.now() } });
    },
    async delete(key) {
      await db.delete(conversationState).where(eq(conversationState.key, key));
    },
  };
}
