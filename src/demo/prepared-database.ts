import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { Config } from "../config/config.ts";
import { APP_ROOT, LOCALES_DIR, MIGRATIONS_DIR, TEMPLATES_DIR } from "../config/paths.ts";
import { migrateDatabase, openDatabase, type Database } from "../db/client.ts";

/** Where prepared demo databases are kept: node_modules' cache folder (never committed, gone with node_modules). */
export const DEMO_CACHE_DIR = join(APP_ROOT, "node_modules", ".cache", "itbot-demo");

/**
 * The name of the prepared database for this run: a hash of everything the migrated and seeded database depends
 * on (migrations, the source code with its seeds, templates, locales), the locale and time zone, and the local
 * date, because the seeds place periods and past reports around "now". A copy made earlier the same day is used
 * as it is (its seeded timestamps are of that earlier run); any change to the code or another day builds anew.
 */
export function preparedDatabaseKey(config: Config, now: Date): string {
  const hash = createHash("sha256");
  for (const dir of [MIGRATIONS_DIR, join(APP_ROOT, "src"), TEMPLATES_DIR, LOCALES_DIR]) {
    for (const file of filesUnder(dir)) hash.update(relative(APP_ROOT, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: config.REPORT_TIMEZONE, dateStyle: "short" }).format(now);
  hash.update(`${config.DEFAULT_LOCALE}|${config.REPORT_TIMEZONE}|${day}`);
  return `${day}-${hash.digest("hex").slice(0, 16)}`;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile())
    .sort();
}

export interface PreparedDatabase {
  database: Database;
  /** True when it came from the cache, already seeded. */
  seeded: boolean;
  /** After seeding a fresh one: keep a copy for the next runs (only the newest copy is kept). */
  save(): Promise<void>;
}

/** The cached, seeded in-memory PGlite for `key`, or a fresh migrated one to seed and then save. */
export async function openPreparedDatabase(key: string, cacheDir = DEMO_CACHE_DIR): Promise<PreparedDatabase> {
  const file = join(cacheDir, `${key}.tar`);
  if (existsSync(file)) {
    try {
      const database = await openDatabase({ dataDir: "memory://", loadDataDir: new Blob([readFileSync(file)]) });
      return { database, seeded: true, save: async () => undefined };
    } catch {
      // A damaged copy: build anew below (and overwrite it).
      rmSync(file, { force: true });
    }
  }
  const database = await openDatabase({ dataDir: "memory://" });
  await migrateDatabase(database);
  return {
    database,
    seeded: false,
    save: async () => {
      const client = (database.db as unknown as { $client: { dumpDataDir(c: "none"): Promise<Blob> } }).$client;
      const dump = Buffer.from(await (await client.dumpDataDir("none")).arrayBuffer());
      mkdirSync(cacheDir, { recursive: true });
      for (const old of readdirSync(cacheDir)) rmSync(join(cacheDir, old), { force: true });
      // Written under another name first, so a run stopped half-way never leaves a partial copy to load.
      writeFileSync(`${file}.partial`, dump);
      renameSync(`${file}.partial`, file);
    },
  };
}
