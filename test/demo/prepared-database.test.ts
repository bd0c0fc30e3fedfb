import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { demoConfig } from "../../src/demo/demo-session.ts";
import { openPreparedDatabase, preparedDatabaseKey } from "../../src/demo/prepared-database.ts";
import { queryRows, sql } from "../../src/db/client.ts";

describe("the demo's prepared database", () => {
  const cacheDir = mkdtempSync(join(tmpdir(), "itbot-demo-cache-"));
  afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

  it("is keyed by the local date, locale and time zone", () => {
    const config = demoConfig({});
    const morning = preparedDatabaseKey(config, new Date("2026-12-06T01:00:00Z"));
    expect(preparedDatabaseKey(config, new Date("2026-12-06T15:00:00Z"))).toBe(morning);
    // 17:00 UTC is already the next day in Asia/Ho_Chi_Minh.
    expect(preparedDatabaseKey(config, new Date("2026-12-06T17:00:00Z"))).not.toBe(morning);
    expect(preparedDatabaseKey(demoConfig({ DEFAULT_LOCALE: "en" }), new Date("2026-12-06T01:00:00Z"))).not.toBe(morning);
  });

  it("is built and migrated on the first run, saved, and loaded already seeded on the next", { timeout: 120_000 }, async () => {
    const first = await openPreparedDatabase("k1", cacheDir);
    expect(first.seeded).toBe(false);
    await first.database.db.execute(sql`insert into agencies (code, name, kind) values ('SO-X', 'Sở X', 'department')`);
    await first.save();
    await first.database.close();
    expect(readdirSync(cacheDir)).toEqual(["k1"]);

    const second = await openPreparedDatabase("k1", cacheDir);
    try {
      expect(second.seeded).toBe(true);
      expect(await second.database.isReady()).toBe(true);
      const rows = await queryRows<{ name: string }>(second.database.db, sql`select name from agencies where code = 'SO-X'`);
      expect(rows.map((r) => r.name)).toEqual(["Sở X"]);
    } finally {
      await second.close();
    }
  });
});
