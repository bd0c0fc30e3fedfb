import { mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { sql, type SQL } from "drizzle-orm";
import * as schema from "./schema.ts";
import type { ReservedSql } from "postgres";

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
   */
  withChatLock<T>(chatId: number, fn: () => Promise<T>): Promise<T>;
  /** True when the database answers and every committed migration is applied. */
  isReady(): Promise<boolean>;
  close(): Promise<void>;
}

export const MIGRATIONS_DIR = fileURLToPath(new URL("../../migrations", import.meta.url));

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
    withChatLock: (chatId, fn) => chatLocks.run(chatId, fn),
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
  const db = drizzle(client, { schema }) as unknown as Db;
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
    withChatLock: (chatId, fn) =>
      locked(
        async (c) => (await c`select pg_advisory_lock(${LOCKS.chat}, hashint8(${chatId}::bigint))`, true),
        (c) => c`select pg_advisory_unlock(${LOCKS.chat}, hashint8(${chatId}::bigint))`,
        fn,
      ) as Promise<Awaited<ReturnType<typeof fn>>>,
    isReady: () => migrationsApplied(db),
    close: async () => {
      await lockClient.end({ timeout: 5 });
      await client.end({ timeout: 5 });
    },
  };
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
