import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startApp, type AppProcess } from "../support/app-process.ts";
import { killIfRunning, runEntry, type Child } from "../support/child-process.ts";
import { startFakeBotApiServer } from "../support/fake-bot-api-server.ts";

/** Pids of processes whose command line names `dir` (the embedded server and its children run with `-D dir`). */
function processesOn(dir: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").includes(dir)) found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/**
 * The default embedded database: a PostgreSQL server the bot starts in DATA_DIR/postgres (initdb on the first
 * start, once in this file), stops on SIGTERM, and that does not outlive a bot killed with SIGKILL. The CLI
 * connects to the running bot's server, or starts one of its own when the bot is stopped. Always embedded
 * (DATABASE_URL is never passed), so it runs the same with and without the PostgreSQL test server.
 */
describe("the embedded PostgreSQL server", () => {
  let fake: Awaited<ReturnType<typeof startFakeBotApiServer>>;
  let dataDir: string;
  let pgdata: string;
  const apps: AppProcess[] = [];
  const children: Child[] = [];
  beforeAll(async () => {
    fake = await startFakeBotApiServer();
    dataDir = mkdtempSync(join(tmpdir(), "itbot-embedded-"));
    // Run as root (CI), the server runs as the system user "postgres", which must get through to the directory.
    chmodSync(dataDir, 0o755);
    pgdata = join(dataDir, "postgres");
  });
  afterAll(async () => {
    for (const a of apps) killIfRunning(a.child);
    for (const c of children) killIfRunning(c);
    await vi.waitFor(() => expect(processesOn(pgdata)).toEqual([]), { timeout: 30_000 }).catch(() => undefined);
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  // EMBEDDED_DATABASE empty: unset, so the default applies.
  const env = () => ({ TELEGRAM_API_ROOT: fake.url, DATA_DIR: dataDir, EMBEDDED_DATABASE: "", BOT_MODE: "webhook", WEBHOOK_SECRET: "emb_secret" });
  const startBot = () => {
    const app = startApp(env());
    apps.push(app);
    return app;
  };
  const cli = async (args: string[]) => {
    const run = runEntry("src/cli/main.ts", args, { DATA_DIR: dataDir, EMBEDDED_DATABASE: "" });
    children.push(run);
    return { code: await run.exited, output: run.output() };
  };

  it("is the default: ready, shared with the CLI, stopped with the bot, and keeps its data", { timeout: 480_000 }, async () => {
    const bot = startBot();
    await bot.waitForLog("bot started", 120_000);
    expect((await bot.get("/readyz")).status).toBe(200);
    expect(existsSync(join(pgdata, "PG_VERSION"))).toBe(true);
    expect(bot.lines().find((l) => l.msg === "database ready")?.database).toBe("postgres");
    const server = processesOn(pgdata);
    expect(server.length).toBeGreaterThan(0);

    // The CLI works while the bot runs: it connects to the bot's server instead of being refused.
    const added = await cli(["holidays", "add", "02/09/2031", "Ngày thử nghiệm"]);
    expect(added.output).not.toContain("đang được");
    expect(added.code).toBe(0);

    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe(0);
    expect(processesOn(pgdata)).toEqual([]);
    expect(existsSync(join(pgdata, "postmaster.pid"))).toBe(false);

    // With the bot stopped, the CLI starts the server itself, and the holiday is still there.
    const listed = await cli(["holidays", "list", "--year", "2031"]);
    expect(listed.code).toBe(0);
    expect(listed.output).toContain("Ngày thử nghiệm");
    expect(processesOn(pgdata)).toEqual([]);

    const again = startBot();
    await again.waitForLog("bot started", 120_000);
    expect((await again.get("/readyz")).status).toBe(200);
    again.child.kill("SIGTERM");
    expect(await again.exited).toBe(0);
    expect(processesOn(pgdata)).toEqual([]);
  });

  it("does not outlive a bot killed with SIGKILL, and the next start recovers", { timeout: 480_000 }, async () => {
    const bot = startBot();
    await bot.waitForLog("bot started", 120_000);
    expect(processesOn(pgdata).length).toBeGreaterThan(0);
    bot.child.kill("SIGKILL");
    await bot.exited;
    // The watchdog the bot left asks the server to stop once the bot's end closes its pipe.
    await vi.waitFor(() => expect(processesOn(pgdata)).toEqual([]), { timeout: 30_000, interval: 100 });

    const next = startBot();
    await next.waitForLog("bot started", 120_000);
    expect((await next.get("/readyz")).status).toBe(200);
    const listed = await cli(["holidays", "list", "--year", "2031"]);
    expect(listed.output).toContain("Ngày thử nghiệm");
    next.child.kill("SIGTERM");
    expect(await next.exited).toBe(0);
    expect(processesOn(pgdata)).toEqual([]);
  });
});
