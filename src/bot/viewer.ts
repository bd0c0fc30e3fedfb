import type { Context, MiddlewareFn } from "grammy";
import { grantConfiguredAdmin as grantAdminFromConfig } from "../features/people/configured-admins.ts";
import { findPersonByTelegramId } from "../features/people/people.repository.ts";
import type { BotDeps, Viewer } from "./context.ts";

/** Display name as Telegram reports it; user text, so it is only ever sent as plain text or an entity. */
export function displayNameOf(from: { first_name: string; last_name?: string }): string {
  return [from.first_name, from.last_name].filter(Boolean).join(" ").slice(0, 128);
}

/** True when this account is configured as an admin but does not hold the role yet (first contact). */
export function needsAdminGrant(deps: BotDeps, from: Context["from"], viewer: Viewer): boolean {
  return !!from && deps.config.ADMIN_TELEGRAM_IDS.includes(from.id) && !viewer.memberships.some((m) => m.role === "admin");
}

/** Loads who is speaking. Ids in ADMIN_TELEGRAM_IDS become admins on their first message. */
export async function loadViewer(deps: BotDeps, from: Context["from"]): Promise<Viewer> {
  if (!from) return { person: null, memberships: [] };
  const found = await findPersonByTelegramId(deps.db, from.id);
  if (needsAdminGrant(deps, from, found ?? { person: null, memberships: [] })) return grantConfiguredAdmin(deps, from);
  return found ?? { person: null, memberships: [] };
}

/** Makes an ADMIN_TELEGRAM_IDS account a person with the admin role (audited), and returns it. */
export async function grantConfiguredAdmin(deps: BotDeps, from: NonNullable<Context["from"]>): Promise<Viewer> {
  await grantAdminFromConfig(
    deps.db,
    { telegramId: from.id, displayName: displayNameOf(from), username: from.username ?? null, locale: deps.config.DEFAULT_LOCALE },
    deps.clock.now(),
  );
  return (await findPersonByTelegramId(deps.db, from.id)) ?? { person: null, memberships: [] };
}

type SetupContext = Context & { deps: BotDeps; viewer: Viewer; log: BotDeps["logger"] };

/** Installs deps, a per-update logger and the viewer on every context (outer and inside conversations). */
export function contextSetup<C extends SetupContext>(deps: BotDeps): MiddlewareFn<C> {
  return async (ctx, next) => {
    ctx.deps = deps;
    ctx.log = deps.logger.child({ update_id: ctx.update.update_id, chat_id: ctx.chat?.id });
    ctx.viewer = await loadViewer(deps, ctx.from);
    await next();
  };
}
