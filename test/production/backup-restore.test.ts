import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import postgres from "postgres";
import { migrateDatabase, openDatabase, sql, queryRows, type Database } from "../../src/db/client.ts";
import { adminUrl, withDatabaseName } from "../support/pg-url.ts";

/**
 * deploy/backup.sh and deploy/restore.sh (what docker-compose.yml's `backup` service and the README's restore
 * run) against a PostgreSQL server: the suite's own (DATABASE_URL) or the local one at 127.0.0.1:5432, which
 * .ci/run starts in both runs. The databases are this file's own, dropped afterwards.
 */
const server = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

describe("backup and restore scripts", () => {
  const suffix = `${process.pid}_${randomBytes(3).toString("hex")}`;
  const names = { source: `itbot_bk_src_${suffix}`, target: `itbot_bk_dst_${suffix}` };
  const admin = postgres(adminUrl(server), { max: 1, onnotice: () => undefined });
  const backupDir = mkdtempSync(join(tmpdir(), "itbot-backups-"));
  let source: Database;

  /** libpq's variables for one database: what the scripts read (no URL, so any password would do). */
  const pgEnv = (database: string) => {
    const u = new URL(server);
    return {
      PATH: process.env.PATH ?? "",
      PGHOST: u.hostname,
      PGPORT: u.port || "5432",
      PGUSER: decodeURIComponent(u.username) || "postgres",
      PGPASSWORD: decodeURIComponent(u.password),
      PGDATABASE: database,
      BACKUP_DIR: backupDir,
    };
  };
  const run = (script: string, database: string, args: string[] = [], env: Record<string, string> = {}) =>
    execFileSync("sh", [join("deploy", script), ...args], { env: { ...pgEnv(database), ...env }, encoding: "utf8" });
  const dumps = () => readdirSync(backupDir).filter((f) => f.endsWith(".dump")).sort();
  const agencyNames = async (db: Database) =>
    (await queryRows<{ name: string }>(db.db, sql`select name from agencies order by code`)).map((r) => r.name);

  beforeAll(async () => {
    for (const n of Object.values(names)) await admin.unsafe(`create database "${n}"`);
    source = await openDatabase({ databaseUrl: withDatabaseName(server, names.source), maxConnections: 2 });
    await migrateDatabase(source);
    await source.db.execute(sql`insert into agencies (code, name, kind) values ('SO-A', 'Sở A', 'department'), ('SO-B', 'Sở B', 'department')`);
  });
  afterAll(async () => {
    await source?.close();
    for (const n of Object.values(names)) await admin.unsafe(`drop database if exists "${n}" with (force)`);
    await admin.end();
    rmSync(backupDir, { recursive: true, force: true });
  });

  it("backs up into a timestamped archive and keeps only the newest BACKUP_KEEP", () => {
    // Two older archives from earlier days.
    for (const day of ["20200101", "20200102"]) writeFileSync(join(backupDir, `itbot-${day}T030000Z.dump`), "old");
    run("backup.sh", names.source, [], { BACKUP_KEEP: "2" });
    expect(dumps()).toHaveLength(2);
    expect(dumps()[0]).toBe("itbot-20200102T030000Z.dump");
    expect(dumps()[1]).toMatch(/^itbot-\d{8}T\d{6}Z\.dump$/);
    expect(readdirSync(backupDir).filter((f) => f.includes("partial"))).toEqual([]);
  });

  it("restores into an empty database: the data and the applied migrations come back, and the bot sees it ready", async () => {
    const file = dumps().at(-1);
    run("restore.sh", names.target, [join(backupDir, file!)]);
    const target = await openDatabase({ databaseUrl: withDatabaseName(server, names.target), maxConnections: 2 });
    try {
      expect(await agencyNames(target)).toEqual(["Sở A", "Sở B"]);
      expect(await target.isReady()).toBe(true);
    } finally {
      await target.close();
    }
  });

  it("restores over the live database, undoing what happened after the backup", async () => {
    const file = dumps().at(-1);
    await source.db.execute(sql`delete from agencies where code = 'SO-B'`);
    await source.db.execute(sql`insert into agencies (code, name, kind) values ('SO-C', 'Sở C', 'department')`);
    await source.close();
    run("restore.sh", names.source, [join(backupDir, file!)]);
    source = await openDatabase({ databaseUrl: withDatabaseName(server, names.source), maxConnections: 2 });
    expect(await agencyNames(source)).toEqual(["Sở A", "Sở B"]);
  });

  it("refuses a missing file and leaves the database untouched", async () => {
    expect(() => run("restore.sh", names.source, [join(backupDir, "nope.dump")])).toThrow(/no such backup file/);
    expect(await agencyNames(source)).toEqual(["Sở A", "Sở B"]);
  });
});
