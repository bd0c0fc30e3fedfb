import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WEBHOOK_PATH } from "../../src/server/http-server.ts";
import { startApp, type AppProcess } from "../support/app-process.ts";
import { TEST_TOKEN } from "../support/bot-harness.ts";
import { startFakeBotApiServer } from "../support/fake-bot-api-server.ts";
import { TcpProxy } from "../support/tcp-proxy.ts";
import { createTestDatabase } from "../support/test-db.ts";
import { textUpdate } from "../support/updates.ts";

/**
 * The real process starts while Telegram cannot be reached: first nothing listens at the Bot API root
 * (refused), then it accepts connections and never answers, then it comes up.
 */
describe("start-up while Telegram cannot be reached", () => {
  let fake: Awaited<ReturnType<typeof startFakeBotApiServer>>;
  let proxy: TcpProxy;
  let dataDir: string;
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  let app: AppProcess | undefined;

  beforeAll(async () => {
    fake = await startFakeBotApiServer();
    proxy = new TcpProxy(Number(new URL(fake.url).port));
    await proxy.start();
    await proxy.stop(); // the port is known; nothing answers on it yet
    dataDir = mkdtempSync(join(tmpdir(), "itbot-startup-"));
    if (process.env.DATABASE_URL) database = await createTestDatabase();
  });
  afterAll(async () => {
    if (app && app.child.exitCode === null && app.child.signalCode === null) app.child.kill("SIGKILL");
    await proxy.stop();
    await fake.close();
    await database?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const retries = () => app!.lines().filter((l) => l.msg === "telegram not answering; retrying");
  const until = async (check: () => boolean, ms: number) => {
    const end = Date.now() + ms;
    while (!check()) {
      if (Date.now() > end) throw new Error(`timed out:\n${app!.output()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it("listens at once, says it waits for Telegram, retries with a growing backoff, then starts", { timeout: 90_000 }, async () => {
    app = startApp({
      TELEGRAM_API_ROOT: `http://127.0.0.1:${proxy.port}`,
      DATA_DIR: dataDir,
      BOT_MODE: "webhook",
      WEBHOOK_SECRET: "startup_secret",
      ...(database?.url ? { DATABASE_URL: database.url } : {}),
    });
    await app.waitForLog("http server listening");
    expect((await app.get("/healthz")).status).toBe(200);

    // Refused: one line per retry, each with the wait before the next attempt.
    await until(() => retries().length >= 2, 30_000);
    const ready = await app.get("/readyz");
    expect(ready.status).toBe(503);
    expect(ready.body.reasons).toContain("Telegram has not answered getMe yet");
    expect(retries().map((l) => l.retryInMs)).toEqual([1_000, 2_000]);
    expect(String(retries()[0]!.error)).toContain("ECONNREFUSED");
    // An update is not taken before the process is ready (Telegram sends it again later).
    const early = await fetch(`http://127.0.0.1:${await app.port()}${WEBHOOK_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "startup_secret" },
      body: JSON.stringify(textUpdate({ id: 6401, first_name: "Sớm" }, "xin chào")),
    });
    expect(early.status).toBe(503);

    // Hanging: the attempt gives up after its own time limit and is retried.
    await proxy.start();
    proxy.hang();
    const before = retries().length;
    await until(() => retries().length > before && /timeout|abort/i.test(String(retries().at(-1)!.error)), 30_000);
    expect((await app.get("/readyz")).status).toBe(503);

    // Telegram comes up: the process starts and is ready.
    await proxy.start();
    await app.waitForLog("bot started", 60_000);
    expect((await app.get("/readyz")).status).toBe(200);
    const waits = retries().map((l) => Number(l.retryInMs));
    for (let i = 1; i < waits.length; i++) expect(waits[i]).toBe(Math.min(waits[i - 1]! * 2, 30_000));
    expect(app.output()).not.toContain(TEST_TOKEN.split(":")[1]);

    app.child.kill("SIGTERM");
    expect(await app.exited).toBe(0);
  });
});
