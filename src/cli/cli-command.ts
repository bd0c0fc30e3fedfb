import type { Database } from "../db/client.ts";
import type { Config } from "../config/config.ts";
import type { Clock } from "../config/clock.ts";
import type { Translate } from "../bot/i18n.ts";
import { nearest } from "../features/templates/nearest-name.ts";
import type { PeriodError } from "../features/reports/periods.repository.ts";
import { periodLabel } from "../format/period-label.ts";

export interface CliContext {
  database: Database;
  config: Config;
  clock: Clock;
  t: Translate;
  out: (line: string) => void;
}

/**
 * One operator command: `npm run cli -- <name> [args]`. Throw CliUsageError for bad arguments. Its usage line
 * and summary are the locale strings `cli-<name>-usage` and `cli-<name>-summary` (the CLI speaks DEFAULT_LOCALE).
 */
export interface CliCommand {
  name: string;
  run(args: string[], ctx: CliContext): Promise<void>;
}

/**
 * Bad arguments: main.ts prints the message (the locale string `key`, in DEFAULT_LOCALE) and then the command's
 * usage. Thrown before anything is changed. `message` is the key, for logs and tests.
 */
export class CliUsageError extends Error {
  constructor(
    readonly key: string,
    readonly args: Record<string, string | number> = {},
  ) {
    super(key);
  }
  /** The message in the operator's language. */
  describe(t: Translate, locale: string): string {
    return t(locale, this.key, this.args);
  }
}

/**
 * `--flag value` (or `--flag=value`) pairs and positionals, nothing more. Only the flags in `allowed` are
 * accepted: a misspelt or unknown option (`--agncy`), an option given twice or one without a value is a
 * CliUsageError, so that a typo can never silently fall back to a default (e.g. a whole-province invitation).
 * A lone `--` ends the options; everything after it is positional.
 */
export function parseFlags(args: string[], allowed: readonly string[]): { flags: Record<string, string>; positional: string[] } {
  const flags: Record<string, string> = {};
  const positional: string[] = [];
  const options = allowed.map((f) => `--${f}`).join(", ");
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith("--")) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const name = eq === -1 ? a.slice(2) : a.slice(2, eq);
    if (!allowed.includes(name)) {
      const near = nearest(name, allowed) ?? "none";
      throw new CliUsageError(allowed.length > 0 ? "cli-option-unknown" : "cli-option-unknown-none", { name, near, options });
    }
    if (Object.hasOwn(flags, name)) throw new CliUsageError("cli-option-twice", { name });
    let value: string | undefined;
    if (eq !== -1) value = a.slice(eq + 1);
    else {
      value = args[i + 1];
      if (value !== undefined && !value.startsWith("--")) i++;
      else value = undefined;
    }
    if (value === undefined || value === "") throw new CliUsageError("cli-option-no-value", { name });
    flags[name] = value;
  }
  return { flags, positional };
}

/** Refuses positional arguments beyond the `max` a command takes. */
export function expectPositionals(positional: string[], max: number): void {
  if (positional.length > max) throw new CliUsageError("cli-unexpected-argument", { arg: positional[max]! });
}

/** A period the repository refused, in the operator's language (the same sentences as the chat commands). */
export function periodErrorText(ctx: CliContext, e: PeriodError, flags: Record<string, string>): string {
  const locale = ctx.config.DEFAULT_LOCALE;
  const label = (key: string) => periodLabel(key, (k, a) => ctx.t(locale, k, a));
  const range = e.range ? { earliest: label(e.range.earliest), latest: label(e.range.latest) } : { earliest: "", latest: "" };
  return ctx.t(locale, `report-period-error-${e.code}`, { template: flags.template ?? "", period: flags.period ?? "", ...range });
}
