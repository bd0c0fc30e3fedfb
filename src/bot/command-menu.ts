import type { Api } from "grammy";
import type { BotCommand } from "grammy/types";
import type { Viewer } from "./context.ts";
import type { Feature, FeatureCommand } from "./features.ts";
import { SUPPORTED_LOCALES, type Translate } from "./i18n.ts";
import { hasRole, isKnown } from "./roles.ts";

/** What the menu shows to someone without a role (the default scope). */
export const PUBLIC_COMMANDS = ["start", "help", "lang"] as const;

/** May this person run the command? "any" means any person holding a role; admin may run everything. */
export function mayRun(viewer: Viewer, cmd: FeatureCommand): boolean {
  if (!isKnown(viewer)) return false;
  return cmd.roles === "any" || hasRole(viewer, ...cmd.roles);
}

/** The commands this person's roles allow and are listed for, in feature order, each name once. */
export function commandsFor(viewer: Viewer, features: Feature[]): FeatureCommand[] {
  const seen = new Set<string>();
  const out: FeatureCommand[] = [];
  for (const f of features) {
    for (const c of f.commands ?? []) {
      if (seen.has(c.command) || !mayRun(viewer, c) || (c.listedFor && !hasRole(viewer, ...c.listedFor))) continue;
      seen.add(c.command);
      out.push(c);
    }
  }
  return out;
}

export function allDeclaredCommands(features: Feature[]): FeatureCommand[] {
  const seen = new Set<string>();
  return features.flatMap((f) => f.commands ?? []).filter((c) => !seen.has(c.command) && Boolean(seen.add(c.command)));
}

function toBotCommands(cmds: FeatureCommand[], t: Translate, locale: string): BotCommand[] {
  return cmds.map((c) => ({ command: c.command, description: t(locale, c.descriptionKey).slice(0, 256) }));
}

/** This person's own menu, in their language, shown only in their private chat with the bot. */
export async function setChatCommandMenu(
  api: Api,
  chatId: number,
  viewer: Viewer,
  features: Feature[],
  t: Translate,
  locale: string,
): Promise<void> {
  await api.setMyCommands(toBotCommands(commandsFor(viewer, features), t, locale), { scope: { type: "chat", chat_id: chatId } });
}

/** The menu everyone sees before having a role: /start, /help, /lang, in each supported language. */
export async function setDefaultCommandMenu(api: Api, features: Feature[], t: Translate, defaultLocale: string): Promise<void> {
  const cmds = allDeclaredCommands(features).filter((c) => (PUBLIC_COMMANDS as readonly string[]).includes(c.command));
  await api.setMyCommands(toBotCommands(cmds, t, defaultLocale), { scope: { type: "default" } });
  for (const locale of SUPPORTED_LOCALES) {
    await api.setMyCommands(toBotCommands(cmds, t, locale), { scope: { type: "default" }, language_code: locale });
  }
}
