import pino, { type Logger } from "pino";
import { safeForLog } from "./log-safe.ts";

export type { Logger };

/**
 * Structured JSON logs. Two guards apply to every line, whoever writes it:
 * - what is logged passes through `safeForLog` first (logMethod hook): a failed Telegram call is logged as its
 *   method, chat id and Telegram's error, never with the text, caption, buttons or file it tried to send (an
 *   invitation code, a report); a failed query without its parameters; a BotError without its update;
 * - the bot token is scrubbed from each finished line, so it cannot leak through any path: a message, a field, a
 *   child logger's bindings, or an error's cause, nested errors or derived message (grammY's HttpError carries
 *   the failed request URL, which holds the token). A token is digits, letters, ":", "_" and "-", none of which
 *   JSON escapes, so the serialized line contains it verbatim whenever it is there.
 */
export function createLogger(level: string, token?: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      // The logMethod hook has already made errors plain and safe; pino's own error serializer would re-read them.
      serializers: { err: (value: unknown) => value },
      hooks: {
        logMethod(args, method) {
          const [first, ...rest] = args as unknown[];
          if (first instanceof Error) {
            const err = safeForLog(first) as { message?: string };
            const msg = rest.length ? rest : [err.message ?? ""];
            return method.apply(this, [{ err }, ...msg.map((a) => safeForLog(a))] as never);
          }
          return method.apply(this, args.map((a) => safeForLog(a)) as never);
        },
        ...(token ? { streamWrite: (line: string) => (line.includes(token) ? line.split(token).join("[redacted]") : line) } : {}),
      },
    },
    destination,
  );
}
