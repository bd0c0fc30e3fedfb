import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DataDirLockedError, LOCK_FILE, lockDataDir } from "../../src/db/data-dir-lock.ts";

describe("the data directory lock", () => {
  const dir = mkdtempSync(join(tmpdir(), "itbot-lockfile-"));
  const path = join(dir, LOCK_FILE);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const holder = (pid: number) => writeFileSync(path, JSON.stringify({ pid, program: "cli", since: "2026-12-01T00:00:00.000Z" }));

  it("is taken, refuses a second taker while held, and is let go", () => {
    const release = lockDataDir(dir, "bot");
    expect(JSON.parse(readFileSync(path, "utf8"))).toMatchObject({ pid: process.pid, program: "bot" });
    // Another live process asking (simulated: our pid is not "ours" to a checker that says every pid is alive).
    holder(process.ppid);
    expect(() => lockDataDir(dir, "cli")).toThrow(DataDirLockedError);
    try {
      lockDataDir(dir, "cli");
    } catch (err) {
      expect((err as DataDirLockedError).holder).toMatchObject({ pid: process.ppid, program: "cli" });
    }
    // The file is no longer ours, so letting go leaves it alone.
    release();
    expect(existsSync(path)).toBe(true);
    rmSync(path);
  });

  it("takes over a stale lock: its process is gone, it is half-written, or it is this very pid (a restarted container)", () => {
    const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString();
    for (const stale of [() => holder(Number(gone)), () => writeFileSync(path, "{\"pi"), () => holder(process.pid)]) {
      stale();
      const release = lockDataDir(dir, "bot");
      expect(JSON.parse(readFileSync(path, "utf8"))).toMatchObject({ pid: process.pid, program: "bot" });
      release();
      expect(existsSync(path)).toBe(false);
    }
  });
});
