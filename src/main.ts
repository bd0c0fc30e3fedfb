// Wiring only: config, logger, database, bot, HTTP (health, webhook, console), background jobs, shutdown.
import { hostname } from "node:os";
import { run } from "@grammyjs/runner";
import { systemClock } from "./config/clock.ts";
import { loadConfigOrExit } from "./config/load-or-exit.ts";
import { createLogger } from "./config/logger.ts";
import { ShutdownRegistry } from "./config/shutdown.ts";
import { migrateDatabase } from "./db/client.ts";
import { openDatabaseOrExit } from "./db/open-or-exit.ts";
import { isDriverFault } from "./db/db-errors.ts";
import { retryUntilAnswered } from "./config/retry-until-answered.ts";
import { createBot } from "./bot/create-bot.ts";
import { setDefaultCommandMenu } from "./bot/command-menu.ts";
import { createTranslate } from "./bot/i18n.ts";
import { cachedOrganisation, loadOrganisation } from "./features/organisation/organisation.repository.ts";
import { allFeatures } from "./features/index.ts";
import { allJobs } from "./features/jobs.ts";
import { reconcileConfiguredAdmins } from "./features/people/configured-admins.ts";
import { createScheduler } from "./features/scheduler/scheduler.ts";
import { createOutboxService, OUTBOX_LEADER_LOCK } from "./features/outbox/outbox-service.ts";
import { createOutboxApi } from "./features/outbox/telegram-sender.ts";
import { closeServer, createHttpServer, databaseReadiness, listen, WEBHOOK_PATH } from "./server/http-server.ts";
import { createProbeApi, isTokenRefused } from "./bot/telegram-probe.ts";
import { consoleListener } from "./server/console-listener.ts";
import { consoleAsset } from "./server/console-assets.ts";

const config = loadConfigOrExit(process.env);
const logger = createLogger(config.LOG_LEVEL, config.BOT_TOKEN);
const shutdown = new ShutdownRegistry(logger);
shutdown.installSignalHandlers();

const t = createTranslate(config.DEFAULT_LOCALE);
const database = await openDatabaseOrExit(
  {
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    program: "bot",
    embedded: config.EMBEDDED_DATABASE,
    runAsUser: config.EMBEDDED_POSTGRES_USER,
    onServerLog: (line) => logger.warn({ postgres: line }, "embedded PostgreSQL"),
  },
  { t, locale: config.DEFAULT_LOCALE, print: (line) => logger.fatal(line) },
);
shutdown.register("database", () => database.close());
// Nothing may end the process from inside the driver; anything else uncaught is logged and stops it cleanly.
process.on("unhandledRejection", (err) => logger.error({ err }, "unhandled rejection"));
process.on("uncaughtException", (err) => {
  if (isDriverFault(err)) {
    logger.error({ err }, "database driver failed outside any query; reopening its connections");
    void database.reopen().catch((e: unknown) => logger.error({ err: e }, "could not reopen the database connections"));
    return;
  }
  logger.fatal({ err }, "uncaught exception; shutting down");
  void shutdown.shutdown("uncaught exception").finally(() => process.exit(1));
});

const deps = { database, db: database.db, config, clock: systemClock, logger, t: createTranslate(config.DEFAULT_LOCALE, () => cachedOrganisation(database.db)) };
const bot = createBot({ token: config.BOT_TOKEN, deps, features: allFeatures(), apiRoot: config.TELEGRAM_API_ROOT });

// Listen first: /healthz answers at once, /readyz says what the process still waits for.
let telegramAnswered = false;
let started = false;
const server = createHttpServer({
  logger,
  readiness: async () => {
    const db = await databaseReadiness(database);
    const reasons = [...(telegramAnswered ? [] : ["Telegram has not answered getMe yet"]), ...db.reasons];
    return { ready: reasons.length === 0 && started, reasons: reasons.length || started ? reasons : ["starting"] };
  },
  // The web console (Mini App) and the read-only API, on the same port in both modes.
  console: consoleListener(deps, consoleAsset),
  ...(config.BOT_MODE === "webhook" ? { webhook: { bot: bot as never, secret: config.WEBHOOK_SECRET!, accepting: () => started } } : {}),
});
const port = await listen(server, config.PORT);
logger.info({ port }, "http server listening");

const retry = { logger, signal: shutdown.signal };
await retryUntilAnswered("database", () => migrateDatabase(database), retry);
await retryUntilAnswered("database", () => loadOrganisation(database.db, systemClock.now()), retry);
logger.info({ database: database.kind }, "database ready");
// ADMIN_TELEGRAM_IDS as it is now: an id taken off the list loses the admin role the list gave it (audited).
const admins = await retryUntilAnswered("database", () => reconcileConfiguredAdmins(database.db, config.ADMIN_TELEGRAM_IDS, systemClock.now()), retry);
if (admins.granted.length || admins.revoked.length) logger.info(admins, "admins from ADMIN_TELEGRAM_IDS reconciled");
// getMe with a time limit of its own (grammY's bot.init() retries for ever, silently); a refused token is final.
const probe = createProbeApi(config.BOT_TOKEN, config.TELEGRAM_API_ROOT);
bot.botInfo = await retryUntilAnswered("telegram", () => probe.getMe(AbortSignal.timeout(5_000) as never), { ...retry, isFatal: isTokenRefused });
telegramAnswered = true;
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
  leaseMs: config.OUTBOX_LEASE_SECONDS * 1000,
  // On PostgreSQL one instance sends at a time (advisory lock); PGlite has one process anyway.
  leadership: database.kind === "postgres" ? (fn) => database.tryAdvisoryLock(OUTBOX_LEADER_LOCK, fn) : undefined,
});
outbox.start();
shutdown.register("outbox dispatcher", () => outbox.stop());
shutdown.register("http server", () => closeServer(server));

const allowedUpdates = ["message", "callback_query", "my_chat_member"] as const;
if (config.BOT_MODE === "webhook") {
  if (config.WEBHOOK_URL) {
    const url = new URL(WEBHOOK_PATH, config.WEBHOOK_URL).href;
    await retryUntilAnswered(
      "telegram setWebhook",
      () => bot.api.setWebhook(url, { secret_token: config.WEBHOOK_SECRET, allowed_updates: [...allowedUpdates] }),
      retry,
    );
    logger.info({ path: WEBHOOK_PATH }, "webhook set");
  }
  started = true;
  logger.info({ bot: bot.botInfo.username, mode: "webhook", port }, "bot started");
} else {
  const runner = run(bot, { runner: { fetch: { allowed_updates: [...allowedUpdates] } } });
  shutdown.register("bot runner", () => (runner.isRunning() ? runner.stop() : undefined));
  started = true;
  logger.info({ bot: bot.botInfo.username, mode: "polling", port }, "bot started");
}
