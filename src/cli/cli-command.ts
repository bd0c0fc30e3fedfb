import type { Database } from "../db/client.ts";
import type { Config } from "../config/config.ts";
import type { Clock } from "../config/clock.ts";
import type { Translate } from "../bot/i18n.ts";

export interface CliContext {
  database: Database;
  config: Config;
  clock: Clock;
  t: Translate;
  out: (line: string) => void;
}

/** One operator command: `npm run cli -- <name> [args]`. Throw CliUsageError for bad arguments. */
export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  run(args: string[], ctx: CliContext): Promise<void>;
}

export class CliUsageError extends Error {}

/** --flag value pairs and positionals, nothing more. */
export function parseFlags(args: string[]): { flags: Record<string, string>; positional: string[] } {
  const flags: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith("--")) {
      const value = args[i + 1];
      if (value === undefined || value.startsWith("--")) throw new CliUsageError(`missing value for ${a}`);
      flags[a.slice(2)] = value;
      i++;
    } else positional.push(a);
  }
  return { flags, positional };
}
