/**
 * What of a logged value may reach the log. A failed Bot API call carries its whole payload (grammY's
 * GrammyError.payload: the text with an invitation code, a caption, the buttons, a file); a failed query carries
 * its parameters (drizzle's "params: …", PGlite's `params`, PostgreSQL's "Failing row contains (…)"); a BotError
 * carries the whole update. None of that may be written. Errors become plain objects with their kind, message,
 * code and cause chain; a Bot API error keeps only the method, the chat id and Telegram's answer.
 * Applied to every log call by the logger itself (see logger.ts), so no call site has to remember it.
 */

/** Keys never written, wherever they appear: what a person wrote or will read, and query parameters. */
const PAYLOAD_KEYS = new Set([
  "payload", "text", "caption", "reply_markup", "entities", "caption_entities", "media", "photo", "document",
  "params", "parameters", "args", "queryOptions", "input_message_content", "results",
]);
/** Extra keys dropped from errors: PostgreSQL's `detail` repeats the row's values ("Failing row contains (…)"). */
const ERROR_ONLY_KEYS = new Set(["detail", "ctx", "stack"]);
const MAX_DEPTH = 6;

export type SafeTelegramError = {
  type: "GrammyError";
  message: string;
  method: string;
  chat_id?: number | string;
  error_code: number;
  description: string;
  retry_after?: number;
};

/** The log form of any value: errors made safe (also nested ones), payload keys dropped. */
export function safeForLog(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (value === null || typeof value !== "object") return value;
  if (seen.has(value)) return "[circular]";
  if (depth >= MAX_DEPTH) return "[deep]";
  seen.add(value);
  if (value instanceof Error) return safeError(value, depth, seen);
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((v) => safeForLog(v, depth + 1, seen));
  if (!isPlainObject(value)) return Object.prototype.toString.call(value);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (!PAYLOAD_KEYS.has(k)) out[k] = safeForLog(v, depth + 1, seen);
  return out;
}

function safeError(err: Error, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const e = err as Error & Record<string, unknown>;
  if (isGrammyError(e)) return safeTelegramError(e);
  if (err.name === "BotError" && "ctx" in e) {
    const ctx = e.ctx as { update?: { update_id?: number }; chat?: { id?: number } } | undefined;
    return {
      type: "BotError",
      update_id: ctx?.update?.update_id,
      chat_id: ctx?.chat?.id,
      cause: safeForLog(e.error, depth + 1, seen),
    };
  }
  const message = withoutParams(err.message);
  const out: Record<string, unknown> = { type: err.name || "Error", message };
  if (typeof err.stack === "string") out.stack = message === err.message ? err.stack : err.stack.replace(err.message, message);
  for (const [k, v] of Object.entries(e)) {
    if (PAYLOAD_KEYS.has(k) || ERROR_ONLY_KEYS.has(k) || k === "message" || k === "name") continue;
    if (v === null || ["string", "number", "boolean"].includes(typeof v)) out[k] = typeof v === "string" ? withoutParams(v) : v;
    else if (v instanceof Error) out[k] = safeForLog(v, depth + 1, seen);
  }
  // grammY's HttpError keeps the failed fetch's error (or a transformer's) as `error`; others as `cause`.
  if (err.cause !== undefined) out.cause = safeForLog(err.cause, depth + 1, seen);
  if (err instanceof AggregateError) out.errors = err.errors.map((x: unknown) => safeForLog(x, depth + 1, seen));
  return out;
}

/** Method, chat and Telegram's answer: the Bot API error without what was being sent. */
export function safeTelegramError(e: Record<string, unknown>): SafeTelegramError {
  const payload = (e.payload ?? {}) as Record<string, unknown>;
  const chat = payload.chat_id;
  const retryAfter = (e.parameters as { retry_after?: unknown } | undefined)?.retry_after;
  return {
    type: "GrammyError",
    message: `Call to '${String(e.method)}' failed! (${String(e.error_code)}: ${String(e.description)})`,
    method: String(e.method),
    ...(typeof chat === "number" || typeof chat === "string" ? { chat_id: chat } : {}),
    error_code: Number(e.error_code),
    description: String(e.description),
    ...(typeof retryAfter === "number" ? { retry_after: retryAfter } : {}),
  };
}

function isGrammyError(e: Record<string, unknown>): boolean {
  return (e as { name?: unknown }).name === "GrammyError" && typeof e.method === "string" && "error_code" in e;
}

/** drizzle's "Failed query: <sql>\nparams: <values>" keeps the statement and loses the values. */
function withoutParams(message: string): string {
  const at = message.indexOf("\nparams:");
  return at === -1 ? message : `${message.slice(0, at)}\nparams: [not logged]`;
}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
