import { ManualClock, type Clock } from "../../src/config/clock.ts";
import { loadConfig, type Config } from "../../src/config/config.ts";
import { createLogger, type Logger } from "../../src/config/logger.ts";
import type { Database } from "../../src/db/client.ts";
import { createBot } from "../../src/bot/create-bot.ts";
import type { BotDeps } from "../../src/bot/context.ts";
import type { Feature } from "../../src/bot/features.ts";
import { createTranslate } from "../../src/bot/i18n.ts";
import { cachedOrganisation } from "../../src/features/organisation/organisation.repository.ts";
import { FakeBotApi } from "../../src/demo/fake-bot-api.ts";
import { allFeatures } from "../../src/features/index.ts";
import { callbackUpdate, textUpdate, type TestUser } from "./updates.ts";
import type { Update } from "grammy/types";

export const TEST_TOKEN = "123456:TEST-token-for-the-fake-bot-api-only";

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ BOT_TOKEN: TEST_TOKEN, LOG_LEVEL: "silent", ...overrides });
}

export interface BotHarness {
  bot: ReturnType<typeof createBot>;
  api: FakeBotApi;
  deps: BotDeps;
  clock: ManualClock;
  handle(update: Update): Promise<void>;
  send(user: TestUser, text: string): Promise<void>;
  press(user: TestUser, data: string, messageId?: number): Promise<void>;
}

/**
 * The real bot over a real database, with Telegram faked through grammY's `client.fetch`
 * (which conversations copy into their own API clients, so their calls are caught too).
 */
export async function createBotHarness(
  database: Database,
  opts: { clock?: ManualClock; features?: Feature[]; config?: Record<string, string>; api?: FakeBotApi; logger?: Logger } = {},
): Promise<BotHarness> {
  const config = testConfig(opts.config);
  const clock = opts.clock ?? new ManualClock(new Date("2026-11-20T02:00:00Z"));
  const deps: BotDeps = {
    database,
    db: database.db,
    config,
    clock: clock as Clock,
    logger: opts.logger ?? createLogger("silent"),
    t: createTranslate(config.DEFAULT_LOCALE, () => cachedOrganisation(database.db)),
  };
  const api = opts.api ?? new FakeBotApi();
  const bot = createBot({
    token: TEST_TOKEN,
    deps,
    features: opts.features ?? allFeatures(),
    botInfo: api.botInfo,
    fetch: api.fetch,
    autoRetry: false,
  });
  await bot.init();
  const handle = (u: Update) => bot.handleUpdate(u);
  return {
    bot,
    api,
    deps,
    clock,
    handle,
    send: (user, text) => handle(textUpdate(user, text)),
    press: (user, data, messageId) => handle(callbackUpdate(user, data, messageId)),
  };
}
