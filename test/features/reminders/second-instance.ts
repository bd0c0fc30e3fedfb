import { openDatabase, type Database } from "../../../src/db/client.ts";
import { withDatabaseName } from "../../support/pg-url.ts";

/**
 * Another process's view of the same database: on PostgreSQL a separate connection pool to the same
 * database (as a second bot instance would have); on PGlite, which lives in one process, the same handle.
 */
export async function secondInstance(database: Database): Promise<{ database: Database; close(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url || database.kind !== "postgres") return { database, close: async () => undefined };
  const name = (database.db as unknown as { $client: { options: { database: string } } }).$client.options.database;
  const other = await openDatabase({ databaseUrl: withDatabaseName(url, name), maxConnections: 3 });
  return { database: other, close: () => other.close() };
}
