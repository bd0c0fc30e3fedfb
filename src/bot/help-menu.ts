import { Composer, InlineKeyboard } from "grammy";
import { setPersonLocale } from "../features/people/people.repository.ts";
import { recordAudit } from "../audit/audit.repository.ts";
import { commandsFor, setChatCommandMenu } from "./command-menu.ts";
import type { BotContext } from "./context.ts";
import type { Feature } from "./features.ts";
import { SUPPORTED_LOCALES, type Locale } from "./i18n.ts";

/**
 * /help, /lang and /cancel for everyone with a role. Registered as the first non-public feature, so
 * /cancel is seen before any other feature's conversation can swallow it.
 */
export function helpFeature(getFeatures: () => Feature[]): Feature {
  const composer = new Composer<BotContext>();

  composer.command("cancel", async (ctx) => {
    const active = Object.keys(ctx.conversation.active());
    if (active.length > 0) await ctx.conversation.exitAll();
    // A feature may have something going on of its own, outside conversations (a report being filed).
    let cancelled = active.length > 0;
    for (const f of getFeatures()) if (await f.onCancel?.(ctx, active)) cancelled = true;
    if (!cancelled) return void (await ctx.reply(ctx.t("nothing-to-cancel"), { reply_markup: { remove_keyboard: true } }));
    ctx.log.info({ conversations: active }, "conversations cancelled");
    await ctx.reply(ctx.t("cancelled"), { reply_markup: { remove_keyboard: true } });
  });

  composer.command("help", async (ctx) => {
    const cmds = commandsFor(ctx.viewer, getFeatures());
    const lines = cmds.map((c) => `/${c.command} — ${ctx.t(c.descriptionKey)}`);
    await ctx.reply([ctx.t("help-title"), "", ...lines].join("\n"));
  });

  composer.command("lang", async (ctx) => {
    const kb = new InlineKeyboard();
    for (const l of SUPPORTED_LOCALES) kb.text(ctx.t(`help-lang-name-${l}`), `help:lang:${l}`);
    await ctx.reply(ctx.t("help-lang-choose"), { reply_markup: kb });
  });

  composer.callbackQuery(/^help:lang:([a-z]{2})$/, async (ctx) => {
    const locale = ctx.match[1] as Locale;
    const person = ctx.viewer.person;
    if (!person || !SUPPORTED_LOCALES.includes(locale)) return void (await ctx.answerCallbackQuery({ text: ctx.t("button-expired") }));
    const deps = ctx.deps;
    if (person.locale !== locale) {
      await setPersonLocale(deps.db, person.id, locale);
      await recordAudit(deps.db, {
        actorPersonId: person.id,
        action: "person.locale",
        target: `person:${person.id}`,
        before: { locale: person.locale },
        after: { locale },
        at: deps.clock.now(),
      });
      person.locale = locale;
    }
    ctx.i18n.useLocale(locale);
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("help-lang-changed"));
    await setChatCommandMenu(ctx.api, ctx.chat!.id, ctx.viewer, getFeatures(), deps.t, locale);
  });

  return {
    name: "help",
    commands: [
      { command: "help", roles: "any", descriptionKey: "cmd-help" },
      { command: "lang", roles: "any", descriptionKey: "cmd-lang" },
      { command: "cancel", roles: "any", descriptionKey: "cmd-cancel" },
    ],
    composer,
  };
}
