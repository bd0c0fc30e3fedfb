import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Server } from "node:http";
import type { Database } from "../../src/db/client.ts";
import { closeServer, createHttpServer, listen, WEBHOOK_PATH } from "../../src/server/http-server.ts";
import { createLogger } from "../../src/config/logger.ts";
import { createBotHarness, type BotHarness } from "../support/bot-harness.ts";
import { createTestDatabase } from "../support/test-db.ts";
import { textUpdate } from "../support/updates.ts";

describe("webhook server", () => {
  let database: Database;
  let h: BotHarness;
  let server: Server;
  let base: string;
  const secret = "s3cret_token-for-tests";

  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database);
    server = createHttpServer({ database, logger: createLogger("silent"), webhook: { bot: h.bot as never, secret } });
    const port = await listen(server, 0, "127.0.0.1");
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await closeServer(server);
    await database.close();
  });

  const post = (body: unknown, token?: string) =>
    fetch(`${base}${WEBHOOK_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { "x-telegram-bot-api-secret-token": token } : {}) },
      body: JSON.stringify(body),
    });

  it("refuses a wrong or missing secret with 401 and processes nothing", async () => {
    const user = { id: 6101, first_name: "X" };
    expect((await post(textUpdate(user, "hello"), "wrong")).status).toBe(401);
    expect((await post(textUpdate(user, "hello"))).status).toBe(401);
    expect(h.api.textsTo(user.id)).toEqual([]);
  });

  it("processes an update with the right secret, and ignores its redelivery", async () => {
    const user = { id: 6102, first_name: "Y" };
    const update = textUpdate(user, "hello");
    expect((await post(update, secret)).status).toBe(200);
    expect((await post(update, secret)).status).toBe(200);
    expect(h.api.textsTo(user.id)).toEqual([h.deps.t("vi", "access-none")]);
  });

  it("answers health and readiness", async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready" });
    expect((await fetch(`${base}/nothing`)).status).toBe(404);
  });
});
