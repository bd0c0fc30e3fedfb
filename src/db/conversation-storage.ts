import type { Context } from "grammy";
import type { VersionedState, VersionedStateStorage } from "@grammyjs/conversations";
import type { Clock } from "../config/clock.ts";
import { runStatement, type Db } from "./client.ts";

/** The key of a chat's conversation state: the chat id, as the plugin's default key storage uses. */
export function conversationKey(ctx: Pick<Context, "chatId">): string | undefined {
  return ctx.chatId?.toString();
}

/**
 * The state is kept as one JSON text (a jsonb string): the bot writes the text it serialised and parses
 * the text it reads, once each, and the server never takes the replay log apart. `state #>> '{}'` is that
 * text, and also the text of a state stored as a jsonb object (as older versions did).
 */
const READ = "select state #>> '{}' as state from conversation_state where key = $1::text";
/** The commit-mode prefix: `synchronous_commit = off` for this transaction only where the database allows it (`Database.asyncCommit`). */
const ASYNC = "with async as (select set_config('synchronous_commit', 'off', true) as v)";
const SYNC = "with async as (select '' as v)";
const writeText = (prefix: string) => `${prefix}
  insert into conversation_state (key, state, updated_at)
  select $1::text, to_jsonb($2::text), $3::timestamptz from async
  on conflict (key) do update set state = excluded.state, updated_at = excluded.updated_at`;
const deleteText = (prefix: string) => `${prefix}
  delete from conversation_state where key = $1::text and exists (select 1 from async)`;
const STATEMENTS = {
  async: { write: writeText(ASYNC), delete: deleteText(ASYNC) },
  durable: { write: writeText(SYNC), delete: deleteText(SYNC) },
};

function parseState(state: unknown): unknown {
  return typeof state === "string" ? JSON.parse(state) : (state ?? undefined);
}

/**
 * Keeps @grammyjs/conversations state in PostgreSQL, so a restart or another instance can continue
 * any conversation (invitations, broadcasts, returning a report). The state goes through JSON, exactly as it
 * will after a restart: whatever a conversation keeps must survive that (no Date or bigint from
 * conversation.external). Keyed by the chat id, as the default key storage. One statement each.
 *
 * With `asyncCommit` (a PostgreSQL server) writes and deletes commit with synchronous_commit off: they do not
 * wait for the WAL flush, and a crash of the server can lose the last fraction of a second of conversation
 * state (the conversation then continues from the step before). Without it (embedded PGlite, where nothing
 * would ever flush them) they are durable.
 */
export function conversationStorage<S>(db: Db, clock: Clock, opts: { asyncCommit: boolean }): VersionedStateStorage<Context, S> {
  const text = STATEMENTS[opts.asyncCommit ? "async" : "durable"];
  return {
    async read(ctx) {
      const key = conversationKey(ctx);
      if (key === undefined) return undefined;
      const [row] = await runStatement<{ state: unknown }>(db, { text: READ, params: [key] });
      return parseState(row?.state) as VersionedState<S> | undefined;
    },
    async write(ctx, state) {
      const key = conversationKey(ctx);
      if (key === undefined) return;
      await runStatement(db, { text: text.write, params: [key, JSON.stringify(state), clock.now().toISOString()] });
    },
    async delete(ctx) {
      const key = conversationKey(ctx);
      if (key === undefined) return;
      await runStatement(db, { text: text.delete, params: [key] });
    },
  };
}
