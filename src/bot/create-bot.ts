import { Bot, BotError, Composer, type Context } from "grammy";
import { autoRetry } from "@grammyjs/auto-retry";
import { conversations } from "@grammyjs/conversations";
import { sequentialize } from "@grammyjs/runner";
import type { UserFromGetMe } from "grammy/types";
import { conversationStorage } from "../db/conversation-storage.ts";
import type { BaseContext, BotContext, BotDeps } from "./context.ts";
import { handleBotError } from "./error-boundary.ts";
import type { Feature } from "./features.ts";
import { createI18n, telegramLocale } from "./i18n.ts";

import { refuseUnusableInput } from "./unusable-input.ts";
import { accessRefusal } from "./roles.ts";
import { readUpdateStart, startUpdateStatement, type UpdateStart } from "./update-dedupe.ts";
import { runStatement } from "../db/client.ts";
import { cachedOrganisation, refreshOrganisation } from "../features/organisation/organisation.repository.ts";
import { contextSetup, grantConfiguredAdmin, needsAdminGrant } from "./viewer.ts";

export interface CreateBotOptions {
  token: string;
  deps: BotDeps;
  features: Feature[];
  apiRoot?: string;
  /** Preset in tests and the demo so that getMe is never called. */
  botInfo?: UserFromGetMe;
  /** Transport override: tests and the demo answer Telegram's calls in-process. */
  fetch?: typeof fetch;
  /** Retries of 429/5xx; off in tests that inject those faults on purpose. */
  autoRetry?: boolean;
}

/** Builds the bot: plugins in a fixed order, every feature inside one error boundary, the fallback last. */
export function createBot(opts: CreateBotOptions): Bot<BotContext> {
  const { deps } = opts;
  const bot = new Bot<BotContext>(opts.token, {
    botInfo: opts.botInfo,
    client: {
      ...(opts.apiRoot ? { apiRoot: opts.apiRoot } : {}),
      ...(opts.fetch ? { fetch: opts.fetch } : {}),
    },
  });
  if (opts.autoRetry !== false) bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60 }));

  // A person's own setting; before they have one (a newcomer), the language of their Telegram app if supported.
  // Every message may name the organisation ($orgCoordinator, …): the copy kept in memory, refreshed below.
  const i18n = createI18n<BaseContext>(
    deps.config.DEFAULT_LOCALE,
    (ctx) => ctx.viewer?.person?.locale ?? telegramLocale(ctx.from),
    () => cachedOrganisation(deps.db),
  );

  // One error boundary around everything, whatever the transport (runner, webhook, demo, tests).
  bot.use(async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      await handleBotError(new BotError(err, ctx as never) as never, deps);
    }
  });
  // The runner handles updates concurrently; one chat's updates still go one at a time.
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString() ?? ctx.from?.id.toString()));
  bot.use(async (ctx, next) => {
    ctx.deps = deps;
    ctx.log = deps.logger.child({ update_id: ctx.update.update_id, chat_id: ctx.chat?.id });
    // At most one read a minute: an edit made by another instance shows here within a minute.
    await refreshOrganisation(deps.db, deps.clock.now());
    await next();
  });
  // The update start, one statement: the same update_id delivered twice never acts twice, and who is speaking.
  // Sent with the per-chat lock (which serialises one chat's updates across instances too), in the same round
  // trip. The lock's scope goes on the context: a feature may run its last write with the unlock (filing does).
  const begin = async (ctx: BotContext, start: UpdateStart, next: () => Promise<void>) => {
    if (!start.fresh) return void ctx.log.info("duplicate update ignored");
    ctx.viewer = { person: start.person, memberships: start.memberships };
    if (needsAdminGrant(deps, ctx.from, ctx.viewer)) ctx.viewer = await grantConfiguredAdmin(deps, ctx.from!);
    await next();
  };
  bot.use(async (ctx, next) => {
    const input = { updateId: ctx.update.update_id, at: deps.clock.now(), ...(ctx.from ? { telegramId: ctx.from.id } : {}) };
    const chatId = ctx.chat?.id ?? ctx.from?.id;
    if (chatId === undefined) return begin(ctx, readUpdateStart(await runStatement(deps.db, startUpdateStatement(input, deps.database))), next);
    await deps.database.withChatLock(
      chatId,
      (scope) => {
        ctx.chatLock = scope;
        return begin(ctx, readUpdateStart(scope.results[0]!), next);
      },
      [startUpdateStatement(input, deps.database)],
    );
  });
  bot.use(i18n);

  // Everything happens in private chats; groups and channels are ignored.
  const priv = bot.chatType("private") as unknown as Composer<BotContext>;
  // Before the conversations: a refused message must not reach their replay log either.
  priv.use(refuseUnusableInput);
  // A chat filing a report is answered here, without reading conversation state it does not need.
  for (const f of opts.features) if (f.early) priv.use(f.early);
  priv.use(
    conversations<BaseContext, Context>({
      storage: { type: "context", version: 1, adapter: conversationStorage(deps.db, deps.clock, deps.database) },
      plugins: [contextSetup(deps) as never, i18n as never],
    }) as never,
  );

  const boundary = new Composer<BotContext>();
  for (const f of opts.features.filter((f) => f.public)) boundary.use(f.composer);
  // People without a role get one polite sentence and nothing else; other updates of theirs (blocking or
  // restarting the bot) get nothing: a reply to someone who just blocked the bot can only fail.
  // A deactivated person is told so, for every command, button and message, whatever roles they still hold.
  boundary.use(async (ctx, next) => {
    const refusal = accessRefusal(ctx.viewer);
    if (refusal === null) return next();
    if (!ctx.message && !ctx.callbackQuery) return;
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t(`access-${refusal}-short`), show_alert: refusal === "deactivated" });
    else await ctx.reply(ctx.t(`access-${refusal}`));
  });
  for (const f of opts.features.filter((f) => !f.public)) boundary.use(f.composer);
  boundary.on("callback_query", (ctx) => ctx.answerCallbackQuery({ text: ctx.t("button-expired") }));
  boundary.on("message", (ctx) => ctx.reply(ctx.t("fallback-unknown")));
  priv.use(boundary);

  bot.catch((err) => handleBotError(err as never, deps));
  return bot;
}
