import type { Translate } from "../bot/i18n.ts";
import { openDatabase, type Database, type OpenOptions } from "./client.ts";
import { DataDirLockedError } from "./data-dir-lock.ts";

/**
 * For entry points (the bot, the CLI): opens the database; when another process holds the embedded database's
 * data directory, says so in one line in the operator's language (DEFAULT_LOCALE) and stops with exit code 1.
 */
export async function openDatabaseOrExit(opts: OpenOptions, say: { t: Translate; locale: string; print: (line: string) => void }): Promise<Database> {
  try {
    return await openDatabase(opts);
  } catch (err) {
    if (!(err instanceof DataDirLockedError)) throw err;
    const { pid, program, since } = err.holder;
    say.print(say.t(say.locale, "datadir-locked", { dir: err.dir, pid: String(pid), program: say.t(say.locale, program === "cli" ? "datadir-holder-cli" : "datadir-holder-bot"), since }));
    process.exit(1);
  }
}
