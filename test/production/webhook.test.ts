import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request, type Server } from "node:http";
import type { Database } from "../../src/db/client.ts";
import { closeServer, createHttpServer, listen, MAX_WEBHOOK_BODY_BYTES, WEBHOOK_PATH } from "../../src/server/http-server.ts";
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

  it("refuses a body over the limit with 413 from its Content-Length, before reading it", async () => {
    const user = { id: 6103, first_name: "Z" };
    // A real update padded past the limit: it must not be handled.
    const update = { ...textUpdate(user, "hello"), padding: "x".repeat(MAX_WEBHOOK_BODY_BYTES) };
    const res = await post(update, secret);
    expect(res.status).toBe(413);
    expect(h.api.textsTo(user.id)).toEqual([]);
  });

  it("stops reading a streamed body without Content-Length once it passes the limit", async () => {
    const { port } = new URL(base);
    const sentBytes = await new Promise<{ status: number; sent: number }>((resolve, reject) => {
      const req = request(
        { host: "127.0.0.1", port: Number(port), path: WEBHOOK_PATH, method: "POST", headers: { "x-telegram-bot-api-secret-token": secret } },
        (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, sent });
          req.destroy();
        },
      );
      req.on("error", () => resolve({ status: 0, sent }));
      let sent = 0;
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      // Writes 64 KiB at a time, up to 100 MiB, until the server answers.
      const pump = () => {
        if (sent >= 100 * 1024 * 1024 || req.destroyed) return;
        sent += chunk.length;
        if (req.write(chunk)) setImmediate(pump);
        else req.once("drain", pump);
      };
      req.flushHeaders();
      pump();
      setTimeout(() => reject(new Error("no answer")), 20_000);
    });
    expect(sentBytes.status).toBe(413);
    // The server gave up soon after the limit, not after reading 100 MiB.
    expect(sentBytes.sent).toBeLessThan(16 * MAX_WEBHOOK_BODY_BYTES);
  });

  it("answers 503 to updates until the process is ready, and says why it is not ready", async () => {
    let accepting = false;
    const starting = createHttpServer({
      logger: createLogger("silent"),
      readiness: async () => ({ ready: false, reasons: ["Telegram has not answered getMe yet"] }),
      webhook: { bot: h.bot as never, secret, accepting: () => accepting },
    });
    const port = await listen(starting, 0, "127.0.0.1");
    try {
      const user = { id: 6104, first_name: "W" };
      const at = (path: string, init?: RequestInit) => fetch(`http://127.0.0.1:${port}${path}`, init);
      const postHere = () =>
        at(WEBHOOK_PATH, {
          method: "POST",
          headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
          body: JSON.stringify(textUpdate(user, "hello")),
        });
      expect((await at("/healthz")).status).toBe(200);
      const ready = await at("/readyz");
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: "not ready", reasons: ["Telegram has not answered getMe yet"] });
      expect((await postHere()).status).toBe(503);
      expect(h.api.textsTo(user.id)).toEqual([]);
      accepting = true;
      expect((await postHere()).status).toBe(200);
      expect(h.api.textsTo(user.id)).toHaveLength(1);
    } finally {
      await closeServer(starting);
    }
  });
});
