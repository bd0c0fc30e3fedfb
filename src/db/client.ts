import { mkdirSync, readFileSync } from "node:fs";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { sql, type SQL } from "drizzle-orm";
import { isConnectionLost, isDatabaseUnavailable } from "./db-errors.ts";
import { DataDirLockedError, lockDataDir } from "./data-dir-lock.ts";
import type { EmbeddedKind } from "./embedded-choice.ts";
import * as schema from "./schema.ts";
import type { Sql } from "postgres";

export type Schema = typeof schema;
/** The one database type every repository takes: PGlite and postgres.js look the same through it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /**
   * Whether the commits the bot can afford to lose in a crash of the database server (the update-id claim,
   * conversation state) may skip waiting for the WAL flush (`synchronous_commit = off`). True only on a
   * PostgreSQL server, whose WAL writer flushes them within a fraction of a second. PGlite has no background
   * writer: such a commit stays in memory until a later synchronous one, and a kill of the process (which is
   * a crash of the embedded database) loses it, however long ago it was made. So on PGlite every commit waits.
   */
  readonly asyncCommit: boolean;
  /**
   * Run `fn` while holding a cluster-wide advisory lock (a no-op lock on PGlite, which has one process).
   * `lost` is aborted if the lock's database session ends while `fn` runs (the lock is gone with it).
   */
  withAdvisoryLock<T>(key: number, fn: (lost: AbortSignal) => Promise<T>): Promise<T>;
  /** Try the lock without waiting; returns undefined when another process holds it. */
  tryAdvisoryLock<T>(key: number, fn: (lost: AbortSignal) => Promise<T>): Promise<T | undefined>;
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
  /**
   * Replaces every connection with new ones (PostgreSQL), for when the driver failed outside any query
   * and may have left a connection unusable. Queries in progress fail; the next ones run on new connections.
   */
  reopen(): Promise<void>;
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
  /** An embedded database in a directory: who takes its lock ("bot", "cli"), named to a second process that is refused. */
  program?: string;
  /** Which embedded database a data directory gets (EMBEDDED_DATABASE); see embedded-choice.ts for the default. */
  embedded?: EmbeddedKind;
  /** The embedded PostgreSQL server's own log lines (failures only). */
  onServerLog?: (line: string) => void;
  /** As root: the system user the embedded PostgreSQL server runs as (EMBEDDED_POSTGRES_USER). */
  runAsUser?: string;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.maxConnections ?? 10, opts.lockConnections ?? 10);
  const dir = opts.dataDir ?? "memory://";
  if (dir.startsWith("memory://") || opts.loadDataDir) return openPglite(opts);
  const { chooseEmbedded } = await import("./embedded-choice.ts");
  return chooseEmbedded(dir, opts.embedded) === "postgres" ? openEmbeddedPostgres(dir, opts) : openPglite(opts);
}

/**
 * The embedded PostgreSQL server in DATA_DIR/postgres, started for this process (and stopped by its close), with
 * fewer connections than on a server of its own: each one is a server process of several MB. The CLI, while the
 * bot holds the data directory, connects to the bot's server instead of being refused.
 */
async function openEmbeddedPostgres(dir: string, opts: OpenOptions): Promise<Database> {
  const { startEmbeddedServer, runningServerConnection } = await import("./embedded-postgres.ts");
  const max = opts.maxConnections ?? EMBEDDED_CONNECTIONS;
  const lockMax = opts.lockConnections ?? EMBEDDED_CONNECTIONS;
  mkdirSync(dir, { recursive: true });
  let unlock: () => void;
  try {
    unlock = lockDataDir(dir, opts.program ?? "bot");
  } catch (err) {
    const running = err instanceof DataDirLockedError && err.holder.program === "bot" && opts.program === "cli" ? runningServerConnection(dir) : undefined;
    if (!running) throw err;
    return openPostgres(running, max, lockMax);
  }
  try {
    const server = await startEmbeddedServer({ dataDir: dir, ...(opts.onServerLog ? { onLog: opts.onServerLog } : {}), ...(opts.runAsUser ? { runAsUser: opts.runAsUser } : {}) });
    const database = await openPostgres(server.connection, max, lockMax).catch(async (err: unknown) => {
      await server.stop();
      throw err;
    });
    return {
      ...database,
      close: async () => {
        try {
          await database.close();
        } finally {
          await server.stop();
          unlock();
        }
      },
    };
  } catch (err) {
    unlock();
    throw err;
  }
}

/** Query and lock connections of the embedded server, each (see EMBEDDED_SETTINGS' max_connections). */
const EMBEDDED_CONNECTIONS = 4;

async function openPglite(opts: OpenOptions): Promise<Database> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const dir = opts.dataDir ?? "memory://";
  let unlock: () => void = () => undefined;
  if (!dir.startsWith("memory://")) {
    mkdirSync(dir, { recursive: true });
    // One process per data directory (throws DataDirLockedError while another one has it).
    unlock = lockDataDir(dir, opts.program ?? "bot");
  }
  let client: Awaited<ReturnType<typeof PGlite.create>>;
  try {
    client = await PGlite.create(dir, opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {});
  } catch (err) {
    unlock();
    throw err;
  }
  const db = drizzle(client, { schema }) as unknown as Db;
  // PGlite lives in this process, so in-process locks are exact: one promise chain per key.
  const chatLocks = new KeyedMutex();
  // Advisory locks: one chain for all keys (PGlite has a single connection anyway).
  let chain: Promise<unknown> = Promise.resolve();
  const held = new AbortController().signal; // never lost: the database is in this process
  const withLock = <T>(fn: (lost: AbortSignal) => Promise<T>): Promise<T> => {
    const run = chain.then(() => fn(held), () => fn(held));
    chain = run.catch(() => undefined);
    return run;
  };
  return {
    db,
    kind: "pglite",
    asyncCommit: false,
    withAdvisoryLock: (_key, fn) => withLock(fn),
    tryAdvisoryLock: (_key, fn) => withLock(fn),
    withChatLock: (chatId, fn, reads = []) => chatLocks.run(chatId, () => withoutLock(db, fn, reads)),
    isReady: () => migrationsApplied(db),
    reopen: async () => undefined,
    close: async () => {
      try {
        await client.close();
      } finally {
        unlock();
      }
    },
  };
}

/** A server by URL, or the embedded server's unix socket. */
type PostgresTarget = string | { path: string; username: string; database: string };

function connectTo(postgres: typeof import("postgres"), target: PostgresTarget, options: import("postgres").Options<{}>): Sql {
  return typeof target === "string" ? postgres(target, options) : postgres({ ...target, ...options });
}

async function openPostgres(url: PostgresTarget, max: number, lockMax: number): Promise<Database> {
  const postgres = (await import("postgres")).default;
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const newClient = () => {
    const client = connectTo(postgres, url, { max, onnotice: () => undefined });
    drizzle(client); // sets drizzle's value parsers on the client's options, as the database below expects
    return client;
  };
  let client = newClient();
  // Session-level advisory locks need one session held for the whole critical section: a small pool of
  // single-connection clients, apart from the query pool so locks can never starve queries.
  let sessions = new LockSessions(() => openLockSession(postgres, url), lockMax);
  const db = drizzle(preparing(() => client), { schema }) as unknown as Db;
  const locked = async <T>(
    acquire: (s: Sql) => Promise<boolean>,
    release: (s: Sql) => Promise<unknown>,
    fn: (lost: AbortSignal) => Promise<T>,
  ): Promise<T | undefined> => {
    const pool = sessions;
    const session = await pool.acquire();
    // A session whose connection failed is replaced by a new client rather than reused: postgres.js would make
    // its next connection attempt wait out a backoff that grows with every failure (up to 20 s).
    let healthy = true;
    try {
      const closes = session.closes;
      if (!(await acquire(session.sql))) return undefined;
      const lost = new AbortController();
      const unwatch = session.watch(() => lost.abort(new Error("the advisory lock's database session ended")));
      try {
        if (session.closes !== closes) lost.abort();
        return await fn(lost.signal);
      } finally {
        unwatch();
        // A session that ended took its locks with it; nothing to let go (and its client would reconnect for it).
        if (lost.signal.aborted) healthy = false;
        else healthy = await settlesWithin(release(session.sql), UNLOCK_TIMEOUT_MS);
      }
    } catch (err) {
      if (isDatabaseUnavailable(err)) healthy = false;
      throw err;
    } finally {
      pool.release(session, healthy);
    }
  };
  return {
    db,
    kind: "postgres",
    asyncCommit: true,
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
    withChatLock: (chatId, fn, reads) => chatLocked(sessions, chatId, fn, reads ?? []),
    isReady: () => migrationsApplied(db),
    reopen: async () => {
      const [oldClient, oldSessions] = [client, sessions];
      client = newClient();
      sessions = new LockSessions(() => openLockSession(postgres, url), lockMax);
      await Promise.allSettled([oldSessions.end(0), oldClient.end({ timeout: 0 })]);
    },
    close: async () => {
      await sessions.end(5);
      await client.end({ timeout: 5 });
    },
  };
}

/** How long letting go of an advisory lock may take before its session is given up (which lets go of it too). */
const UNLOCK_TIMEOUT_MS = 5_000;

/** True when `p` settles in time without a connection failure. */
async function settlesWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(resolve, ms, false)));
  try {
    return await Promise.race([p.then(() => true, (err: unknown) => !isDatabaseUnavailable(err)), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * One PostgreSQL session for advisory locks: a client with a single connection, never reserved. postgres.js
 * writes to a reserved connection (reserve(), and begin()'s rollback) without checking that it is still open,
 * and a write to one that closed throws a TypeError outside any promise, which ends the process
 * (porsager/postgres#1208). A plain client's queue reconnects instead; `closes` tells whether the session
 * that took a lock is still the one the connection is on.
 */
interface LockSession {
  readonly sql: Sql;
  /** How many times its connection has closed (a session lock does not outlive its connection). */
  readonly closes: number;
  /** Calls `onClose` when the connection closes; returns the unsubscribe. */
  watch(onClose: () => void): () => void;
}

function openLockSession(postgres: typeof import("postgres"), url: PostgresTarget): LockSession {
  const watchers = new Set<() => void>();
  let closes = 0;
  const sql = connectTo(postgres, url, {
    max: 1,
    // A lock may be held for hours (the outbox leader): the connection must not be recycled under it.
    max_lifetime: 0,
    onnotice: () => undefined,
    onclose: () => {
      closes++;
      for (const w of [...watchers]) w();
    },
  });
  return {
    sql,
    get closes() {
      return closes;
    },
    watch(onClose) {
      watchers.add(onClose);
      return () => void watchers.delete(onClose);
    },
  };
}

/** Up to `max` lock sessions, opened on demand and handed out one holder at a time, in call order. */
class LockSessions {
  private readonly all = new Set<LockSession>();
  private readonly idle: LockSession[] = [];
  private readonly waiting: Array<(s: LockSession) => void> = [];

  constructor(private readonly open: () => LockSession, private readonly max: number) {}

  async acquire(): Promise<LockSession> {
    const ready = this.idle.pop();
    if (ready) return ready;
    if (this.all.size < this.max) {
      const session = this.open();
      this.all.add(session);
      return session;
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Hands the session back; one that did not answer in time is closed (and its locks with it) and replaced. */
  release(session: LockSession, healthy = true): void {
    if (!healthy) {
      this.all.delete(session);
      void session.sql.end({ timeout: 0 }).catch(() => undefined);
      const next = this.waiting.shift();
      if (next) void this.acquire().then(next);
      return;
    }
    const next = this.waiting.shift();
    if (next) next(session);
    else this.idle.push(session);
  }

  async end(timeoutSeconds: number): Promise<void> {
    await Promise.allSettled([...this.all].map((s) => s.sql.end({ timeout: timeoutSeconds })));
  }
}

/**
 * The per-chat lock on PostgreSQL: a session advisory lock on a lock session. The `reads` are sent with
 * the lock statement and the `atUnlock` statements with the unlock (pipelined on that session's connection:
 * one round trip each, and each still its own statement, so the reads see everything committed before the
 * lock was granted, and the last writes are committed before it is let go). If the session ended meanwhile,
 * the lock went with it: the last statements still run (on a new connection) and there is nothing to unlock.
 * Lock sessions have no drizzle on them: their values are postgres.js's own (json parsed, timestamps as Date).
 */
async function chatLocked<T>(
  sessions: LockSessions,
  chatId: number,
  fn: (scope: ChatLockScope) => Promise<T>,
  reads: readonly Statement[],
): Promise<T> {
  const session = await sessions.acquire();
  const closes = session.closes;
  let healthy = true;
  try {
    const lock = onSession(session.sql, { text: CHAT_LOCK, params: [LOCKS.chat, chatId] });
    const first = reads.map((r) => onSession(session.sql, r));
    // Each is awaited in turn below; a failure of one must not go unhandled while an earlier one is awaited.
    for (const q of first) q.catch(() => undefined);
    await lock;
    const pending = new Map<string, Statement>();
    let result: T;
    try {
      const results: Array<Array<Record<string, unknown>>> = [];
      for (const q of first) results.push((await q) as unknown as Array<Record<string, unknown>>);
      result = await fn({ results, atUnlock: (slot, query) => void pending.set(slot, query) });
    } finally {
      const last = [...pending.values()].map((q) => onSession(session.sql, q));
      for (const q of last) q.catch(() => undefined);
      // A connection lost before its close was noticed has let the lock go with it (the server ends the session): the
      // section itself is done, so its result stands and the session is replaced.
      if (session.closes === closes)
        await onSession(session.sql, { text: CHAT_UNLOCK, params: [LOCKS.chat, chatId] }).catch((err: unknown) => {
          if (!isConnectionLost(err)) throw err;
          healthy = false;
        });
      // Failures of the last statements surface once the lock is let go.
      for (const q of last) await q;
    }
    return result;
  } catch (err) {
    if (isDatabaseUnavailable(err)) healthy = false;
    throw err;
  } finally {
    sessions.release(session, healthy && session.closes === closes);
  }
}

const CHAT_LOCK = "select pg_advisory_lock($1::int, hashint8($2::bigint))";
const CHAT_UNLOCK = "select pg_advisory_unlock($1::int, hashint8($2::bigint))";

/** A fixed-text statement as a postgres.js query on a lock session, sent now. */
function onSession(sql: Sql, statement: Statement) {
  return sql.unsafe(statement.text, statement.params as never[], { prepare: true }).execute();
}

/**
 * The query pool as drizzle sees it: always the current client (reopen() replaces it), with two changes.
 *
 * postgres.js runs a statement that is not prepared in two round trips (describe it to learn the
 * parameter types, then bind and execute), and drizzle prepares nothing unless asked. A named prepared
 * statement, kept per connection, takes one round trip from its second use on. So every statement of a
 * bounded size is prepared; big ones (bulk inserts, long IN lists) are not, so the statements kept per
 * connection stay few (connections are recycled by postgres.js's max_lifetime anyway).
 *
 * A transaction whose connection is lost must not roll back: postgres.js would write the ROLLBACK to the
 * closed connection, which throws outside any promise and ends the process (porsager/postgres#1154). Its
 * body is left unsettled instead; begin() itself fails with the connection's error when the connection
 * closes, and the server has rolled the transaction back already.
 */
function preparing(current: () => Sql): Sql {
  return new Proxy(current(), {
    get(_target, prop) {
      const client = current();
      if (prop === "unsafe") {
        const unsafe = client.unsafe.bind(client);
        return (text: string, params?: unknown[], options?: { prepare?: boolean }) =>
          unsafe(text, params as never[], { ...options, prepare: options?.prepare || preparable(text, params) });
      }
      if (prop === "begin") {
        return (...args: unknown[]) => {
          const fn = args.pop() as (tx: Sql) => Promise<unknown>;
          let over = false;
          const run = (client.begin as (...a: unknown[]) => Promise<unknown>)(...args, (tx: Sql) =>
            fn(closedAfter(tx, () => over)).catch(unlessConnectionLost),
          );
          // Settled, or failed because its connection closed while the body awaited something else.
          void run.then(
            () => (over = true),
            () => (over = true),
          );
          return run;
        };
      }
      return Reflect.get(client, prop);
    },
    has: (_target, prop) => Reflect.has(current(), prop),
  });
}

/** A transaction's client that refuses statements once the transaction is `over` (they would go to a closed connection). */
function closedAfter(tx: Sql, over: () => boolean): Sql {
  return new Proxy(tx, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if ((prop !== "unsafe" && prop !== "savepoint") || typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (over()) throw Object.assign(new Error("the transaction is over: its connection closed"), { code: "CONNECTION_CLOSED" });
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

/** Rethrows `err`, unless the connection was lost: then never settles (see `preparing`). */
function unlessConnectionLost(err: unknown): Promise<never> {
  if (isConnectionLost(err)) return new Promise<never>(() => undefined);
  throw err;
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
