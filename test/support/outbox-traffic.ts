import type { FakeBotApi } from "../../src/demo/fake-bot-api.ts";
import type { OutgoingMessage } from "../../src/features/outbox/outbox.repository.ts";

/** One plain message per chat, queued as the outbox's callers queue them. */
export function messagesTo(chatIds: number[], tag: string): OutgoingMessage[] {
  return chatIds.map((chatId) => ({
    chatId,
    kind: "broadcast",
    dedupeKey: `${tag}:${chatId}`,
    payload: { method: "sendMessage", params: { chat_id: chatId, text: `${tag} ${chatId}` } },
  }));
}

/** How many messages each chat received (sendMessage calls that reached the fake Bot API). */
export function sendsPerChat(api: FakeBotApi): Map<number, number> {
  const counts = new Map<number, number>();
  for (const call of api.calls) {
    if (call.method !== "sendMessage") continue;
    const chat = Number(call.payload.chat_id);
    counts.set(chat, (counts.get(chat) ?? 0) + 1);
  }
  return counts;
}

/** The same database URL through a proxy on 127.0.0.1, with a short connect timeout (postgres.js reads it from the URL). */
export function throughProxy(databaseUrl: string, proxyPort: number, connectTimeoutSeconds = 2): string {
  const u = new URL(databaseUrl);
  u.hostname = "127.0.0.1";
  u.port = String(proxyPort);
  u.searchParams.set("connect_timeout", String(connectTimeoutSeconds));
  return u.href;
}
