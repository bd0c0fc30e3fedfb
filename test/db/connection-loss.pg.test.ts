import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, queryRows, sql, type Database } from "../../src/db/client.ts";
import { isDatabaseUnavailable } from "../../src/db/db-errors.ts";
import { TcpProxy } from "../support/tcp-proxy.ts";
import { createTestDatabase } from "../support/test-db.ts";
import { throughProxy } from "../support/outbox-traffic.ts";

/**
 * Connections cut under the driver's feet (a TCP proxy in front of PostgreSQL is stopped) where postgres.js
 * used to write to a closed connection outside any promise, which ends the process (vitest reports such an
 * uncaught TypeError as a failure of the run). Only on PostgreSQL: PGlite has no connection to lose.
 */
describe("connections lost under locks and transactions", () => {
  let owner: Awaited<ReturnType<typeof createTestDatabase>>;
  let proxy: TcpProxy;
  let database: Database;
  const cut = async () => {
    await proxy.stop();
    await proxy.start();
  };
  const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

  beforeAll(async () => {
    owner = await createTestDatabase();
    const server = new URL(process.env.DATABASE_URL!);
    proxy = new TcpProxy(Number(server.port || 5432), server.hostname);
    await proxy.start();
    database = await openDatabase({ databaseUrl: throughProxy(owner.url!, proxy.port), maxConnections: 2, lockConnections: 2 });
  });
  afterAll(async () => {
    await database.close();
    await proxy.stop();
    await owner.close();
  });

  it("tells the holder of an advisory lock that its session ended, and locks again afterwards", async () => {
    let sawLoss = false;
    const held = database.tryAdvisoryLock(7_006, async (lost) => {
      await new Promise((r) => lost.addEventListener("abort", r));
      sawLoss = true;
      return "stepped down";
    });
    await wait(200);
    await cut();
    expect(await held).toBe("stepped down");
    expect(sawLoss).toBe(true);
    // The lock went with the session: it can be taken again, by this process or another.
    expect(await database.tryAdvisoryLock(7_006, async () => "led again")).toBe("led again");
    expect(await owner.tryAdvisoryLock(7_006, async () => "free")).toBe("free");
  });

  it("fails a transaction whose connection is cut while its body awaits something else, and carries on", async () => {
    const tx = database.db.transaction(async (t) => {
      await t.execute(sql`select 1`);
      await wait(400);
      await t.execute(sql`select 2`);
    });
    await wait(100);
    await cut();
    const err = await tx.then(() => undefined, (e: unknown) => e);
    expect(isDatabaseUnavailable(err)).toBe(true);
    await wait(600); // the body's next statement would have gone to the closed connection by now
    expect(await queryRows(database.db, sql`select 42 as n`)).toEqual([{ n: 42 }]);
  });

  it("finishes a chat's critical section whose lock connection is cut meanwhile, and locks the chat again", async () => {
    const section = database.withChatLock(9_001, async () => {
      await wait(300);
      return "done";
    });
    await wait(100);
    await cut();
    expect(await section).toBe("done");
    expect(await database.withChatLock(9_001, async () => "again")).toBe("again");
  });
});
