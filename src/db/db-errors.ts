/** Connection-level failures (server down, restarting, network), as opposed to a bad query. */
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH",
  "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED", "CONNECT_TIMEOUT",
  "57P01", "57P02", "57P03", // admin shutdown, crash shutdown, cannot connect now
  "08000", "08001", "08003", "08004", "08006", // connection exceptions
]);

/** True when the error (or one it wraps) says the database cannot be reached right now. */
export function isDatabaseUnavailable(err: unknown): boolean {
  return hasCode(err, UNAVAILABLE_CODES);
}

function hasCode(err: unknown, codes: ReadonlySet<string>): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && codes.has(code)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Errors after which the connection is gone (closed by the driver or the server), not merely refusing one query. */
const LOST_CODES = new Set(["CONNECTION_CLOSED", "CONNECTION_DESTROYED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "57P01", "57P02"]);

/** True when the error says the connection it came from has closed. */
export function isConnectionLost(err: unknown): boolean {
  return hasCode(err, LOST_CODES);
}

/**
 * True for an exception thrown by the PostgreSQL driver outside any query (so no caller can catch it), such as
 * postgres.js writing to a connection that has just closed: the process can go on once the connections are
 * replaced, which is not true of an uncaught exception in general.
 */
export function isDriverFault(err: unknown): boolean {
  return err instanceof TypeError && /[\\/]node_modules[\\/]postgres[\\/]/.test(err.stack ?? "");
}
