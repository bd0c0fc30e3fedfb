// Operator CLI: `npm run cli -- <command> [args]`. Works on the same database as the bot.
import { systemClock } from "../config/clock.ts";
import { loadConfigOrExit } from "../config/load-or-exit.ts";
import { createTranslate } from "../bot/i18n.ts";
import { cachedOrganisation, loadOrganisation } from "../features/organisation/organisation.repository.ts";
import { migrateDatabase } from "../db/client.ts";
import { openDatabaseOrExit } from "../db/open-or-exit.ts";
import { CliUsageError } from "./cli-command.ts";
import { runArgumentsFirst } from "./arguments-first.ts";
import { cliCommands } from "./commands/index.ts";

const config = loadConfigOrExit(process.env, false);
// One language for everything the CLI prints: DEFAULT_LOCALE, as the bot's default.
const locale = config.DEFAULT_LOCALE;
const t = createTranslate(locale);

function printHelp(): void {
  process.stdout.write(`${t(locale, "cli-help-usage")}\n\n${t(locale, "cli-help-commands")}\n`);
  for (const c of cliCommands) process.stdout.write(`  ${t(locale, `cli-${c.name}-usage`)}\n      ${t(locale, `cli-${c.name}-summary`)}\n`);
}

const [name, ...args] = process.argv.slice(2);
const command = cliCommands.find((c) => c.name === name);
if (!command) {
  if (name && name !== "help" && name !== "--help") process.stderr.write(`${t(locale, "cli-unknown-command", { name })}\n\n`);
  printHelp();
  process.exit(name && name !== "help" && name !== "--help" ? 2 : 0);
}

const out = (l: string) => process.stdout.write(`${l}\n`);
const usageFailed = (err: unknown): number => {
  if (err instanceof CliUsageError)
    process.stderr.write(`${err.describe(t, locale)}\n${t(locale, "cli-usage", { usage: t(locale, `cli-${command.name}-usage`) })}\n`);
  else process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  return 1;
};

// Arguments first: a command line that is refused never opens (or creates) DATA_DIR.
let needsDatabase = true;
try {
  needsDatabase = (await runArgumentsFirst(command, args, { config, clock: systemClock, t, out })) === "needs-database";
} catch (err) {
  process.exit(usageFailed(err));
}
if (!needsDatabase) process.exit(0);

const database = await openDatabaseOrExit(
  {
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    maxConnections: 2,
    lockConnections: 2,
    program: "cli",
    embedded: config.EMBEDDED_DATABASE,
    runAsUser: config.EMBEDDED_POSTGRES_USER,
    onServerLog: (line) => process.stderr.write(`${line}\n`),
  },
  { t, locale, print: (line) => process.stderr.write(`${line}\n`) },
);
let code = 0;
try {
  await migrateDatabase(database);
  await loadOrganisation(database.db, systemClock.now());
  const t = createTranslate(config.DEFAULT_LOCALE, () => cachedOrganisation(database.db));
  await command.run(args, { database, config, clock: systemClock, t, out });
} catch (err) {
  code = usageFailed(err);
} finally {
  await database.close();
}
process.exit(code);
