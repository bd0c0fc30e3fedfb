import type { Context, MiddlewareFn } from "grammy";
import { findPersonByTelegramId, grantRole, upsertPerson } from "../features/people/people.repository.ts";
import type { BotDeps, Viewer } from "./context.ts";

/** Display name as Telegram reports it; user text, so it is only ever sent as plain text or an entity. */
export function displayNameOf(from: { first_name: string; last_name?: string }): string {
  return [from.first_name, from.last_name].filter(Boolean).join(" ").slice(0, 128);
}

/** Loads who is speaking. Ids in ADMIN_TELEGRAM_IDS become admins on their first message. */
export async function loadViewer(deps: BotDeps, from: Context["from"]): Promise<Viewer> {
  if (!from) return { person: null, memberships: [] };
  let found = await findPersonByTelegramId(deps.db, from.id);
  if (deps.config.ADMIN_TELEGRAM_IDS.includes(from.id) && !found?.memberships.some((m) => m.role === "admin")) {
    const person = await upsertPerson(deps.db, {
      telegramId: from.id,
      displayName: displayNameOf(from),
      username: from.username ?? null,
      locale: deps.config.DEFAULT_LOCALE,
    });
    await grantRole(deps.db, person.id, "admin", null);
    found = await findPersonByTelegramId(deps.db, from.id);
  }
  return found ?? { person: null, memberships: [] };
}

/** Installs deps, a per-update logger and the viewer on every context (outer and inside conversations). */
export function contextSetup<C extends Context & { deps: BotDeps; viewer: Viewer; log: BotDeps["logger"] }>(
  deps: BotDeps,
): MiddlewareFn<C> {
  return async (ctx, next) => {
    ctx.deps = deps;
    ctx.log = deps.logger.child({ update_id: ctx.update.update_id, chat_id: ctx.chat?.id });
    ctx.viewer = await loadViewer(deps, ctx.from);
    await next();
  };
}
