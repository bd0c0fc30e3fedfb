import { createConversation, type Conversation } from "@grammyjs/conversations";
import { Composer, InlineKeyboard } from "grammy";
import type { BaseContext, BotContext } from "../../bot/context.ts";
import type { Feature } from "../../bot/features.ts";
import { hasRole } from "../../bot/roles.ts";
import { requireRole } from "../../bot/require-role.ts";
import { loadViewer } from "../../bot/viewer.ts";
import { addDays, formatVnDate, localDateTime, parseIsoDate, toIsoDate, type IsoDate } from "../calendar/calendar-date.ts";
import { parseDateWords } from "../calendar/date-words.ts";
import { deactivateAgency, mergeAgencies, moveAgency, renameAgency, type ReorgResult } from "./agency-lifecycle.ts";
import { pickAgency, type AgencyChoice } from "./agency-picker.ts";

export const REORG_CONVERSATION = "agencies-reorg";
const P = "rg";
const NAME_MAX = 200;
const ACTIONS = ["rename", "move", "deactivate", "merge"] as const;
type Action = (typeof ACTIONS)[number];
type Convo = Conversation<BaseContext, BaseContext>;

const todayOf = (ctx: BaseContext) => localDateTime(ctx.deps.clock.now(), ctx.deps.config.REPORT_TIMEZONE).date;

/** The next update meant for this flow; commands and other features' buttons go on to their handlers. */
async function next(conversation: Convo): Promise<BaseContext> {
  for (;;) {
    const c = await conversation.wait();
    const data = c.callbackQuery?.data;
    if (c.message?.text?.startsWith("/") || (data !== undefined && !data.startsWith(`${P}:`))) {
      await conversation.skip({ next: true });
      continue;
    }
    return c;
  }
}

/** A day from buttons (today, the first of next month) or typed ("01/07/2026", "đầu tháng sau"). */
async function pickDate(conversation: Convo, ctx: BaseContext, prompt: string): Promise<IsoDate> {
  const today = await conversation.external(() => todayOf(ctx));
  const { y, m } = parseIsoDate(today);
  const firstNext = m === 12 ? toIsoDate(y + 1, 1, 1) : toIsoDate(y, m + 1, 1);
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

/**
 * /reorg: pick an agency (buttons or typing), then rename it, move it under another parent, deactivate it from a
 * day, or merge it into another agency from a day. The coordinator's role is checked again when the change is made.
 */
export async function reorgConversation(conversation: Convo, ctx: BaseContext): Promise<void> {
  const picked = await pickAgency(conversation, ctx, { prefix: P, prompt: ctx.t("reorg-pick-agency") });
  if (!picked || !("agency" in picked)) return void (await ctx.reply(ctx.t("reorg-no-agencies")));
  const agency = picked.agency;
  const kb = new InlineKeyboard();
  for (const a of ACTIONS) kb.text(ctx.t(`reorg-action-${a}`), `${P}:do:${a}`).row();
  await ctx.reply(ctx.t("reorg-pick-action", { agency: agency.name, code: agency.code }), { reply_markup: kb });
  let action: Action | undefined;
  while (!action) {
    const c = await next(conversation);
    const got = /^rg:do:(\w+)$/.exec(c.callbackQuery?.data ?? "")?.[1];
    if (c.callbackQuery) await c.answerCallbackQuery();
    if ((ACTIONS as readonly string[]).includes(got ?? "")) action = got as Action;
    else if (!c.callbackQuery) await c.reply(c.t("admin-invite-use-buttons"));
  }

  const act = async (change: (actor: { actorPersonId: number; at: Date }, today: IsoDate) => Promise<ReorgResult>) =>
    conversation.external(async () => {
      const fresh = await loadViewer(ctx.deps, ctx.from);
      if (!hasRole(fresh, "coordinator")) return { ok: false as const, reason: "denied" as const };
      const r = await change({ actorPersonId: fresh.person!.id, at: ctx.deps.clock.now() }, todayOf(ctx));
      return r.ok ? { ok: true as const, name: r.value.name, code: r.value.code } : r;
    });
  const db = ctx.deps.db;
  let result: Awaited<ReturnType<typeof act>>;
  let doneArgs: Record<string, string> = { agency: agency.name };
  switch (action) {
    case "rename": {
      await ctx.reply(ctx.t("reorg-ask-name", { agency: agency.name }));
      let name: string | undefined;
      while (!name) {
        const c = await next(conversation);
        const typed = c.message?.text?.trim();
        if (typed && [...typed].length <= NAME_MAX) name = typed;
        else if (c.callbackQuery) await c.answerCallbackQuery({ text: c.t("button-expired") });
        else await c.reply(c.t("reorg-name-invalid", { max: NAME_MAX }));
      }
      result = await act((actor) => renameAgency(db, { agencyId: agency.id, name: name!, ...actor }));
      doneArgs = { agency: agency.name, name };
      break;
    }
    case "move": {
      const parent = await pickAgency(conversation, ctx, {
        prefix: P,
        prompt: ctx.t("reorg-pick-parent", { agency: agency.name }),
        exclude: [agency.id],
        extras: [{ key: "top", label: ctx.t("reorg-parent-top") }],
      });
      const parentChoice: AgencyChoice | null = parent && "agency" in parent ? parent.agency : null;
      result = await act((actor) => moveAgency(db, { agencyId: agency.id, parentId: parentChoice?.id ?? null, ...actor }));
      doneArgs = { agency: agency.name, parent: parentChoice?.name ?? ctx.t("reorg-parent-top") };
      break;
    }
    case "deactivate": {
      const fromOn = await pickDate(conversation, ctx, ctx.t("reorg-ask-deactivate-date", { agency: agency.name }));
      result = await act((actor, today) => deactivateAgency(db, { agencyId: agency.id, fromOn, today, ...actor }));
      doneArgs = { agency: agency.name, date: formatVnDate(fromOn) };
      break;
    }
    case "merge": {
      const into = await pickAgency(conversation, ctx, { prefix: P, prompt: ctx.t("reorg-pick-successor", { agency: agency.name }), exclude: [agency.id] });
      if (!into || !("agency" in into)) return void (await ctx.reply(ctx.t("reorg-no-agencies")));
      const effectiveOn = await pickDate(conversation, ctx, ctx.t("reorg-ask-merge-date", { agency: agency.name, successor: into.agency.name }));
      const confirm = new InlineKeyboard().text(ctx.t("reorg-confirm"), `${P}:ok`);
      await ctx.reply(ctx.t("reorg-merge-confirm", { agency: agency.name, successor: into.agency.name, date: formatVnDate(effectiveOn) }), { reply_markup: confirm });
      for (;;) {
        const c = await next(conversation);
        if (c.callbackQuery?.data === `${P}:ok`) {
          await c.answerCallbackQuery();
          break;
        }
        if (c.callbackQuery) await c.answerCallbackQuery({ text: c.t("button-expired") });
        else await c.reply(c.t("admin-invite-use-buttons"));
      }
      result = await act((actor, today) => mergeAgencies(db, { predecessorIds: [agency.id], into: { existingId: into.agency.id }, effectiveOn, today, ...actor }));
      doneArgs = { agency: agency.name, successor: into.agency.name, date: formatVnDate(effectiveOn) };
      break;
    }
  }
  if (!result.ok) return void (await ctx.reply(ctx.t(result.reason === "denied" ? "access-denied" : `reorg-error-${result.reason}`)));
  await ctx.reply(ctx.t(`reorg-done-${action}`, doneArgs));
}

/** /reorg for coordinators: renames, moves, deactivations and merges of agencies, in chat. */
export function reorgFeature(): Feature {
  const composer = new Composer<BotContext>();
  composer.use(createConversation<BaseContext, BaseContext>(reorgConversation, REORG_CONVERSATION) as never);
  composer.command("reorg", requireRole("coordinator"), async (ctx) => {
    await ctx.conversation.exitAll();
    await ctx.conversation.enter(REORG_CONVERSATION);
  });
  // Buttons of a finished /reorg.
  composer.callbackQuery(/^rg:/, requireRole("coordinator"), (ctx) => ctx.answerCallbackQuery({ text: ctx.t("button-expired") }));
  return { name: "reorg", commands: [{ command: "reorg", roles: ["coordinator"], descriptionKey: "cmd-reorg" }], composer };
}
