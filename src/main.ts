// Wiring only: config, logger, database, bot, background jobs, shutdown.
import { run } from "@grammyjs/runner";
import { systemClock } from "./config/clock.ts";
import { loadConfigOrExit } from "./config/load-or-exit.ts";
import { createLogger } from "./config/logger.ts";
import { ShutdownRegistry } from "./config/shutdown.ts";
import { migrateDatabase, openDatabase } from "./db/client.ts";
import { createBot } from "./bot/create-bot.ts";
import { createTranslate } from "./bot/i18n.ts";
import { allFeatures } from "./features/index.ts";

const config = loadConfigOrExit(process.env);
const logger = createLogger(config.LOG_LEVEL, config.BOT_TOKEN);
const shutdown = new ShutdownRegistry(logger);
shutdown.installSignalHandlers();

const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
shutdown.register("database", () => database.close());
await migrateDatabase(database);
logger.info({ database: database.kind }, "database ready");

const deps = { database, db: database.db, config, clock: systemClock, logger, t: createTranslate(config.DEFAULT_LOCALE) };
const bot = createBot({ token: config.BOT_TOKEN, deps, features: allFeatures(), apiRoot: config.TELEGRAM_API_ROOT });
await bot.init();

const runner = run(bot, { runner: { fetch: { allowed_updates: ["message", "callback_query", "my_chat_member"] } } });
shutdown.register("bot runner", () => (runner.isRunning() ? runner.stop() : undefined));
logger.info({ bot: bot.botInfo.username, mode: "polling" }, "bot started");
