import type { BotError, Context } from "grammy";
import { isDatabaseUnavailable } from "../db/db-errors.ts";
import type { BaseContext, BotDeps } from "./context.ts";

/**
 * Logs the failure with its update and tells the person, so an error is never silence.
 * When the database is unreachable the person is told the service is temporarily unavailable.
 */
export async function handleBotError(err: BotError<BaseContext>, deps: BotDeps): Promise<void> {
  const ctx = err.ctx;
  const log = ctx.log ?? deps.logger;
  const unavailable = isDatabaseUnavailable(err.error);
  log?.error({ err: err.error, update: redactUpdate(ctx), databaseUnavailable: unavailable }, "update failed");
  if (!ctx.chat) return;
  try {
    const key = unavailable ? "error-unavailable" : "error-generic";
    const text = deps.t(ctx.viewer?.person?.locale ?? deps.config.DEFAULT_LOCALE, key);
    if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
    await ctx.api.sendMessage(ctx.chat.id, text);
  } catch (sendErr) {
    log?.warn({ err: sendErr }, "could not send the apology");
  }
}

/** The update's shape for the log, without message text (it may be personal data). */
function redactUpdate(ctx: Context) {
  return {
    update_id: ctx.update.update_id,
    from: ctx.from?.id,
    chat: ctx.chat?.id,
    kind: Object.keys(ctx.update).filter((k) => k !== "update_id"),
    command: ctx.message?.text?.startsWith("/") ? ctx.message.text.split(/\s/)[0] : undefined,
    callback: ctx.callbackQuery?.data,
  };
}
