import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTranslate } from "../../src/bot/i18n.ts";
import { TEST_TOKEN } from "../support/bot-harness.ts";
import { killIfRunning, runEntry, type Child } from "../support/child-process.ts";
import { startFakeBotApiServer } from "../support/fake-bot-api-server.ts";

/**
 * The embedded database is one process's: while the bot runs on a DATA_DIR, the operator CLI on the same
 * directory is refused with a clear message in DEFAULT_LOCALE, and works once the bot has stopped.
 * Always on PGlite (a PostgreSQL server is shared by design).
 */
describe("one process per PGlite data directory", () => {
  let fake: Awaited<ReturnType<typeof startFakeBotApiServer>>;
  let dataDir: string;
  const children: Child[] = [];
  beforeAll(async () => {
    fake = await startFakeBotApiServer();
    dataDir = mkdtempSync(join(tmpdir(), "itbot-lock-"));
  });
  afterAll(async () => {
    for (const c of children) killIfRunning(c);
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const cli = async (args: string[], env: Record<string, string> = {}) => {
    const run = runEntry("src/cli/main.ts", args, { DATA_DIR: dataDir, ...env });
    children.push(run);
    return { code: await run.exited, output: run.output() };
  };

  it("refuses the CLI while the bot runs, in the operator's language, and lets it in after the bot stops", { timeout: 240_000 }, async () => {
    const bot = runEntry("src/main.ts", [], {
      BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_API_ROOT: fake.url,
      DATA_DIR: dataDir,
      BOT_MODE: "webhook",
      PORT: "0",
      WEBHOOK_SECRET: "lock_secret",
    });
    children.push(bot);
    await bot.started;
    const pid = String(bot.child.pid);
    const t = createTranslate("vi");

    const refused = await cli(["invite", "--role", "coordinator"]);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain(`${t("vi", "datadir-holder-bot")} (tiến trình ${pid},`);
    expect(refused.output).toContain(dataDir);
    // Nothing was created: no invitation code was printed.
    expect(refused.output).not.toContain("/start ");

    const english = await cli(["list-agencies"], { DEFAULT_LOCALE: "en" });
    expect(english.code).toBe(1);
    expect(english.output).toContain(`is in use by the bot (process ${pid},`);

    // A second bot is refused the same way, and the first one keeps running.
    const second = runEntry("src/main.ts", [], { BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: fake.url, DATA_DIR: dataDir, BOT_MODE: "webhook", PORT: "0", WEBHOOK_SECRET: "x" });
    children.push(second);
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(`tiến trình ${pid}`);
    expect(bot.child.exitCode).toBeNull();

    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe(0);
    const after = await cli(["list-agencies"]);
    expect(after.code).toBe(0);
    expect(after.output).toContain(t("vi", "admin-cli-agencies-empty"));
  });
});
