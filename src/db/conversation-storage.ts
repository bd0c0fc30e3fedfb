import type { Context } from "grammy";
import type { VersionedState, VersionedStateStorage } from "@grammyjs/conversations";
import type { Clock } from "../config/clock.ts";
import { queryRows, sql, type Db } from "./client.ts";

/** The key of a chat's conversation state: the chat id, as the plugin's default key storage uses. */
export function conversationKey(ctx: Pick<Context, "chatId">): string | undefined {
  return ctx.chatId?.toString();
}

/** States read ahead for an update (by `startUpdate`, under the chat lock), taken once by the storage. */
const readAhead = new WeakMap<object, { state: unknown }>();

/** Hands the state read at the start of the update to the storage, which then need not read it again. */
export function provideConversationState(ctx: object, state: unknown): void {
  readAhead.set(ctx, { state });
}

/**
 * Keeps @grammyjs/conversations state in PostgreSQL, so a restart or another instance can continue
 * any conversation. The state goes through JSON, exactly as it will after a restart: whatever a
 * conversation keeps must survive that (no Date or bigint from conversation.external).
 *
 * Keyed by the context (the chat id, as the default key storage): the state read ahead at the start
 * of the update is used when there is one, otherwise it is read here.
 *
 * Writes and deletes commit with synchronous_commit off: they do not wait for the WAL flush. A database
 * crash can lose the last fraction of a second of conversation state (the conversation then continues
 * from the step before); the answers themselves are saved by their own, durable, statements.
 */
export function conversationStorage<S>(db: Db, clock: Clock): VersionedStateStorage<Context, S> {
  return {
    async read(ctx) {
      const ahead = readAhead.get(ctx);
      if (ahead) {
        readAhead.delete(ctx);
        return (ahead.state ?? undefined) as VersionedState<S> | undefined;
      }
      const key = conversationKey(ctx);
      if (key === undefined) return undefined;
      const [row] = await queryRows<{ state: unknown }>(db, sql`select state from conversation_state where key = ${key}`);
      const state = row?.state;
      return (typeof state === "string" ? JSON.parse(state) : state) as VersionedState<S> | undefined;
    },
    async write(ctx, state) {
      const key = conversationKey(ctx);
      if (key === undefined) return;
      await queryRows(
        db,
        sql`with async as (select set_config('synchronous_commit', 'off', true) as v)
            insert into conversation_state (key, state, updated_at)
            select ${key}, ${JSON.stringify(state)}::jsonb, ${clock.now().toISOString()}::timestamptz from async
            on conflict (key) do update set state = excluded.state, updated_at = excluded.updated_at`,
      );
    },
    async delete(ctx) {
      const key = conversationKey(ctx);
      if (key === undefined) return;
      await queryRows(
        db,
        sql`with async as (select set_config('synchronous_commit', 'off', true) as v)
            delete from conversation_state where key = ${key} and exists (select 1 from async)`,
      );
    },
  };
}
