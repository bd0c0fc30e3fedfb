import { lt } from "drizzle-orm";
import { type Db, type Statement } from "../db/client.ts";
import { processedUpdates } from "../db/runtime.table.ts";
import type { Membership, Person } from "../features/people/people.table.ts";

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

/** What one round trip at the start of an update brings back. */
export interface UpdateStart {
  /** False when the update id was claimed before: the update must not act. */
  fresh: boolean;
  /** The speaker, when `telegramId` was given and is known. */
  person: Person | null;
  memberships: Membership[];
}

const startUpdateText = (prefix: string) => `${prefix},
  claim as (
    insert into processed_updates (update_id, processed_at)
    select $1::bigint, $2::timestamptz from async
    on conflict do nothing returning 1
  )
  select exists (select 1 from claim) as fresh,
    (select json_build_object(
        'id', p.id, 'telegramId', p.telegram_id, 'displayName', p.display_name, 'username', p.username,
        'locale', p.locale, 'active', p.active, 'createdAt', p.created_at,
        'memberships', coalesce((select json_agg(json_build_object(
            'id', m.id, 'personId', m.person_id, 'role', m.role, 'agencyId', m.agency_id, 'createdAt', m.created_at)
            order by m.id) from memberships m where m.person_id = p.id), '[]'::json))
      from people p where p.telegram_id = $3::bigint) as viewer`;
const START_UPDATE = {
  async: startUpdateText("with async as (select set_config('synchronous_commit', 'off', true) as v)"),
  durable: startUpdateText("with async as (select '' as v)"),
};

/**
 * The start of every update in one statement: claims the update id (as `claimUpdate`) and loads the
 * speaker with their roles (as `findPersonByTelegramId`). Its rows go to `readUpdateStart`; it can be sent
 * on the chat lock's connection along with the lock, or on its own (`runStatement`) for an update without a chat.
 *
 * With `asyncCommit` (a PostgreSQL server, `Database.asyncCommit`) the claim is committed with synchronous_commit
 * off (no wait for the WAL flush). That keeps the at-most-once guarantee for everything the update records:
 * any later durable commit (a draft answer, a submission...) flushes the WAL up to and past the claim. Only an
 * update that records nothing durable and meets a crash of the server in the next fraction of a second could,
 * if Telegram redelivers it, reply twice. Without it (embedded PGlite, which has no WAL writer) it is durable.
 */
export function startUpdateStatement(
  input: { updateId: number; at: Date; telegramId?: number },
  opts: { asyncCommit: boolean } = { asyncCommit: false },
): Statement {
  const params = [input.updateId, input.at.toISOString(), input.telegramId ?? null];
  return { text: START_UPDATE[opts.asyncCommit ? "async" : "durable"], params };
}

/** What `startUpdateStatement` found. */
export function readUpdateStart(rows: ReadonlyArray<Record<string, unknown>>): UpdateStart {
  const row = rows[0] as { fresh: boolean; viewer: unknown } | undefined;
  const raw = parseJson(row?.viewer) as (Omit<Person, "createdAt"> & { createdAt: string; memberships: Array<Omit<Membership, "createdAt"> & { createdAt: string }> }) | null;
  if (!raw) return { fresh: Boolean(row?.fresh), person: null, memberships: [] };
  const { memberships, createdAt, ...person } = raw;
  return {
    fresh: Boolean(row?.fresh),
    person: { ...person, telegramId: Number(person.telegramId), createdAt: new Date(createdAt) },
    memberships: memberships.map((m) => ({ ...m, createdAt: new Date(m.createdAt) })),
  };
}

/** json columns come back parsed from one driver and as text from the other. */
function parseJson(v: unknown): unknown {
  return typeof v === "string" ? JSON.parse(v) : (v ?? null);
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
