import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { inject } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.ts";
import { adminUrl, withDatabaseName } from "./pg-url.ts";

/**
 * A fresh, migrated database for one test file: a clone of the run's template on PostgreSQL
 * (when DATABASE_URL is set), otherwise a PGlite loaded from the run's migrated dump.
 * Close it in afterAll; on PostgreSQL closing also drops it.
 */
export async function createTestDatabase(): Promise<Database & { url?: string }> {
  const url = process.env.DATABASE_URL;
  const template = inject("pgTemplateDb");
  if (url && template) {
    const postgres = (await import("postgres")).default;
    const name = `${template.replace("_tpl_", "_t_")}_${randomBytes(4).toString("hex")}`;
    const admin = postgres(adminUrl(url), { max: 1, onnotice: () => undefined });
    await admin.unsafe(`create database "${name}" template "${template}"`);
    const databaseUrl = withDatabaseName(url, name);
    const database = await openDatabase({ databaseUrl, maxConnections: 5 });
    return {
      ...database,
      url: databaseUrl,
      close: async () => {
        await database.close();
        await admin.unsafe(`drop database if exists "${name}" with (force)`);
        await admin.end();
      },
    };
  }
  const dump = readFileSync(inject("pgliteDumpPath"));
  return openDatabase({ dataDir: "memory://", loadDataDir: new Blob([dump]) });
}
