import type { Logger } from "./logger.ts";

export interface RetryOptions {
  logger: Logger;
  /** Wait before the second attempt; doubled after each failure up to `maxDelayMs`. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** An error that no retry can fix (a refused bot token): thrown at once. */
  isFatal?: (err: unknown) => boolean;
  /** Stops retrying (the process is shutting down): the last error is thrown. */
  signal?: AbortSignal;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Calls `attempt` until it succeeds, with exponential backoff, logging one line per failure: what is
 * awaited, the attempt, the wait before the next one and the error's message (never the error object,
 * whose request may carry the bot token).
 */
export async function retryUntilAnswered<T>(what: string, attempt: () => Promise<T>, opts: RetryOptions): Promise<T> {
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let delay = opts.initialDelayMs ?? 1_000;
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      if (opts.isFatal?.(err) || opts.signal?.aborted) throw err;
      opts.logger.warn({ waitingFor: what, attempt: n, retryInMs: delay, error: messageOf(err) }, `${what} not answering; retrying`);
      await sleep(delay);
      delay = Math.min(delay * 2, opts.maxDelayMs ?? 30_000);
    }
  }
}

/** The error's message and its cause's, with any URL left out (a Bot API URL holds the token). */
function messageOf(err: unknown): string {
  if (!(err instanceof Error)) return "unknown error";
  const cause = (err as { error?: unknown }).error ?? err.cause;
  const causeCode = (cause as { cause?: { code?: unknown } } | undefined)?.cause?.code ?? (cause as { code?: unknown } | undefined)?.code;
  const text = cause instanceof Error && cause.message !== err.message ? `${err.message} (${cause.message})` : err.message;
  return `${text.replace(/\w+:\/\/\S+/g, "<url>")}${typeof causeCode === "string" ? ` [${causeCode}]` : ""}`;
}
