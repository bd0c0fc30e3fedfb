import type { Api } from "grammy";
import type { BotDeps } from "../../bot/context.ts";
import { createBroadcastProgress } from "../broadcasts/broadcast-progress.ts";
import { createOutboxDispatcher, type OutboxDispatcher, type OutboxDispatcherOptions } from "./outbox-dispatcher.ts";
import { createTelegramSender } from "./telegram-sender.ts";

/**
 * Advisory lock of the sending instance (single-key space, beside LOCKS in src/db/client.ts).
 * Only the holder sends, so Telegram's global limit is one budget however many instances run;
 * the others stand by and take over within `standbyPollMs` when the holder's session ends.
 */
export const OUTBOX_LEADER_LOCK = 7_006;

/**
 * The dispatcher as the bot runs it: limits from the config, sends through `api` (give it an Api
 * without auto-retry: createOutboxApi), and broadcast progress messages refreshed after each cycle.
 */
export function createOutboxService(
  deps: Pick<BotDeps, "db" | "clock" | "config" | "logger" | "t">,
  api: Api,
  extra: Pick<OutboxDispatcherOptions, "instanceId"> & Partial<OutboxDispatcherOptions>,
): OutboxDispatcher {
  const log = deps.logger.child({ component: "broadcast-progress" });
  const progress = createBroadcastProgress({
    db: deps.db,
    clock: deps.clock,
    t: deps.t,
    defaultLocale: deps.config.DEFAULT_LOCALE,
    edit: async (chatId, messageId, text) => void (await api.editMessageText(chatId, messageId, text)),
    onError: (err, broadcastId) => log.warn({ err, broadcastId }, "could not update a progress message"),
  });
  return createOutboxDispatcher({
    db: deps.db,
    clock: deps.clock,
    send: createTelegramSender(api),
    limits: {
      globalPerSecond: deps.config.OUTBOX_GLOBAL_PER_SECOND,
      perChatPerSecond: deps.config.OUTBOX_PER_CHAT_PER_SECOND,
      groupPerMinute: deps.config.OUTBOX_GROUP_PER_MINUTE,
    },
    logger: deps.logger,
    afterCycle: progress,
    ...extra,
  });
}
