import pino, { type Logger } from "pino";

export type { Logger };

/**
 * Structured JSON logs. The bot token is scrubbed from each finished log line, so it cannot leak
 * through any path: a message, a field, a child logger's bindings, or an error's cause, nested
 * errors or derived message (grammY's HttpError carries the failed request URL, which holds the token).
 * A token is digits, letters, ":", "_" and "-", none of which JSON escapes, so the serialized line
 * contains it verbatim whenever it is there.
 */
export function createLogger(level: string, token?: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      ...(token ? { hooks: { streamWrite: (line: string) => (line.includes(token) ? line.split(token).join("[redacted]") : line) } } : {}),
    },
    destination,
  );
}
