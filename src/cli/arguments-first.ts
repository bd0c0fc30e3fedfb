import type { Database } from "../db/client.ts";
import type { CliCommand, CliContext } from "./cli-command.ts";

/** Thrown by the stand-in database on its first use: the command's own checks of its arguments have passed. */
class DatabaseNeeded extends Error {}

/** A database that is not open: any use of it (a query, a lock, its drizzle handle's methods) stops the rehearsal. */
function unopenedDatabase(): Database {
  const stop = (): never => {
    throw new DatabaseNeeded("the command needs the database");
  };
  const db = new Proxy({}, { get: stop, apply: stop, has: stop });
  return new Proxy({} as Database, { get: (_t, key) => (key === "db" ? db : stop()) });
}

/**
 * Runs `command` first without opening the database, so that bad arguments are refused before DATA_DIR is opened
 * (or created): every command checks its arguments before its first query, and has no effect before it.
 * Returns "done" when the command finished without the database (its output is printed then), "needs-database"
 * when it got as far as its first query (nothing printed; run it again on the open database). A CliUsageError or
 * any other failure before the first query is thrown as is.
 */
export async function runArgumentsFirst(command: CliCommand, args: string[], ctx: Omit<CliContext, "database">): Promise<"done" | "needs-database"> {
  const printed: string[] = [];
  try {
    await command.run(args, { ...ctx, database: unopenedDatabase(), out: (line) => printed.push(line) });
  } catch (err) {
    if (err instanceof DatabaseNeeded) return "needs-database";
    throw err;
  }
  for (const line of printed) ctx.out(line);
  return "done";
}
