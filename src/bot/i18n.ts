import { fileURLToPath } from "node:url";
import { I18n } from "@grammyjs/i18n";
import type { Context } from "grammy";

export const LOCALES_DIR = fileURLToPath(new URL("../../locales", import.meta.url));
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
): I18n<C> {
  return new I18n<C>({
    defaultLocale,
    directory: LOCALES_DIR,
    useSession: false,
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: (ctx) => negotiate(ctx) ?? defaultLocale,
  });
}


/** A translator for code that runs outside an update. */
export function createTranslate(defaultLocale: Locale): Translate {
  const i18n = createI18n<Context>(defaultLocale, () => undefined);
  return (locale, key, args) => i18n.t(SUPPORTED_LOCALES.includes(locale as Locale) ? locale : defaultLocale, key, args);
}
