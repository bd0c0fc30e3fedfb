// Operator CLI: `npm run cli -- <command> [args]`. Works on the same database as the bot.
import { systemClock } from "../config/clock.ts";
import { loadConfigOrExit } from "../config/load-or-exit.ts";
import { createTranslate } from "../bot/i18n.ts";
import { cachedOrganisation, loadOrganisation } from "../features/organisation/organisation.repository.ts";
import { migrateDatabase, openDatabase } from "../db/client.ts";
import { CliUsageError } from "./cli-command.ts";
import { cliCommands } from "./commands/index.ts";

function printHelp(): void {
  process.stdout.write("Usage: npm run cli -- <command> [options]\n\nCommands:\n");
  for (const c of cliCommands) process.stdout.write(`  ${c.usage}\n      ${c.summary}\n`);
}

const [name, ...args] = process.argv.slice(2);
const command = cliCommands.find((c) => c.name === name);
if (!command) {
  if (name && name !== "help" && name !== "--help") process.stderr.write(`Unknown command: ${name}\n\n`);
  printHelp();
  process.exit(name && name !== "help" && name !== "--help" ? 2 : 0);
}

const config = loadConfigOrExit(process.env, false);
const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, maxConnections: 2 });
let code = 0;
try {
  await migrateDatabase(database);
  await loadOrganisation(database.db, systemClock.now());
  const t = createTranslate(config.DEFAULT_LOCALE, () => cachedOrganisation(database.db));
  await command.run(args, { database, config, clock: systemClock, t, out: (l) => process.stdout.write(`${l}\n`) });
} catch (err) {
  code = 1;
  if (err instanceof CliUsageError) process.stderr.write(`${err.message}\nUsage: ${command.usage}\n`);
  else process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
} finally {
  await database.close();
}
process.exit(code);
