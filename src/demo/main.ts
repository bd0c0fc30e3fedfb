// The offline demo: the production bot over an in-memory PGlite and an in-process fake Bot API,
// driven from the terminal (or a piped script) as any demo persona. See the README, section "Offline demo".
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { createTranslate } from "../bot/i18n.ts";
import { systemClock } from "../config/clock.ts";

// Said at once, before the bot's code is loaded and the database prepared (which take seconds). On stderr, so
// that stdout stays the transcript.
const startedAt = performance.now();
const earlyLocale = process.env.DEFAULT_LOCALE === "en" ? "en" : "vi";
// (Unless scripts/demo-launcher.mjs, what `npm run demo` runs, has already said it.)
if (process.env.DEMO_STARTING_SAID !== "1") process.stderr.write(`${createTranslate(earlyLocale)(earlyLocale, "demo-starting")}\n`);

const pino = (await import("pino")).default;
const { ConfigError } = await import("../config/config.ts");
const { createLogger } = await import("../config/logger.ts");
const { DEMO_TOKEN, demoConfig, startDemo } = await import("./demo-session.ts");
const { openPreparedDatabase, preparedDatabaseKey } = await import("./prepared-database.ts");

let config;
try {
  config = demoConfig(process.env);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
}

// Logs go to stderr so that stdout stays a readable transcript.
const logger = createLogger(config.LOG_LEVEL, DEMO_TOKEN, pino.destination({ fd: 2, sync: true }));
const write = (text: string) => void process.stdout.write(text);
const interactive = Boolean(process.stdin.isTTY);

// Each run saves the files the bot sends in a folder of its own: demo-out/<date>-<time>-<pid>/ (or DEMO_OUT_DIR).
const now = systemClock.now();
const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
const outDir = resolve(process.env.DEMO_OUT_DIR ?? join("demo-out", `${stamp}-${process.pid}`));
// The migrated and seeded database is kept after the first run of the day (DEMO_CACHE=0: always build it anew).
const useCache = process.env.DEMO_CACHE !== "0";
const prepared = useCache ? await openPreparedDatabase(preparedDatabaseKey(config, now)) : undefined;
const session = await startDemo({ config, logger, write, outDir, startAt: now, ...(prepared ? { database: prepared.database, seeded: prepared.seeded } : {}) });
logger.info({ ms: Math.round(performance.now() - startedAt), prepared: prepared?.seeded ?? false }, "demo ready");
write(`${session.t("demo-banner")}\n`);
write(`${session.t("demo-acting-as", { key: session.persona.key, persona: session.describePersona(session.persona) })}\n`);
// The web console on 127.0.0.1 (DEMO_CONSOLE_PORT, default a free port); ":console" prints a signed link.
const { startDemoConsole } = await import("../features/console/demo-console.ts");
const { buildConsoleWith, consoleAsset } = await import("../server/console-assets.ts");
// The demo may run as a bundle (scripts/demo-launcher.mjs): its console is built from web/ by esbuild, as from the sources.
buildConsoleWith(async () => (await import("../server/console-build.ts")).buildConsoleFiles());
const consoleServer = await startDemoConsole(session.deps, consoleAsset, Number(process.env.DEMO_CONSOLE_PORT ?? 0));
write(`${session.t("console-demo-started", { url: consoleServer.url })}\n`);
write(`${session.formatNow()}\n\n`);
// A database just seeded is kept for the next runs while the first screen waits for input (the first lines
// typed wait for the copy, as PGlite runs one statement at a time).
const saving = prepared && !prepared.seeded ? prepared.save().catch((err: unknown) => logger.warn({ err }, "could not keep the prepared demo database")) : undefined;
await session.runBackgroundWork(session.clock.now());

const rl = createInterface({ input: process.stdin, output: interactive ? process.stdout : undefined, terminal: interactive });
rl.on("SIGINT", () => rl.close());
process.once("SIGTERM", () => rl.close());

if (interactive) {
  rl.setPrompt(session.prompt());
  rl.prompt();
}
for await (const line of rl) {
  // A piped script is echoed after the prompt, so the transcript reads like a chat.
  // Comments and blank lines are copied as they are, to keep the script's sections apart.
  if (!interactive) write(line.trim() === "" || line.trim().startsWith("#") ? `${line}\n` : `${session.prompt()}${line}\n`);
  let outcome: "quit" | undefined;
  try {
    if (line.trim() === ":console") write(`${session.t("console-demo-link", { name: session.persona.name })}\n${consoleServer.linkFor({ telegramId: session.persona.telegramId, name: session.persona.name }, session.clock.now())}\n`);
    else outcome = await session.handleLine(line);
  } catch (err) {
    logger.error({ err }, "console line failed");
  }
  if (outcome === "quit") break;
  if (interactive) {
    rl.setPrompt(session.prompt());
    rl.prompt();
  }
}
rl.close();

await consoleServer.close();
await session.close();
await saving;
await prepared?.close();
write(`${session.t("demo-bye")}\n`);
// Let stdout drain (a pipe may be asynchronous), then end even if a library left a timer behind.
process.stdout.write("", () => process.exit(0));
