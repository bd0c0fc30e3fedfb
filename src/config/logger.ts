import pino, { type Logger } from "pino";

export type { Logger };

/** Structured JSON logs. The bot token is scrubbed from every message and field, wherever it appears. */
export function createLogger(level: string, token?: string, destination?: pino.DestinationStream): Logger {
  const scrub = (s: string) => (token ? s.split(token).join("[redacted]") : s);
  return pino(
    {
      level,
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === "string" ? scrub(a) : a)) as Parameters<typeof method>);
        },
      },
      formatters: {
        log(obj) {
          if (!token) return obj;
          const s = JSON.stringify(obj, (_k, v: unknown) => (v instanceof Error ? { message: v.message, stack: v.stack } : v));
          return s.includes(token) ? (JSON.parse(scrub(s)) as Record<string, unknown>) : obj;
        },
      },
    },
    destination,
  );
}
