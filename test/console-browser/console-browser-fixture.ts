// The real console in a real browser: the bot's HTTP server with the console app on 127.0.0.1, over a test
// database and the bot harness (fake Bot API), driven by Debian's Chromium through playwright-core.
import { mkdirSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { APP_ROOT } from "../../src/config/paths.ts";
import { createLogger } from "../../src/config/logger.ts";
import type { Database } from "../../src/db/client.ts";
import { signInitData } from "../../src/features/console/init-data.ts";
import { consoleAsset } from "../../src/server/console-assets.ts";
import { consoleListener } from "../../src/server/console-listener.ts";
import { closeServer, createHttpServer, listen } from "../../src/server/http-server.ts";
import { createBotHarness, TEST_TOKEN, type BotHarness } from "../support/bot-harness.ts";
import { createTestDatabase } from "../support/test-db.ts";
import type { TestUser } from "../support/updates.ts";
import { CHROMIUM_ARGS, chromiumPath } from "./chromium.ts";

/** Phone size: the console is designed at 360 px wide. */
export const PHONE = { width: 360, height: 740 };

/** Screenshots for the README (committed) … */
export const README_SHOTS_DIR = join(APP_ROOT, "docs", "console");
/** … and the same pictures kept as the run's artifacts (CI uploads this folder). */
export const ARTIFACTS_DIR = process.env.CONSOLE_SCREENSHOT_DIR || join(tmpdir(), "itbot-console-screenshots");

export interface ConsoleUnderTest {
  database: Database;
  harness: BotHarness;
  baseUrl: string;
  /** The console's page (routes follow as a fragment: `${consoleUrl}#/dashboard`). */
  consoleUrl: string;
  browser: Browser;
  /** A fresh phone-sized browser context (its own cookies), with Telegram's script blocked (no network in tests). */
  newPage(): Promise<{ context: BrowserContext; page: Page; problems: string[] }>;
  /** The console's address as Telegram opens it: the init data signed with the bot's token in the fragment. */
  launchUrl(user: TestUser, opts?: { token?: string; authDate?: Date }): string;
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

export async function startConsoleUnderTest(opts: { now?: Date } = {}): Promise<ConsoleUnderTest> {
  const database = await createTestDatabase();
  const harness = await createBotHarness(database);
  if (opts.now) harness.clock.set(opts.now);
  const server: Server = createHttpServer({
    logger: createLogger("silent"),
    database,
    console: consoleListener(harness.deps, consoleAsset),
  });
  const port = await listen(server, 0, "127.0.0.1");
  const baseUrl = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
  mkdirSync(README_SHOTS_DIR, { recursive: true });
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return {
    database,
    harness,
    baseUrl,
    consoleUrl: `${baseUrl}/console/`,
    browser,
    async newPage() {
      const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 1, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
      await context.route(/telegram\.org/, (route) => route.abort());
      const page = await context.newPage();
      // Anything the page reports as an error (a CSP violation, an exception) is collected for the test to check.
      const problems: string[] = [];
      page.on("pageerror", (err) => problems.push(String(err)));
      page.on("console", (m) => {
        if (m.type() === "error" && !/telegram\.org|ERR_FAILED|status of 4\d\d/.test(m.text() + (m.location().url ?? ""))) problems.push(m.text());
      });
      return { context, page, problems };
    },
    launchUrl(user, o = {}) {
      const initData = signInitData(user, o.token ?? TEST_TOKEN, o.authDate ?? harness.clock.now());
      return `${baseUrl}/console/#tgWebAppData=${encodeURIComponent(initData)}&tgWebAppVersion=8.0&tgWebAppPlatform=tdesktop`;
    },
    async screenshot(page, name) {
      const png = await page.screenshot({ fullPage: false });
      writeFileSync(join(README_SHOTS_DIR, `${name}.png`), png);
      writeFileSync(join(ARTIFACTS_DIR, `${name}.png`), png);
    },
    async close() {
      await browser.close();
      await closeServer(server);
      await database.close();
    },
  };
}
