import { Api, GrammyError, InputFile } from "grammy";
import type { SendFn, SendResult } from "./delivery-outcome.ts";
import type { OutboxPayload } from "./outbox.table.ts";

/**
 * The dispatcher's own API client. It has no auto-retry on purpose: the bot's client sleeps through a 429
 * inside the call, which would stall every send behind it; the dispatcher wants the 429 back at once so
 * it can pause and reschedule.
 */
export function createOutboxApi(token: string, opts: { apiRoot?: string; fetch?: typeof fetch } = {}): Api {
  return new Api(token, {
    ...(opts.apiRoot ? { apiRoot: opts.apiRoot } : {}),
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
    // A send that hangs must not hold its row for ever; the lease would resend it anyway.
    timeoutSeconds: 30,
  });
}

/** Marks a payload parameter as a file on this machine, uploaded at send time: `{ document: localFile(path) }`. */
export function localFile(path: string): { localPath: string } {
  return { localPath: path };
}

function withFiles(params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) {
    const path = v && typeof v === "object" && "localPath" in v ? (v as { localPath: unknown }).localPath : undefined;
    out[k] = typeof path === "string" ? new InputFile(path) : v;
  }
  return out;
}

/** Maps a grammY failure to the dispatcher's verdict. */
export function classifyTelegramError(err: unknown): SendResult {
  if (err instanceof GrammyError) {
    const reason = `${err.error_code}: ${err.description}`;
    if (err.error_code === 429) return { kind: "rate-limited", retryAfterSeconds: err.parameters.retry_after ?? 5 };
    if (err.error_code === 403) return { kind: "undeliverable", reason };
    if (err.error_code === 400 && /chat not found|user not found|PEER_ID_INVALID/i.test(err.description))
      return { kind: "undeliverable", reason };
    if (err.error_code === 400) return { kind: "rejected", reason };
    return { kind: "error", reason };
  }
  return { kind: "error", reason: err instanceof Error ? err.message : String(err) };
}

/** `send` for the dispatcher over a grammY Api: sendMessage, sendPhoto or sendDocument with the row's params. */
export function createTelegramSender(api: Api): SendFn {
  return async (payload: OutboxPayload, chatId: number): Promise<SendResult> => {
    try {
      const params = { ...withFiles(payload.params), chat_id: chatId };
      const message = await api.raw[payload.method](params as never);
      return { kind: "sent", messageId: (message as { message_id: number }).message_id };
    } catch (err) {
      return classifyTelegramError(err);
    }
  };
}
