import type { Context } from "grammy";
import type { VersionedState, VersionedStateStorage } from "@grammyjs/conversations";
import type { Clock } from "../config/clock.ts";
import { queryRows, sql, type ChatLockScope, type Db } from "./client.ts";
import type { SQL } from "drizzle-orm";

/** The key of a chat's conversation state: the chat id, as the plugin's default key storage uses. */
export function conversationKey(ctx: Pick<Context, "chatId">): string | undefined {
  return ctx.chatId?.toString();
}

/** The statement that reads a chat's state; its rows go to `useChatLockScope`. */
export function readConversationState(key: string): SQL {
  return sql`select state from conversation_state where key = ${key}`;
}

/** Per update: the state read with the chat lock (taken once) and the lock's scope for the final write. */
const scopes = new WeakMap<object, { scope: ChatLockScope; ahead?: { state: unknown } }>();

/**
 * Hands the chat lock's scope of this update to the storage: the state read with the lock (when the lock
 * was taken with `readConversationState`) is used instead of reading it again, and the write (or delete)
 * is made the last statement before the lock is let go, in the unlock's round trip.
 */
export function useChatLockScope(ctx: object, scope: ChatLockScope): void {
  const row = scope.rows?.[0];
  scopes.set(ctx, scope.rows ? { scope, ahead: { state: parseState(row?.state) } } : { scope });
}

function parseState(state: unknown): unknown {
  return typeof state === "string" ? JSON.parse(state) : (state ?? undefined);
}

/**
 * Keeps @grammyjs/conversations state in PostgreSQL, so a restart or another instance can continue
 * any conversation. The state goes through JSON, exactly as it will after a restart: whatever a
 * conversation keeps must survive that (no Date or bigint from conversation.external).
 *
 * Keyed by the context (the chat id, as the default key storage). Under the chat lock (`useChatLockScope`)
 * the state comes from the lock's round trip and the write goes with the unlock's; otherwise both are
 * statements of their own.
 *
 * Writes and deletes commit with synchronous_commit off: they do not wait for the WAL flush. A database
 * crash can lose the last fraction of a second of conversation state (the conversation then continues
 * from the step before); the answers themselves are saved by their own, durable, statements.
 */
export function conversationStorage<S>(db: Db, clock: Clock): VersionedStateStorage<Context, S> {
  /** Under the chat lock: the last statement before the unlock. Otherwise: now. */
  const run = async (ctx: object, query: SQL) => {
    const held = scopes.get(ctx);
    if (held) held.scope.atUnlock("conversation-state", query);
    else await db.execute(query);
  };
  return {
    async read(ctx) {
      const held = scopes.get(ctx);
      if (held?.ahead) {
        const { state } = held.ahead;
        delete held.ahead;
        return state as VersionedState<S> | undefined;
      }
      const key = conversationKey(ctx);
      if (key === undefined) return undefined;
      const [row] = await queryRows<{ state: unknown }>(db, readConversationState(key));
      return parseState(row?.state) as VersionedState<S> | undefined;
    },
    async write(ctx, state) {
      const key = conversationKey(ctx);
      if (key === undefined) return;
      await run(
        ctx,
        sql`with async as (select set_config('synchronous_commit', 'off', true) as v)
            insert into conversation_state (key, state, updated_at)
            select ${key}, ${JSON.stringify(state)}::jsonb, ${clock.now().toISOString()}::timestamptz from async
            on conflict (key) do update set state = excluded.state, updated_at = excluded.updated_at`,
      );
    },
    async delete(ctx) {
      const key = conversationKey(ctx);
      if (key === undefined) return;
      await run(
        ctx,
        sql`with async as (select set_config('synchronous_commit', 'off', true) as v)
            delete from conversation_state where key = ${key} and exists (select 1 from async)`,
      );
    },
  };
}
