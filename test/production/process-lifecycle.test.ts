import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "../support/test-db.ts";
import { WEBHOOK_PATH } from "../../src/server/http-server.ts";
import { startFakeBotApiServer } from "../support/fake-bot-api-server.ts";
import { TEST_TOKEN } from "../support/bot-harness.ts";
import { textUpdate } from "../support/updates.ts";
import { runEntry } from "../support/child-process.ts";

/** Runs the real entry point (`src/main.ts`) as a child process against a local fake Bot API. */
describe("the production process", () => {
  let fake: Awaited<ReturnType<typeof startFakeBotApiServer>>;
  let dataDir: string;
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  beforeAll(async () => {
    fake = await startFakeBotApiServer();
    dataDir = mkdtempSync(join(tmpdir(), "itbot-proc-"));
    // On PostgreSQL the process gets a database of its own (a fresh clone), never the shared one.
    if (process.env.DATABASE_URL) database = await createTestDatabase();
  });
  const children: ChildProcess[] = [];
  afterAll(async () => {
    // A test that failed half-way must not leave its bot running.
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    await database?.close();
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function start(env: Record<string, string>) {
    const run = runEntry("src/main.ts", [], {
      BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_API_ROOT: fake.url,
      DATA_DIR: dataDir,
      LOG_LEVEL: "info",
      ...(database?.url ? { DATABASE_URL: database.url } : {}),
      ...env,
    });
    children.push(run.child);
    return run;
  }

  it("serves a webhook update, then shuts down cleanly on SIGTERM without logging the token", { timeout: 120_000 }, async () => {
    const proc = start({ BOT_MODE: "webhook", PORT: "0", WEBHOOK_SECRET: "proc_secret" });
    await proc.started;
    const port = Number(/"port":(\d+)/.exec(proc.output())?.[1]);
    expect(port).toBeGreaterThan(0);
    const user = { id: 6301, first_name: "Anh Minh" };
    const res = await fetch(`http://127.0.0.1:${port}${WEBHOOK_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "proc_secret" },
      body: JSON.stringify(textUpdate(user, "xin chào")),
    });
    expect(res.status).toBe(200);
    expect(fake.api.textsTo(user.id)).toHaveLength(1);
    proc.child.kill("SIGTERM");
    expect(await proc.exited).toBe(0);
    expect(proc.output()).toContain('"shutting down"');
    expect(proc.output()).not.toContain(TEST_TOKEN.split(":")[1]);
  });

  it("runs with long polling by default and stops on SIGINT", { timeout: 120_000 }, async () => {
    const proc = start({ PORT: "0" });
    await proc.started;
    expect(proc.output()).toContain('"mode":"polling"');
    await vi.waitFor(() => expect(fake.api.calls.some((c) => c.method === "getUpdates")).toBe(true), { timeout: 20_000 });
    proc.child.kill("SIGINT");
    expect(await proc.exited).toBe(0);
  });
});
