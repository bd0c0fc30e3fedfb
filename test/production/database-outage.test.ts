import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.ts";
import { createBotHarness } from "../support/bot-harness.ts";
import { createTestDatabase } from "../support/test-db.ts";
import { TcpProxy } from "../support/tcp-proxy.ts";

/**
 * The database goes away and comes back. On PostgreSQL the connection really breaks (a TCP proxy in
 * front of the server is stopped); on PGlite, which runs in-process, its query entry points fail the
 * way a lost connection does. Either way the bot must tell people it is temporarily unavailable, never
 * crash, and carry on afterwards.
 */
describe("database outage", () => {
  let owner: Database;
  let database: Database;
  let takeDown: () => Promise<void>;
  let bringBack: () => Promise<void>;

  beforeAll(async () => {
    owner = await createTestDatabase();
    if (owner.kind === "postgres") {
      const url = new URL(process.env.DATABASE_URL!);
      const proxy = new TcpProxy(Number(url.port || 5432), url.hostname);
      await proxy.start();
      // The clone's name is not exposed; ask the owner connection which database it is.
      const [row] = (await owner.db.execute("select current_database() as name" as never)) as unknown as { name: string }[];
      url.hostname = "127.0.0.1";
      url.port = String(proxy.port);
      url.pathname = `/${row!.name}`;
      database = await openDatabase({ databaseUrl: url.href, maxConnections: 2, lockConnections: 2 });
      takeDown = () => proxy.stop();
      bringBack = async () => void (await proxy.start());
    } else {
      database = owner;
      const client = (owner.db as unknown as { $client: Record<string, unknown> }).$client;
      const saved = { query: client.query, exec: client.exec, transaction: client.transaction };
      const refuse = async () => {
        throw Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
      };
      takeDown = async () => void Object.assign(client, { query: refuse, exec: refuse, transaction: refuse });
      bringBack = async () => void Object.assign(client, saved);
    }
  });
  afterAll(async () => {
    if (database !== owner) await database.close();
    await owner.close();
  });

  it("says the service is temporarily unavailable while the database is away, then carries on", async () => {
    const h = await createBotHarness(database);
    const user = { id: 6201, first_name: "Chị Lan" };

    await h.send(user, "xin chào");
    expect(h.api.textsTo(user.id)).toEqual([h.deps.t("vi", "access-none")]);

    await takeDown();
    await h.send(user, "xin chào");
    await h.send(user, "còn đó không?");
    expect(h.api.textsTo(user.id).slice(1)).toEqual([h.deps.t("vi", "error-unavailable"), h.deps.t("vi", "error-unavailable")]);

    await bringBack();
    await h.send(user, "xin chào lần nữa");
    expect(h.api.textsTo(user.id).at(-1)).toBe(h.deps.t("vi", "access-none"));
  });
});
