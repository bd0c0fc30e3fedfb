import type { BotError, Context } from "grammy";
import type { BaseContext } from "./context.ts";

/** Logs the failure with its update and tells the person, so an error is never silence. */
export async function handleBotError(err: BotError<BaseContext>): Promise<void> {
  const ctx = err.ctx;
  const log = ctx.log ?? ctx.deps?.logger;
  log?.error({ err: err.error, update: redactUpdate(ctx) }, "update failed");
  if (!ctx.chat) return;
  try {
    const text = typeof ctx.t === "function" ? ctx.t("error-generic") : "Xin lỗi, đã có lỗi. / Sorry, something went wrong.";
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
