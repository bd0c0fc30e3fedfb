import { mkdirSync, readFileSync } from "node:fs";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { sql, type SQL } from "drizzle-orm";
import { isDatabaseUnavailable } from "./db-errors.ts";
import * as schema from "./schema.ts";
import type { ReservedSql, Sql } from "postgres";

export type Schema = typeof schema;
/** The one database type every repository takes: PGlite and postgres.js look the same through it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /** Run `fn` while holding a cluster-wide advisory lock (a no-op lock on PGlite, which has one process). */
  withAdvisoryLock<T>(key: number, fn: () => Promise<T>): Promise<T>;
  /** Try the lock without waiting; returns undefined when another process holds it. */
  tryAdvisoryLock<T>(key: number, fn: () => Promise<T>): Promise<T | undefined>;
  /**
   * Serialises work on one chat across every instance sharing the database (a per-chat advisory
   * lock on PostgreSQL; on PGlite there is one process and grammY's sequentialize already does it).
   * `reads` run right after the lock is taken and `scope.atUnlock` right before it is let go; on
   * PostgreSQL the reads share a round trip with the lock statement on the connection holding the lock,
   * and the last statements share one with the unlock.
   */
  withChatLock<T>(chatId: number, fn: (scope: ChatLockScope) => Promise<T>, reads?: readonly Statement[]): Promise<T>;
  /** True when the database answers and every committed migration is applied. */
  isReady(): Promise<boolean>;
  close(): Promise<void>;
}

/** What a chat's critical section can do with the lock's own round trips. */
export interface ChatLockScope {
  /** Rows of each of the `reads` given to withChatLock (run once the lock is held), in their order. */
  readonly results: ReadonlyArray<Array<Record<string, unknown>>>;
  /**
   * Runs `query` at the end of the critical section, before the lock is let go (the last one given wins
   * per `slot`). withChatLock fails with its error, if any, after letting go of the lock.
   */
  atUnlock(slot: string, query: Statement): void;
}

/**
 * A statement of fixed text and its parameters, for the per-update path: no query building on each call,
 * and on PostgreSQL one prepared statement per connection. The text must not depend on the values.
 */
export interface Statement {
  readonly text: string;
  readonly params: readonly unknown[];
}

/**
 * Rows of a fixed-text statement, whichever driver runs it. Values come back as from `queryRows`
 * (timestamps and dates as text, json parsed). In a transaction it is sent through drizzle.
 */
export async function runStatement<T = Record<string, unknown>>(db: Db, statement: Statement): Promise<T[]> {
  const client = (db as unknown as { $client?: StatementClient }).$client;
  // A transaction has no client of its own: its statements go through drizzle.
  if (!client) return queryRows<T>(db, asDrizzleSql(statement));
  if ("unsafe" in client) return (await client.unsafe(statement.text, statement.params as never[], { prepare: true })) as unknown as T[];
  return (await client.query(statement.text, statement.params as unknown[], PGLITE_RAW)).rows as T[];
}

function asDrizzleSql(statement: Statement): SQL {
  const parts = statement.text.split(/\$(\d+)/);
  return sql.join(parts.map((part, i) => (i % 2 === 1 ? sql`${statement.params[Number(part) - 1]}` : sql.raw(part))));
}

type StatementClient =
  | Pick<Sql, "unsafe">
  | { query(text: string, params: unknown[], options: object): Promise<{ rows: unknown[] }> };

/** What drizzle's PGlite driver asks for raw queries: dates and timestamps as text, as postgres.js gives them. */
const PGLITE_RAW = {
  rowMode: "object",
  parsers: Object.fromEntries([1082, 1114, 1184, 1186, 1231, 1115, 1185, 1187, 1182].map((oid) => [oid, (v: string) => v])),
};

import { MIGRATIONS_DIR } from "../config/paths.ts";
export { MIGRATIONS_DIR };

/** Lock keys, one per job that must run on one instance only. */
export const LOCKS = { migrate: 7_001, scheduler: 7_002, chat: 7_003 } as const;

export interface OpenOptions {
  databaseUrl?: string;
  /** Directory for PGlite; "memory://" for an in-memory database. */
  dataDir?: string;
  /** A PGlite dump (from dumpDataDir) to start from, used by tests. */
  loadDataDir?: Blob;
  maxConnections?: number;
  /** Connections kept for advisory locks, apart from the query pool so locks can never starve queries. */
  lockConnections?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  return opts.databaseUrl
    ? openPostgres(opts.databaseUrl, opts.maxConnections ?? 10, opts.lockConnections ?? 10)
    : openPglite(opts);
}

async function openPglite(opts: OpenOptions): Promise<Database> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const dir = opts.dataDir ?? "memory://";
  if (!dir.startsWith("memory://")) mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir, opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {});
  const db = drizzle(client, { schema }) as unknown as Db;
  // PGlite lives in this process, so in-process locks are exact: one promise chain per key.
  const chatLocks = new KeyedMutex();
  // Advisory locks: one chain for all keys (PGlite has a single connection anyway).
  let chain: Promise<unknown> = Promise.resolve();
  const withLock = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = chain.then(fn, fn);
    chain = run.catch(() => undefined);
    return run;
  };
  return {
    db,
    kind: "pglite",
    withAdvisoryLock: (_key, fn) => withLock(fn),
    tryAdvisoryLock: (_key, fn) => withLock(fn),
    withChatLock: (chatId, fn, reads = []) => chatLocks.run(chatId, () => withoutLock(db, fn, reads)),
    isReady: () => migrationsApplied(db),
    close: async () => {
      await client.close();
    },
  };
}

async function openPostgres(url: string, max: number, lockMax: number): Promise<Database> {
  const postgres = (await import("postgres")).default;
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const client = postgres(url, { max, onnotice: () => undefined });
  // Session-level advisory locks need one connection held for the whole critical section.
  const lockClient = postgres(url, { max: lockMax, onnotice: () => undefined });
  const db = drizzle(preparing(client), { schema }) as unknown as Db;
  const locked = async <T>(
    acquire: (c: ReservedSql) => Promise<boolean>,
    release: (c: ReservedSql) => Promise<unknown>,
    fn: () => Promise<T>,
  ): Promise<T | undefined> => {
    const conn = await lockClient.reserve();
    try {
      if (!(await acquire(conn))) return undefined;
      try {
        return await fn();
      } finally {
        await release(conn);
      }
    } finally {
      conn.release();
    }
  };
  return {
    db,
    kind: "postgres",
    withAdvisoryLock: (key, fn) =>
      locked(
        async (c) => (await c`select pg_advisory_lock(${key})`, true),
        (c) => c`select pg_advisory_unlock(${key})`,
        fn,
      ) as Promise<Awaited<ReturnType<typeof fn>>>,
    tryAdvisoryLock: (key, fn) =>
      locked(
        async (c) => Boolean((await c`select pg_try_advisory_lock(${key}) as ok`)[0]?.ok),
        (c) => c`select pg_advisory_unlock(${key})`,
        fn,
      ),
    withChatLock: (chatId, fn, reads) => chatLocked(lockClient, chatId, fn, reads ?? []),
    isReady: () => migrationsApplied(db),
    close: async () => {
      await lockClient.end({ timeout: 5 });
      await client.end({ timeout: 5 });
    },
  };
}

/**
 * The per-chat lock on PostgreSQL: a session advisory lock on a connection of the lock pool. The `reads`
 * are sent with the lock statement and the `atUnlock` statements with the unlock (pipelined on that
 * connection: one round trip each, and each still its own statement, so the reads see everything
 * committed before the lock was granted, and the last writes are committed before it is let go).
 * The lock pool has no drizzle on it: its values are postgres.js's own (json parsed, timestamps as Date).
 */
async function chatLocked<T>(
  lockClient: Sql,
  chatId: number,
  fn: (scope: ChatLockScope) => Promise<T>,
  reads: readonly Statement[],
): Promise<T> {
  const conn = await lockClient.reserve();
  // postgres.js puts a released connection back in its pool even when it has just closed, and the next
  // query there fails with a TypeError outside any promise: a connection that broke is not released
  // (the pool already counts it as closed and reconnects it).
  let broken = false;
  const watch = <P extends Promise<unknown>>(q: P): P => {
    q.catch((err: unknown) => void (broken ||= isDatabaseUnavailable(err)));
    return q;
  };
  try {
    const lock = watch(conn.unsafe(CHAT_LOCK, [LOCKS.chat, chatId], { prepare: true }).execute());
    const first = reads.map((r) => watch(onConnection(conn, r)));
    await lock;
    const pending = new Map<string, Statement>();
    let result: T;
    try {
      const results: Array<Array<Record<string, unknown>>> = [];
      for (const q of first) results.push((await q) as unknown as Array<Record<string, unknown>>);
      result = await fn({ results, atUnlock: (slot, query) => void pending.set(slot, query) });
    } finally {
      const last = [...pending.values()].map((q) => watch(onConnection(conn, q)));
      await watch(conn.unsafe(CHAT_UNLOCK, [LOCKS.chat, chatId], { prepare: true }).execute());
      // Failures of the last statements surface once the lock is let go.
      for (const q of last) await q;
    }
    return result;
  } finally {
    if (!broken) conn.release();
  }
}

const CHAT_LOCK = "select pg_advisory_lock($1::int, hashint8($2::bigint))";
const CHAT_UNLOCK = "select pg_advisory_unlock($1::int, hashint8($2::bigint))";

/** A fixed-text statement as a postgres.js query on one given connection, sent now. */
function onConnection(conn: ReservedSql, statement: Statement) {
  return conn.unsafe(statement.text, statement.params as never[], { prepare: true }).execute();
}

/**
 * postgres.js runs a statement that is not prepared in two round trips (describe it to learn the
 * parameter types, then bind and execute), and drizzle prepares nothing unless asked. A named prepared
 * statement, kept per connection, takes one round trip from its second use on. So every statement of a
 * bounded size is prepared; big ones (bulk inserts, long IN lists) are not, so the statements kept per
 * connection stay few (connections are recycled by postgres.js's max_lifetime anyway).
 */
function preparing(client: Sql): Sql {
  const unsafe = client.unsafe.bind(client);
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop !== "unsafe") return Reflect.get(target, prop, receiver);
      return (text: string, params?: unknown[], options?: { prepare?: boolean }) =>
        unsafe(text, params as never[], { ...options, prepare: options?.prepare || preparable(text, params) });
    },
  });
}

function preparable(text: string, params: unknown[] | undefined): boolean {
  return (params?.length ?? 0) <= 64 && text.length <= 8_000;
}

/** Every migration in the committed journal is recorded as applied. */
async function migrationsApplied(db: Db): Promise<boolean> {
  try {
    const journal = JSON.parse(readFileSync(`${MIGRATIONS_DIR}/meta/_journal.json`, "utf8")) as { entries: unknown[] };
    const rows = await queryRows<{ n: number | string }>(db, sql`select count(*) as n from drizzle.__drizzle_migrations`);
    return Number(rows[0]?.n ?? 0) >= journal.entries.length;
  } catch {
    return false;
  }
}

/** Applies the committed migrations; safe when several instances start at once. */
export async function migrateDatabase(database: Database): Promise<void> {
  await database.withAdvisoryLock(LOCKS.migrate, async () => {
    if (database.kind === "pglite") {
      const { migrate } = await import("drizzle-orm/pglite/migrator");
      await migrate(database.db as never, { migrationsFolder: MIGRATIONS_DIR });
    } else {
      const { migrate } = await import("drizzle-orm/postgres-js/migrator");
      await migrate(database.db as never, { migrationsFolder: MIGRATIONS_DIR });
    }
  });
}

/** Rows of a raw query, whichever driver ran it (PGlite returns {rows}, postgres.js an array). */
export async function queryRows<T = Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown;
  if (Array.isArray(res)) return res as T[];
  return ((res as { rows?: T[] }).rows ?? []) as T[];
}

export { sql };

/**
 * A chat's critical section with nothing to hold: the reads, `fn`, then the `atUnlock` statements, one after
 * the other on the pool (PGlite serialises chats in process; the report-filing bench measures the lock's cost).
 */
export async function withoutLock<T>(db: Db, fn: (scope: ChatLockScope) => Promise<T>, reads: readonly Statement[] = []): Promise<T> {
  const results: Array<Array<Record<string, unknown>>> = [];
  for (const read of reads) results.push(await runStatement(db, read));
  const pending = new Map<string, Statement>();
  const result = await fn({ results, atUnlock: (slot, query) => void pending.set(slot, query) });
  for (const query of pending.values()) await runStatement(db, query);
  return result;
}

/** Runs functions one at a time per key, in call order; keys with nothing queued are forgotten. */
class KeyedMutex {
  private readonly tails = new Map<number, Promise<unknown>>();
  run<T>(key: number, fn: () => Promise<T>): Promise<T> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    const result = prev.then(fn, fn);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
