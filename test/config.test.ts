import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config/config.ts";

const TOKEN = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdef";

function errorOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error("expected a configuration error");
}

describe("loadConfig", () => {
  it("accepts a minimal environment and fills the defaults", () => {
    const c = loadConfig({ BOT_TOKEN: TOKEN });
    expect(c).toMatchObject({ DEFAULT_LOCALE: "vi", REPORT_TIMEZONE: "Asia/Ho_Chi_Minh", DATA_DIR: "./data", ADMIN_TELEGRAM_IDS: [] });
    expect(c.DATABASE_URL).toBeUndefined();
    expect(loadConfig({ BOT_TOKEN: TOKEN, ADMIN_TELEGRAM_IDS: " 12, 3456789012 " }).ADMIN_TELEGRAM_IDS).toEqual([12, 3456789012]);
  });

  it.each([
    ["BOT_TOKEN", {}],
    ["BOT_TOKEN", { BOT_TOKEN: "not-a-token" }],
    ["DATABASE_URL", { BOT_TOKEN: TOKEN, DATABASE_URL: "mysql://localhost/db" }],
    ["ADMIN_TELEGRAM_IDS", { BOT_TOKEN: TOKEN, ADMIN_TELEGRAM_IDS: "12,abc" }],
    ["REPORT_TIMEZONE", { BOT_TOKEN: TOKEN, REPORT_TIMEZONE: "Mars/Olympus_Mons" }],
    ["DEFAULT_LOCALE", { BOT_TOKEN: TOKEN, DEFAULT_LOCALE: "fr" }],
  ])("names %s in one line when it is missing or malformed", (name, env) => {
    const message = errorOf(env as Record<string, string>);
    expect(message.startsWith(`Invalid configuration: ${name}: `)).toBe(true);
    expect(message).not.toContain("\n");
  });

  it("says a missing token is required", () => {
    expect(errorOf({})).toBe("Invalid configuration: BOT_TOKEN: is required");
  });
});

describe("the bot process with a bad environment", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "itbot-config-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  // The process must stop before touching the database or Telegram: one line on stderr, exit code 1.
  it.each([
    ["BOT_TOKEN", {}],
    ["REPORT_TIMEZONE", { BOT_TOKEN: TOKEN, REPORT_TIMEZONE: "Nowhere/Nothing" }],
  ])("stops with one line naming %s", (name, extra) => {
    const res = spawnSync(join(process.cwd(), "node_modules/.bin/tsx"), ["src/main.ts"], {
      cwd: process.cwd(),
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", DATA_DIR: dataDir, TELEGRAM_API_ROOT: "http://127.0.0.1:9", ...extra },
      encoding: "utf8",
      // A safety stop, not a timing assertion: the process normally ends within seconds.
      timeout: 150_000,
    });
    expect(res.status).toBe(1);
    const lines = res.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Invalid configuration: ${name}: `));
    expect(res.stderr).not.toMatch(/\bat .+:\d+:\d+/);
    expect(res.stdout).toBe("");
  }, 180_000);
});
