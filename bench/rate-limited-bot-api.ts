import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A tiny Bot API on 127.0.0.1 for the outbox benchmark: it accepts sendMessage like Telegram, but
 * enforces a ceiling of `perSecond` messages in any sliding one-second window (and one message per
 * second per chat), answering 429 with retry_after beyond that, as Telegram does.
 */
export interface RateLimitedBotApi {
  url: string;
  accepted: number;
  rejected429: number;
  firstAcceptedAt: number | undefined;
  lastAcceptedAt: number | undefined;
  close(): Promise<void>;
}

export async function startRateLimitedBotApi(perSecond: number): Promise<RateLimitedBotApi> {
  const window: number[] = []; // accept times within the last second, oldest first
  const lastPerChat = new Map<number, number>();
  let nextMessageId = 1;
  const state = { accepted: 0, rejected429: 0, firstAcceptedAt: undefined as number | undefined, lastAcceptedAt: undefined as number | undefined };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const method = (req.url ?? "").slice((req.url ?? "").lastIndexOf("/") + 1);
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>;
      } catch {
        // An unparsable body is answered like Telegram: 400.
      }
      const reply = (status: number, payload: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(payload));
      };
      if (method !== "sendMessage") return reply(200, { ok: true, result: true });
      const chatId = Number(body.chat_id);
      if (!Number.isFinite(chatId)) return reply(400, { ok: false, error_code: 400, description: "Bad Request: chat not found" });
      const now = performance.now();
      while (window.length > 0 && window[0]! <= now - 1000) window.shift();
      const chatLast = lastPerChat.get(chatId);
      if (window.length >= perSecond || (chatLast !== undefined && now - chatLast < 1000)) {
        state.rejected429++;
        return reply(429, { ok: false, error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } });
      }
      window.push(now);
      lastPerChat.set(chatId, now);
      state.accepted++;
      state.firstAcceptedAt ??= now;
      state.lastAcceptedAt = now;
      reply(200, {
        ok: true,
        result: { message_id: nextMessageId++, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: "private" }, text: body.text },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }) as RateLimitedBotApi;
}
