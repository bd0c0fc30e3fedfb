import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runStatement, type Database, type Db, type Statement } from "../../src/db/client.ts";
import { createTestDatabase } from "../support/test-db.ts";

describe("fixed-text statements", () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  // A parameter used twice, a timestamp, a json value and a null.
  const statement: Statement = {
    text: "select $1::int + $1::int as twice, $2::timestamptz as at, $3::text::jsonb as doc, $4::text as nothing",
    params: [21, "2026-11-16T02:00:00.000Z", JSON.stringify({ a: [1, "x"] }), null],
  };

  it("give the same rows on the database and inside a transaction (sent through drizzle there)", async () => {
    const [plain] = await runStatement(database.db, statement);
    const [inTx] = await database.db.transaction(async (tx) => runStatement(tx as unknown as Db, statement));
    expect(plain).toMatchObject({ twice: 42, doc: { a: [1, "x"] }, nothing: null });
    // Timestamps come back as text, as from queryRows.
    expect(typeof plain!.at).toBe("string");
    expect(new Date(String(plain!.at)).toISOString()).toBe("2026-11-16T02:00:00.000Z");
    expect(inTx).toEqual(plain);
  });
});
