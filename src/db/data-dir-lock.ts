import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";
import { systemClock } from "../config/clock.ts";

/** The lock file's name inside DATA_DIR. */
export const LOCK_FILE = "itbot.lock";

/** What the lock file holds: who has the data directory. */
export interface LockHolder {
  pid: number;
  /** "bot" or "cli" (what the operator will recognise). */
  program: string;
  /** ISO instant the lock was taken. */
  since: string;
}

/** Another live process holds the data directory: the caller says so in the operator's language and stops. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly holder: LockHolder,
  ) {
    super(`${dir} is in use by process ${holder.pid} (${holder.program}) since ${holder.since}`);
  }
}

/**
 * Takes the embedded database's data directory for this process: one process at a time may open it, because
 * PGlite is a whole PostgreSQL inside its process with nothing shared between two of them (a second writer
 * corrupts the directory, and a second reader never sees the first one's changes, e.g. an invitation created
 * by the CLI while the bot runs). The lock is a file created exclusively, holding the pid; a lock left by a
 * process that is gone (kill -9, power loss) is stale and taken over. Liveness is checked by pid on this
 * machine, so the directory must not be shared between machines or containers running at once.
 * Returns the function that lets go of it (only while the file is still this process's).
 */
export function lockDataDir(dir: string, program: string, alive: (pid: number) => boolean = pidAlive): () => void {
  const path = join(dir, LOCK_FILE);
  const mine: LockHolder = { pid: process.pid, program, since: systemClock.now().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, "wx");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = readHolder(path);
      // Our own pid in the file is a previous life of this process slot (a restarted container is pid 1 again).
      if (holder && holder.pid !== process.pid && alive(holder.pid)) throw new DataDirLockedError(dir, holder);
      // Stale (its process is gone) or half-written by a process that died while writing it: take it over.
      try {
        unlinkSync(path);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
      }
      continue;
    }
    try {
      writeSync(fd, JSON.stringify(mine));
    } finally {
      closeSync(fd);
    }
    return () => {
      if (readHolder(path)?.pid === process.pid) unlinkSync(path);
    };
  }
  throw new Error(`could not take ${path}`);
}

function readHolder(path: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as Partial<LockHolder>;
    return typeof parsed.pid === "number" ? { pid: parsed.pid, program: String(parsed.program ?? "?"), since: String(parsed.since ?? "?") } : undefined;
  } catch {
    return undefined;
  }
}

/** True while a process with this pid exists (signal 0 checks without sending anything; EPERM: it exists, not ours). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
