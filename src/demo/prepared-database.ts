import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
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
  /** Closes the database and removes this run's working copy of the prepared one. */
  close(): Promise<void>;
}

/**
 * The cached, seeded PGlite for `key`, or a fresh migrated one (in memory) to seed and then save. The cache holds
 * the prepared PGlite data directory itself; each run works on its own copy in the temporary folder, so runs never
 * change the prepared one. Measured against loading the same database from a PGlite dump (a tar file): copying the
 * 42 MB folder and opening it takes 1.7 s of CPU where loading the dump takes 3.0 s (README, "Performance").
 */
export async function openPreparedDatabase(key: string, cacheDir = DEMO_CACHE_DIR): Promise<PreparedDatabase> {
  const prepared = join(cacheDir, key);
  if (existsSync(join(prepared, "PG_VERSION"))) {
    const workDir = mkdtempSync(join(tmpdir(), "itbot-demo-db-"));
    const removeWorkDir = () => rmSync(workDir, { recursive: true, force: true });
    try {
      cpSync(prepared, workDir, { recursive: true });
      const database = await openDatabase({ dataDir: workDir, embedded: "pglite", program: "demo" });
      return {
        database,
        seeded: true,
        save: async () => undefined,
        close: async () => {
          await database.close();
          removeWorkDir();
        },
      };
    } catch {
      // A damaged copy: build anew below (and overwrite it).
      removeWorkDir();
      rmSync(prepared, { recursive: true, force: true });
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
      // Unpacked under another name first, so a run stopped half-way never leaves a partial copy to load.
      const partial = join(cacheDir, `${key}.partial-${process.pid}`);
      unpackTar(dump, partial);
      for (const old of readdirSync(cacheDir)) if (old !== basename(partial)) rmSync(join(cacheDir, old), { recursive: true, force: true });
      renameSync(partial, prepared);
    },
    close: () => database.close(),
  };
}

/**
 * Unpacks the tar that PGlite's dumpDataDir writes (ustar: 512-byte headers, folders and regular files only,
 * names from the root of the data directory) into `dir`.
 */
export function unpackTar(tar: Buffer, dir: string): void {
  mkdirSync(dir, { recursive: true });
  let at = 0;
  while (at + 512 <= tar.length) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const field = (from: number, length: number) => header.subarray(from, from + length).toString("utf8").replace(/\0.*$/s, "");
    const name = [field(345, 155), field(0, 100)].filter((p) => p !== "").join("/");
    const size = Number.parseInt(field(124, 12).trim() || "0", 8);
    const type = field(156, 1);
    const target = resolve(dir, `.${sep}${name.replace(/^\/+/, "")}`);
    if (target !== dir && !target.startsWith(`${dir}${sep}`)) throw new Error(`a path outside the folder in the dump: ${name}`);
    at += 512;
    if (type === "5") mkdirSync(target, { recursive: true });
    else if (type === "0" || type === "") {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, tar.subarray(at, at + size));
    } else throw new Error(`an entry of type "${type}" in the dump: ${name}`);
    at += Math.ceil(size / 512) * 512;
  }
}
