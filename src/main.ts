// Wiring only: config, logger, database, bot, HTTP (health + webhook), background jobs, shutdown.
import { hostname } from "node:os";
import { run } from "@grammyjs/runner";
import { systemClock } from "./config/clock.ts";
import { loadConfigOrExit } from "./config/load-or-exit.ts";
import { createLogger } from "./config/logger.ts";
import { ShutdownRegistry } from "./config/shutdown.ts";
import { migrateDatabase, openDatabase } from "./db/client.ts";
import { createBot } from "./bot/create-bot.ts";
import { setDefaultCommandMenu } from "./bot/command-menu.ts";
import { createTranslate } from "./bot/i18n.ts";
import { allFeatures } from "./features/index.ts";
import { allJobs } from "./features/jobs.ts";
import { reconcileConfiguredAdmins } from "./features/people/configured-admins.ts";
import { createScheduler } from "./features/scheduler/scheduler.ts";
import { createOutboxService, OUTBOX_LEADER_LOCK } from "./features/outbox/outbox-service.ts";
import { createOutboxApi } from "./features/outbox/telegram-sender.ts";
import { closeServer, createHttpServer, listen, WEBHOOK_PATH } from "./server/http-server.ts";

const config = loadConfigOrExit(process.env);
const logger = createLogger(config.LOG_LEVEL, config.BOT_TOKEN);
const shutdown = new ShutdownRegistry(logger);
shutdown.installSignalHandlers();
process.on("unhandledRejection", (err) => logger.error({ err }, "unhandled rejection"));

const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
shutdown.register("database", () => database.close());
await migrateDatabase(database);
logger.info({ database: database.kind }, "database ready");

const deps = { database, db: database.db, config, clock: systemClock, logger, t: createTranslate(config.DEFAULT_LOCALE) };
// ADMIN_TELEGRAM_IDS as it is now: an id taken off the list loses the admin role the list gave it (audited).
const admins = await reconcileConfiguredAdmins(database.db, config.ADMIN_TELEGRAM_IDS, systemClock.now());
if (admins.granted.length || admins.revoked.length) logger.info(admins, "admins from ADMIN_TELEGRAM_IDS reconciled");
const bot = createBot({ token: config.BOT_TOKEN, deps, features: allFeatures(), apiRoot: config.TELEGRAM_API_ROOT });
await bot.init();
// The menu of people without a role (/start, /help, /lang); each person's own menu is set on /start and on joining.
void setDefaultCommandMenu(bot.api, allFeatures(), deps.t, config.DEFAULT_LOCALE).catch((err: unknown) =>
  logger.warn({ err }, "could not set the default command menu"),
);

// Background jobs and the outbox dispatcher are registered below, so they stop before the database closes.
// @jobs-wiring (scheduler, outbox dispatcher)
const scheduler = createScheduler(allJobs(deps), { database, clock: systemClock, logger, timeZone: config.REPORT_TIMEZONE });
scheduler.start();
shutdown.register("scheduler", () => scheduler.stop());
// Catch up at once on what was missed while the bot was down (also seeds default holidays on a new database).
void scheduler.runAll();

// Bulk messages: its own Api without auto-retry (a 429 must come back to the dispatcher, not be slept through).
const outbox = createOutboxService(deps, createOutboxApi(config.BOT_TOKEN, { apiRoot: config.TELEGRAM_API_ROOT }), {
  instanceId: `${hostname()}:${process.pid}`,
  // On PostgreSQL one instance sends at a time (advisory lock); PGlite has one process anyway.
  leadership: database.kind === "postgres" ? (fn) => database.tryAdvisoryLock(OUTBOX_LEADER_LOCK, fn) : undefined,
});
outbox.start();
shutdown.register("outbox dispatcher", () => outbox.stop());

const allowedUpdates = ["message", "callback_query", "my_chat_member"] as const;
if (config.BOT_MODE === "webhook") {
  const server = createHttpServer({ database, logger, webhook: { bot: bot as never, secret: config.WEBHOOK_SECRET! } });
  const port = await listen(server, config.PORT);
  shutdown.register("http server", () => closeServer(server));
  if (config.WEBHOOK_URL) {
    const url = new URL(WEBHOOK_PATH, config.WEBHOOK_URL).href;
    await bot.api.setWebhook(url, { secret_token: config.WEBHOOK_SECRET, allowed_updates: [...allowedUpdates] });
    logger.info({ path: WEBHOOK_PATH }, "webhook set");
  }
  logger.info({ bot: bot.botInfo.username, mode: "webhook", port }, "bot started");
} else {
  const server = createHttpServer({ database, logger });
  const port = await listen(server, config.PORT);
  shutdown.register("http server", () => closeServer(server));
  const runner = run(bot, { runner: { fetch: { allowed_updates: [...allowedUpdates] } } });
  shutdown.register("bot runner", () => (runner.isRunning() ? runner.stop() : undefined));
  logger.info({ bot: bot.botInfo.username, mode: "polling", port }, "bot started");
}
