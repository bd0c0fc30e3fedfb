import pino, { type Logger } from "pino";

export type { Logger };

/** Structured JSON logs. The bot token is redacted wherever it may appear. */
export function createLogger(level: string, token?: string): Logger {
  return pino({
    level,
    redact: { paths: ["token", "config.BOT_TOKEN", "*.BOT_TOKEN"], censor: "[redacted]" },
    hooks: token
      ? {
          logMethod(args, method) {
            const scrub = (v: unknown) => (typeof v === "string" ? v.split(token).join("[redacted]") : v);
            method.apply(this, args.map(scrub) as Parameters<typeof method>);
          },
        }
      : undefined,
    formatters: {
      log(obj) {
        if (!token) return obj;
        const s = JSON.stringify(obj);
        return s.includes(token) ? (JSON.parse(s.split(token).join("[redacted]")) as Record<string, unknown>) : obj;
      },
    },
  });
}
