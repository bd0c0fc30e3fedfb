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

/**
 * The viewers of the updates being handled, by Telegram user id, so that the contexts the conversation
 * plugin rebuilds while replaying (all from the same private chat, so the same person) take the viewer of
 * the update in hand instead of loading it again. One per bot.
 */
export class ViewerShare {
  private readonly inHand = new Map<number, { ctx: { viewer: Viewer }; n: number }>();

  /** Runs the rest of the update with its viewer available to the contexts rebuilt inside conversations. */
  async during(ctx: SetupContext, next: () => Promise<void>): Promise<void> {
    const id = ctx.from?.id;
    if (id === undefined) return next();
    const entry = this.inHand.get(id) ?? { ctx, n: 0 };
    entry.ctx = ctx;
    entry.n++;
    this.inHand.set(id, entry);
    try {
      await next();
    } finally {
      if (--entry.n === 0) this.inHand.delete(id);
    }
  }

  /** The viewer of the update in hand for this user (read now: onboarding may have replaced it). */
  current(userId: number | undefined): Viewer | undefined {
    return userId === undefined ? undefined : this.inHand.get(userId)?.ctx.viewer;
  }
}

/**
 * Installs deps, a per-update logger and the viewer on every context (outer and inside conversations).
 * With a `share`, a viewer already in hand for the same user is taken instead of loading it again.
 */
export function contextSetup<C extends SetupContext>(deps: BotDeps, share?: ViewerShare): MiddlewareFn<C> {
  return async (ctx, next) => {
    ctx.deps = deps;
    ctx.log = deps.logger.child({ update_id: ctx.update.update_id, chat_id: ctx.chat?.id });
    ctx.viewer = share?.current(ctx.from?.id) ?? (await loadViewer(deps, ctx.from));
    await next();
  };
}
