import type { OutboxPayload } from "./outbox.table.ts";

/** What Telegram answered one send, in the dispatcher's words (the Telegram side maps its errors to this). */
export type SendResult =
  | { kind: "sent"; messageId: number }
  /** 429: too many requests; nothing should be sent for `retryAfterSeconds`. */
  | { kind: "rate-limited"; retryAfterSeconds: number }
  /** 403 (blocked, deactivated, kicked) or a chat that does not exist: retrying can never help. */
  | { kind: "undeliverable"; reason: string }
  /** 400 Bad Request: this exact request will never succeed. */
  | { kind: "rejected"; reason: string }
  /** 5xx, network errors, timeouts: worth retrying later. */
  | { kind: "error"; reason: string };

/** Sends one outbox payload to one chat. */
export type SendFn = (payload: OutboxPayload, chatId: number) => Promise<SendResult>;

export interface RetryPolicy {
  /** Attempts (sends that reached a verdict other than 429) before a row is marked failed. */
  maxAttempts: number;
  /** First retry delay; doubles on each further attempt. */
  backoffBaseMs: number;
  backoffMaxMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, backoffBaseMs: 5_000, backoffMaxMs: 10 * 60_000 };

/** What becomes of a row after one send. */
export type RowUpdate =
  | { status: "sent"; messageId: number; attempts: number }
  | { status: "pending"; notBefore: Date; attempts: number; error: string | null }
  | { status: "failed" | "undeliverable"; attempts: number; error: string };

/**
 * The row's next state. `attemptsBefore` counts earlier verdicts; a 429 is not the message's fault,
 * so it does not use up an attempt (the dispatcher pauses globally instead).
 */
export function nextRowState(result: SendResult, attemptsBefore: number, now: Date, policy: RetryPolicy): RowUpdate {
  const attempts = attemptsBefore + 1;
  switch (result.kind) {
    case "sent":
      return { status: "sent", messageId: result.messageId, attempts };
    case "rate-limited":
      return {
        status: "pending",
        notBefore: new Date(now.getTime() + Math.max(1, result.retryAfterSeconds) * 1000),
        attempts: attemptsBefore,
        error: `429: retry after ${result.retryAfterSeconds}s`,
      };
    case "undeliverable":
      return { status: "undeliverable", attempts, error: result.reason };
    case "rejected":
      return { status: "failed", attempts, error: result.reason };
    case "error": {
      if (attempts >= policy.maxAttempts) return { status: "failed", attempts, error: result.reason };
      const delay = Math.min(policy.backoffMaxMs, policy.backoffBaseMs * 2 ** (attempts - 1));
      return { status: "pending", notBefore: new Date(now.getTime() + delay), attempts, error: result.reason };
    }
  }
}
