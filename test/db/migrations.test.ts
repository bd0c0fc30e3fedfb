import { afterAll, describe, expect, it } from "vitest";
import { migrateDatabase, openDatabase, queryRows, sql } from "../../src/db/client.ts";
import { createTestDatabase } from "../support/test-db.ts";

describe("migrations", () => {
  it("apply on an empty database and create every table", async () => {
    const database = process.env.DATABASE_URL ? await createTestDatabase() : await openDatabase({ dataDir: "memory://" });
    afterAll(() => database.close());
    // Applying again is a no-op (the clone is already migrated; the fresh PGlite is not).
    await migrateDatabase(database);
    await migrateDatabase(database);
    const rows = await queryRows<{ table_name: string }>(
      database.db,
      sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    const names = rows.map((r) => r.table_name);
    for (const t of ["agencies", "people", "memberships", "invitations", "audit_log", "submissions", "outbox", "conversation_state"])
      expect(names).toContain(t);
  });
});
