import { Composer } from "grammy";
import { setChatCommandMenu } from "../../bot/command-menu.ts";
import type { BotContext } from "../../bot/context.ts";
import type { Feature } from "../../bot/features.ts";
import { SUPPORTED_LOCALES, telegramLocale, type Locale } from "../../bot/i18n.ts";
import { isKnown } from "../../bot/roles.ts";
import { displayNameOf, loadViewer } from "../../bot/viewer.ts";
import { formatDateTime } from "../../time/format-date-time.ts";
import { listAgencies } from "../agencies/agencies.repository.ts";
import { membershipLabel } from "../people/membership-label.ts";
import { setupReminder } from "../organisation/organisation.composer.ts";
import { redeemInvitation } from "./invitations.repository.ts";

/** The language to answer in: the stored one, else Telegram's if supported, else the default. */
function localeFor(ctx: BotContext): Locale {
  const stored = ctx.viewer.person?.locale;
  if (stored && SUPPORTED_LOCALES.includes(stored as Locale)) return stored as Locale;
  return telegramLocale(ctx.from) ?? ctx.deps.config.DEFAULT_LOCALE;
}

/** The roles line of the welcome: one label per membership, in the person's language. */
async function rolesText(ctx: BotContext, locale: string): Promise<string> {
  const agencies = new Map((await listAgencies(ctx.deps.db)).map((a) => [a.id, a]));
  return ctx.viewer.memberships
    .map((m) => `• ${membershipLabel(m, m.agencyId === null ? null : agencies.get(m.agencyId), ctx.deps.t, locale)}`)
    .join("\n");
}

async function welcome(ctx: BotContext, getFeatures: () => Feature[], locale: string): Promise<void> {
  const name = ctx.viewer.person!.displayName;
  await ctx.reply(ctx.t("onboarding-welcome", { name, roles: await rolesText(ctx, locale) }));
  const setup = setupReminder(ctx);
  if (setup) await ctx.reply(setup);
  await setChatCommandMenu(ctx.api, ctx.chat!.id, ctx.viewer, getFeatures(), ctx.deps.t, locale);
}

/**
 * /start and /start <code> (the invitation deep link). Public: it runs before the access gate, and
 * lets everything else from people without a role fall through to the gate's one polite sentence.
 */
export function onboardingFeature(getFeatures: () => Feature[]): Feature {
  const composer = new Composer<BotContext>();

  composer.command("start", async (ctx, next) => {
    const code = ctx.match.trim();
    if (!code) {
      if (!isKnown(ctx.viewer)) return next();
      return welcome(ctx, getFeatures, localeFor(ctx));
    }
    const locale = localeFor(ctx);
    ctx.i18n.useLocale(locale);
    const { deps } = ctx;
    const from = ctx.from!;
    const now = deps.clock.now();
    const result = await redeemInvitation(
      deps.db,
      { telegramId: from.id, displayName: displayNameOf(from), username: from.username ?? null, locale },
      code,
      now,
    );
    switch (result.status) {
      case "blocked":
        ctx.log.warn({ from: from.id }, "invitation attempts blocked");
        return void (await ctx.reply(ctx.t("onboarding-code-blocked", { time: formatDateTime(result.until, deps.config.REPORT_TIMEZONE) })));
      case "already-joined":
        // Their own link, tapped again: remind them what they hold instead of sending them for a new code.
        // Someone who has since lost access is told the code is used, which is what they need to hear.
        if (isKnown(ctx.viewer)) {
          ctx.log.info({ person: result.personId }, "own invitation opened again");
          await ctx.reply(ctx.t("onboarding-already-joined"));
          return welcome(ctx, getFeatures, locale);
        }
        return void (await ctx.reply(ctx.t("onboarding-code-used")));
      case "unknown":
      case "used":
      case "expired":
        ctx.log.info({ from: from.id, status: result.status }, "invitation refused");
        return void (await ctx.reply(ctx.t(`onboarding-code-${result.status}`)));
      case "ok": {
        ctx.log.info({ person: result.person.id, role: result.role }, "invitation used");
        ctx.viewer = await loadViewer(deps, from);
        const personLocale = ctx.viewer.person?.locale ?? locale;
        ctx.i18n.useLocale(personLocale);
        const agency = result.agencyId === null ? null : (await listAgencies(deps.db)).find((a) => a.id === result.agencyId);
        const role = membershipLabel({ role: result.role, agencyId: result.agencyId }, agency, deps.t, personLocale);
        await ctx.reply(ctx.t("onboarding-joined", { role }));
        return welcome(ctx, getFeatures, personLocale);
      }
    }
  });

  return {
    name: "onboarding",
    public: true,
    commands: [{ command: "start", roles: "any", descriptionKey: "cmd-start" }],
    composer,
  };
}
