import type { Conversation } from "@grammyjs/conversations";
import { InlineKeyboard } from "grammy";
import type { BaseContext } from "../../bot/context.ts";
import { addDays, formatVnDate, localDateTime, parseIsoDate, toIsoDate, type IsoDate } from "../../time/calendar-date.ts";
import { parseDateWords } from "../calendar/date-words.ts";
import { AGENCY_NAME_MAX } from "./agency-import.ts";

/** The steps /reorg's flows share: every button of the flow is `rg:…`. */
export const REORG_PREFIX = "rg";
export type Convo = Conversation<BaseContext, BaseContext>;

export const todayOf = (ctx: BaseContext) => localDateTime(ctx.deps.clock.now(), ctx.deps.config.REPORT_TIMEZONE).date;

/** The next update meant for this flow; commands and other features' buttons go on to their handlers. */
export async function next(conversation: Convo): Promise<BaseContext> {
  for (;;) {
    const c = await conversation.wait();
    const data = c.callbackQuery?.data;
    if (c.message?.text?.startsWith("/") || (data !== undefined && !data.startsWith(`${REORG_PREFIX}:`))) {
      await conversation.skip({ next: true });
      continue;
    }
    return c;
  }
}

/** Waits for one of the offered buttons (`rg:<key>`); typing is answered with "use the buttons". */
export async function pressed<K extends string>(conversation: Convo, keys: readonly K[]): Promise<K> {
  for (;;) {
    const c = await next(conversation);
    const data = c.callbackQuery?.data;
    const key = keys.find((k) => data === `${REORG_PREFIX}:${k}`);
    if (c.callbackQuery) await c.answerCallbackQuery(key ? {} : { text: c.t("button-expired") });
    else await c.reply(c.t("admin-invite-use-buttons"));
    if (key) return key;
  }
}

/** A name typed on one line, 1–200 characters. */
export async function askName(conversation: Convo, ctx: BaseContext, prompt: string): Promise<string> {
  await ctx.reply(prompt);
  for (;;) {
    const c = await next(conversation);
    const typed = c.message?.text?.trim();
    if (typed && !typed.includes("\n") && [...typed].length <= AGENCY_NAME_MAX) return typed;
    if (c.callbackQuery) await c.answerCallbackQuery({ text: c.t("button-expired") });
    else await c.reply(c.t("reorg-name-invalid", { max: AGENCY_NAME_MAX }));
  }
}

/** A day from buttons (today, tomorrow, the first of next month) or typed ("01/07/2026", "đầu tháng sau"). */
export async function pickDate(conversation: Convo, ctx: BaseContext, prompt: string): Promise<IsoDate> {
  const today = await conversation.external(() => todayOf(ctx));
  const { y, m } = parseIsoDate(today);
  const firstNext = m === 12 ? toIsoDate(y + 1, 1, 1) : toIsoDate(y, m + 1, 1);
  const P = REORG_PREFIX;
  const kb = new InlineKeyboard()
    .text(ctx.t("reorg-date-today", { date: formatVnDate(today) }), `${P}:d:${today}`)
    .text(ctx.t("reorg-date-tomorrow", { date: formatVnDate(addDays(today, 1)) }), `${P}:d:${addDays(today, 1)}`)
    .row()
    .text(ctx.t("reorg-date-next-month", { date: formatVnDate(firstNext) }), `${P}:d:${firstNext}`);
  await ctx.reply(prompt, { reply_markup: kb });
  for (;;) {
    const c = await next(conversation);
    const data = c.callbackQuery?.data;
    if (data !== undefined) {
      const day = /^rg:d:(\d{4}-\d{2}-\d{2})$/.exec(data)?.[1];
      // Only the days the buttons offered.
      const ok = day !== undefined && [today, addDays(today, 1), firstNext].includes(day);
      await c.answerCallbackQuery(ok ? {} : { text: c.t("button-expired") });
      if (ok) return day;
      continue;
    }
    const typed = c.message?.text;
    const day = typed === undefined ? undefined : parseDateWords(typed, today);
    if (day) return day;
    await c.reply(c.t("reorg-date-invalid"));
  }
}
