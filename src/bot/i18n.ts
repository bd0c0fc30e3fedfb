import { I18n } from "@grammyjs/i18n";
import type { Context } from "grammy";
import { organisationArgs, type Organisation } from "../features/organisation/organisation.ts";

import { LOCALES_DIR } from "../config/paths.ts";
export { LOCALES_DIR };
export const SUPPORTED_LOCALES = ["vi", "en"] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];

/** Translate without a context, for messages composed outside an update (reminders, broadcasts, CLI). */
export type Translate = (locale: string, key: string, args?: Record<string, string | number>) => string;

/**
 * Fluent bundles from locales/<lang>/*.ftl, one file per feature.
 * Isolation marks are off: Telegram shows them as stray characters.
 */
export function createI18n<C extends Context>(
  defaultLocale: Locale,
  negotiate: (ctx: C) => string | undefined,
  organisation: (ctx: C) => Organisation | undefined = () => undefined,
): I18n<C> {
  let args: (org: Organisation | undefined) => Record<string, string> = () => ({});
  const i18n = new I18n<C>({
    defaultLocale,
    directory: LOCALES_DIR,
    useSession: false,
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: (ctx) => negotiate(ctx) ?? defaultLocale,
    globalTranslationContext: (ctx) => args(organisation(ctx)),
  });
  args = organisationArgsOf(i18n);
  matchBundlesOnce(i18n);
  return i18n;
}

/**
 * The organisation's names as arguments of every message ($orgCoordinator, $orgProvinceEn, …), built once
 * per loaded organisation; before the set-up, generic words from the locales ("cơ quan điều phối").
 */
function organisationArgsOf(i18n: I18n<never>): (org: Organisation | undefined) => Record<string, string> {
  let last: { org: Organisation | undefined; args: Record<string, string> } | undefined;
  return (org) => {
    if (last?.org !== org || !last) last = { org, args: organisationArgs(org, (locale, field) => i18n.t(locale, `org-unset-${field}`)) };
    return last.args;
  };
}

/**
 * The plugin negotiates the locale against every bundle on each translation; the bundles are all loaded
 * by the constructor (from the directory, synchronously) and never change, so each locale list is
 * matched once.
 */
function matchBundlesOnce(i18n: I18n<never>): void {
  const fluent = i18n.fluent as unknown as { matchBundles(locales: string[]): Set<unknown> };
  const match = fluent.matchBundles.bind(fluent);
  const matched = new Map<string, Set<unknown>>();
  fluent.matchBundles = (locales) => {
    const key = locales.join("\n");
    let bundles = matched.get(key);
    if (!bundles) {
      bundles = match(locales);
      // Locales come from people's settings and the configuration: few. Stay bounded anyway.
      if (matched.size < 100) matched.set(key, bundles);
    }
    return bundles;
  };
}


/** The language of a Telegram user's app, when the bot speaks it ("en-GB" → "en"). */
export function telegramLocale(from: { language_code?: string } | undefined): Locale | undefined {
  const tg = from?.language_code?.slice(0, 2);
  return tg && SUPPORTED_LOCALES.includes(tg as Locale) ? (tg as Locale) : undefined;
}

/**
 * A translator for code that runs outside an update. `organisation` gives the names messages use (see
 * `cachedOrganisation`); without it they read as before the set-up.
 */
export function createTranslate(defaultLocale: Locale, organisation: () => Organisation | undefined = () => undefined): Translate {
  const i18n = createI18n<Context>(defaultLocale, () => undefined);
  const orgArgs = organisationArgsOf(i18n as never);
  return (locale, key, args) =>
    i18n.t(SUPPORTED_LOCALES.includes(locale as Locale) ? locale : defaultLocale, key, { ...orgArgs(organisation()), ...args });
}
