import { GrammyError } from "grammy";
import { describe, expect, it } from "vitest";
import { classifyTelegramError } from "../../../src/features/outbox/telegram-sender.ts";

const err = (error_code: number, description: string, parameters = {}) =>
  new GrammyError("call failed", { ok: false, error_code, description, parameters }, "sendMessage", {});

describe("Telegram errors as delivery verdicts", () => {
  it("maps 429 with retry_after, 403, chat not found, other 400s and 5xx", () => {
    expect(classifyTelegramError(err(429, "Too Many Requests: retry after 12", { retry_after: 12 }))).toEqual({ kind: "rate-limited", retryAfterSeconds: 12 });
    expect(classifyTelegramError(err(403, "Forbidden: user is deactivated"))).toEqual({ kind: "undeliverable", reason: "403: Forbidden: user is deactivated" });
    expect(classifyTelegramError(err(400, "Bad Request: chat not found")).kind).toBe("undeliverable");
    expect(classifyTelegramError(err(400, "Bad Request: message is too long")).kind).toBe("rejected");
    expect(classifyTelegramError(err(502, "Bad Gateway")).kind).toBe("error");
    expect(classifyTelegramError(new Error("socket hang up"))).toEqual({ kind: "error", reason: "socket hang up" });
  });
});
