import { existsSync } from "node:fs";
import { join } from "node:path";
import { hasEmbeddedCluster } from "./embedded-postgres.ts";

/** The two embedded databases a data directory can hold (EMBEDDED_DATABASE). */
export type EmbeddedKind = "postgres" | "pglite";

/**
 * Which embedded database to open in DATA_DIR. Configured: that one. Not configured: PostgreSQL (a server process
 * the bot starts, ~4× lighter than PGlite), except where the directory already holds a PGlite database (made before
 * PostgreSQL became the default) and no embedded cluster: that one stays in use, so an update never opens an empty
 * database beside the operator's data. Moving such data over: README, "Running for real".
 */
export function chooseEmbedded(dataDir: string, configured: EmbeddedKind | undefined): EmbeddedKind {
  if (configured) return configured;
  if (hasEmbeddedCluster(dataDir)) return "postgres";
  return holdsPglite(dataDir) ? "pglite" : "postgres";
}

/** PGlite keeps a whole PostgreSQL data directory directly in DATA_DIR. */
export function holdsPglite(dataDir: string): boolean {
  return existsSync(join(dataDir, "PG_VERSION"));
}
