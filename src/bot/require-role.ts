import type { MiddlewareFn } from "grammy";
import type { Role } from "../features/people/people.table.ts";
import type { BotContext } from "./context.ts";
import { hasRole } from "./roles.ts";

/**
 * Server-side authorization for a command or button: refuses with a message unless the person
 * holds one of the roles (admin holds all). Put it in front of every restricted handler.
 */
export function requireRole(...roles: Role[]): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    if (hasRole(ctx.viewer, ...roles)) return next();
    ctx.log.warn({ roles, from: ctx.from?.id }, "access denied");
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t("access-denied"), show_alert: true });
    else await ctx.reply(ctx.t("access-denied"));
  };
}
