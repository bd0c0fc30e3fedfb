import type { Conversation } from "@grammyjs/conversations";
import { InlineKeyboard } from "grammy";
import type { BaseContext } from "../../bot/context.ts";
import { clip, ECHO_MAX_CHARS } from "../../bot/telegram-limits.ts";
import { listAgencies } from "./agencies.repository.ts";
import { orderAsTree, searchAgencies } from "./agency-tree.ts";

/**
 * Picking an agency inside a conversation: pages of buttons, or a code or part of a name typed. The buttons are
 * `<prefix>:a:<id>`, `<prefix>:p:<page>` and `<prefix>:x:<extra>` (a choice besides the agencies, such as "at the
 * top"); an id is taken only if it is in the list the picker offered.
 */
export interface AgencyChoice {
  id: number;
  code: string;
  name: string;
}

const PER_PAGE = 8;

export function pickerKeyboard(prefix: string, list: AgencyChoice[], page: number, extras: { key: string; label: string }[] = []): InlineKeyboard {
  const pages = Math.max(1, Math.ceil(list.length / PER_PAGE));
  const kb = new InlineKeyboard();
  for (const e of extras) kb.text(e.label, `${prefix}:x:${e.key}`).row();
  for (const a of list.slice(page * PER_PAGE, (page + 1) * PER_PAGE)) kb.text(clip(`${a.code} — ${a.name}`, 60), `${prefix}:a:${a.id}`).row();
  if (page > 0) kb.text("‹", `${prefix}:p:${page - 1}`);
  if (page < pages - 1) kb.text("›", `${prefix}:p:${page + 1}`);
  return kb;
}

/** Active agencies in reading order, as plain JSON (they cross conversation.external). */
export async function activeAgencyChoices(ctx: BaseContext): Promise<AgencyChoice[]> {
  return orderAsTree(await listAgencies(ctx.deps.db, { activeOnly: true })).map(({ agency: a }) => ({ id: a.id, code: a.code, name: a.name }));
}

/**
 * Waits until an agency (or an extra choice) is picked. Commands and other features' buttons pass on (so /cancel
 * works); returns undefined only if the list is empty.
 */
export async function pickAgency(
  conversation: Conversation<BaseContext, BaseContext>,
  ctx: BaseContext,
  opts: { prefix: string; prompt: string; exclude?: number[]; extras?: { key: string; label: string }[] },
): Promise<{ agency: AgencyChoice } | { extra: string } | undefined> {
  const all = (await conversation.external(() => activeAgencyChoices(ctx))).filter((a) => !opts.exclude?.includes(a.id));
  if (all.length === 0 && !opts.extras?.length) return undefined;
  const pages = Math.max(1, Math.ceil(all.length / PER_PAGE));
  const text = (page: number) => `${opts.prompt}\n${ctx.t("agency-picker-hint", { page: page + 1, pages })}`;
  await ctx.reply(text(0), { reply_markup: pickerKeyboard(opts.prefix, all, 0, opts.extras) });
  for (;;) {
    const c = await conversation.wait();
    const data = c.callbackQuery?.data;
    if (c.message?.text?.startsWith("/") || (data !== undefined && !data.startsWith(`${opts.prefix}:`))) {
      await conversation.skip({ next: true });
      continue;
    }
    if (data !== undefined) {
      const [, kind, arg = ""] = data.slice(opts.prefix.length).split(":");
      if (kind === "p" && /^\d{1,4}$/.test(arg)) {
        const page = Math.min(Number(arg), pages - 1);
        await c.answerCallbackQuery();
        await c.editMessageText(text(page), { reply_markup: pickerKeyboard(opts.prefix, all, page, opts.extras) }).catch(() => undefined);
        continue;
      }
      const found = kind === "a" ? all.find((a) => String(a.id) === arg) : undefined;
      const extra = kind === "x" ? opts.extras?.find((e) => e.key === arg) : undefined;
      await c.answerCallbackQuery(found || extra ? {} : { text: c.t("button-expired") });
      if (found) return { agency: found };
      if (extra) return { extra: extra.key };
      continue;
    }
    const typed = c.message?.text;
    if (typed === undefined) continue;
    const matches = searchAgencies(all, typed);
    if (matches.length === 1) return { agency: matches[0]! };
    if (matches.length === 0) await c.reply(c.t("admin-invite-search-none", { query: clip(typed, ECHO_MAX_CHARS) }));
    else await c.reply(c.t("admin-invite-search-many", { count: matches.length }), { reply_markup: pickerKeyboard(opts.prefix, matches.slice(0, PER_PAGE), 0) });
  }
}
