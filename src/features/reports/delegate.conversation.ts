import type { Conversation } from "@grammyjs/conversations";
import { InlineKeyboard } from "grammy";
import type { BaseContext } from "../../bot/context.ts";
import { hasRole } from "../../bot/roles.ts";
import { loadViewer } from "../../bot/viewer.ts";
import { clip, ECHO_MAX_CHARS } from "../../bot/telegram-limits.ts";
import { recordAudit } from "../../audit/audit.repository.ts";
import { pickAgency } from "../agencies/agency-picker.ts";
import { addDays, daysInMonth, formatVnDate, localDateTime, parseIsoDate, toIsoDate, type IsoDate } from "../../time/calendar-date.ts";
import { parseDateWords } from "../calendar/date-words.ts";
import { enqueueMessages } from "../outbox/outbox.repository.ts";
import { searchPeople } from "../people/people.composer.ts";
import { listPeopleWithRoles } from "../people/people.repository.ts";
import { createDelegation } from "./delegations.repository.ts";

export const DELEGATE_CONVERSATION = "reports-delegate";
/** The prefix of every button of the /delegate picker (the agency picker's buttons are `dg:a:…`, `dg:p:…`). */
export const DELEGATE_PREFIX = "dg";
const PEOPLE_SHOWN = 8;

/** The picker's own buttons: a person it offered, a start or end day it offered, the confirmation. */
export type DelegateButton =
  | { kind: "person"; personId: number }
  | { kind: "people-page"; page: number }
  | { kind: "from" | "to"; day: IsoDate }
  | { kind: "ok" };

export function encodeDelegateButton(b: DelegateButton): string {
  switch (b.kind) {
    case "person":
      return `${DELEGATE_PREFIX}:u:${b.personId}`;
    case "people-page":
      return `${DELEGATE_PREFIX}:n:${b.page}`;
    case "from":
      return `${DELEGATE_PREFIX}:f:${b.day}`;
    case "to":
      return `${DELEGATE_PREFIX}:t:${b.day}`;
    case "ok":
      return `${DELEGATE_PREFIX}:ok`;
  }
}

/** Undefined for anything this picker did not make (forged, or another picker's button). */
export function decodeDelegateButton(data: string): DelegateButton | undefined {
  if (data === `${DELEGATE_PREFIX}:ok`) return { kind: "ok" };
  const person = /^dg:u:(\d{1,9})$/.exec(data);
  if (person) return { kind: "person", personId: Number(person[1]) };
  const page = /^dg:n:(\d{1,4})$/.exec(data);
  if (page) return { kind: "people-page", page: Number(page[1]) };
  const day = /^dg:([ft]):(\d{4}-\d{2}-\d{2})$/.exec(data);
  if (day) return { kind: day[1] === "f" ? "from" : "to", day: day[2]! };
  return undefined;
}

/** A person who can be named a substitute (active, holding some role), as plain JSON for the replay log. */
interface Candidate {
  id: number;
  name: string;
  agencyIds: number[];
}

type Convo = Conversation<BaseContext, BaseContext>;
const todayOf = (ctx: BaseContext) => localDateTime(ctx.deps.clock.now(), ctx.deps.config.REPORT_TIMEZONE).date;

/** Active people holding a role, optionally only those whose name or username contains `query`. */
async function candidates(ctx: BaseContext, query?: string): Promise<Candidate[]> {
  const active = (await listPeopleWithRoles(ctx.deps.db)).filter((p) => p.person.active);
  return (query === undefined ? active : searchPeople(active, query)).map((p) => ({
    id: p.person.id,
    name: p.person.displayName,
    agencyIds: [...new Set(p.memberships.flatMap((m) => (m.agencyId === null ? [] : [m.agencyId])))],
  }));
}

const pagesOf = (list: readonly Candidate[]) => Math.max(1, Math.ceil(list.length / PEOPLE_SHOWN));

/** One page of people as buttons, with ‹ › to the other pages. */
function peopleKeyboard(list: Candidate[], page = 0): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const p of list.slice(page * PEOPLE_SHOWN, (page + 1) * PEOPLE_SHOWN)) kb.text(clip(p.name, 60), encodeDelegateButton({ kind: "person", personId: p.id })).row();
  if (page > 0) kb.text("‹", encodeDelegateButton({ kind: "people-page", page: page - 1 }));
  if (page < pagesOf(list) - 1) kb.text("›", encodeDelegateButton({ kind: "people-page", page: page + 1 }));
  return kb;
}

/** The next update meant for this flow; commands and other features' buttons go on to their handlers. */
async function next(conversation: Convo): Promise<BaseContext> {
  for (;;) {
    const c = await conversation.wait();
    const data = c.callbackQuery?.data;
    if (c.message?.text?.startsWith("/") || (data !== undefined && !data.startsWith(`${DELEGATE_PREFIX}:`))) {
      await conversation.skip({ next: true });
      continue;
    }
    return c;
  }
}

/** A day from the offered buttons or typed in words or numbers ("đến hết tháng 12", "31/12/2026"). */
async function pickDay(conversation: Convo, ctx: BaseContext, kind: "from" | "to", prompt: string, offered: { key: string; day: IsoDate }[], today: IsoDate, notBefore?: IsoDate): Promise<IsoDate> {
  const kb = new InlineKeyboard();
  for (const o of offered) kb.text(ctx.t(o.key, { date: formatVnDate(o.day) }), encodeDelegateButton({ kind, day: o.day })).row();
  await ctx.reply(prompt, { reply_markup: kb });
  for (;;) {
    const c = await next(conversation);
    let day: IsoDate | undefined;
    if (c.callbackQuery) {
      const b = decodeDelegateButton(c.callbackQuery.data ?? "");
      // Only a day these buttons offered.
      const ok = b?.kind === kind && offered.some((o) => o.day === b.day);
      await c.answerCallbackQuery(ok ? {} : { text: c.t("button-expired") });
      if (!ok) continue;
      day = (b as { day: IsoDate }).day;
    } else {
      const typed = c.message?.text;
      day = typed === undefined ? undefined : parseDateWords(typed, today);
      if (!day) {
        await c.reply(c.t("delegate-day-invalid"));
        continue;
      }
    }
    if (notBefore && day < notBefore) {
      await c.reply(c.t("report-delegate-error-bad-range"));
      continue;
    }
    if (day < today && kind === "to") {
      await c.reply(c.t("report-delegate-error-past"));
      continue;
    }
    return day;
  }
}

/**
 * /delegate without arguments: pick the agency (buttons or typing), then the substitute (that agency's people as
 * buttons, or a name typed to search everyone who holds a role), then the first and last day (buttons or words),
 * and confirm. The coordinator's role, the agency and the person are checked again when the delegation is made.
 */
export async function delegateConversation(conversation: Convo, ctx: BaseContext): Promise<void> {
  const picked = await pickAgency(conversation, ctx, { prefix: DELEGATE_PREFIX, prompt: ctx.t("delegate-pick-agency") });
  if (!picked || !("agency" in picked)) return void (await ctx.reply(ctx.t("reorg-no-agencies")));
  const agency = picked.agency;

  const own = (await conversation.external(() => candidates(ctx))).filter((p) => p.agencyIds.includes(agency.id));
  const ownText = (page: number) =>
    [
      ctx.t("delegate-pick-person", { agency: agency.name }),
      ...(own.length ? [] : [ctx.t("delegate-agency-nobody")]),
      ...(pagesOf(own) > 1 ? [ctx.t("delegate-people-page", { page: page + 1, pages: pagesOf(own) })] : []),
    ].join("\n");
  await ctx.reply(ownText(0), { reply_markup: peopleKeyboard(own) });
  // Every person a button or page of this flow showed; a forged id outside it is not taken.
  const offered = new Map<number, Candidate>(own.map((p) => [p.id, p]));
  // The list the ‹ › buttons page through: the agency's people, or the last search's results.
  let shown: { list: Candidate[]; text: (page: number) => string } = { list: own, text: ownText };
  let person: Candidate | undefined;
  while (!person) {
    const c = await next(conversation);
    if (c.callbackQuery) {
      const b = decodeDelegateButton(c.callbackQuery.data ?? "");
      if (b?.kind === "people-page" && b.page < pagesOf(shown.list)) {
        await c.answerCallbackQuery();
        await c.editMessageText(shown.text(b.page), { reply_markup: peopleKeyboard(shown.list, b.page) }).catch(() => undefined);
        continue;
      }
      person = b?.kind === "person" ? offered.get(b.personId) : undefined;
      await c.answerCallbackQuery(person ? {} : { text: c.t("button-expired") });
      continue;
    }
    const typed = c.message?.text?.trim();
    if (!typed) continue;
    const found = await conversation.external(() => candidates(ctx, typed));
    if (found.length === 1) person = found[0];
    else if (found.length === 0) await c.reply(c.t("people-search-none", { query: clip(typed, ECHO_MAX_CHARS) }));
    else {
      for (const p of found) offered.set(p.id, p);
      const text = (page: number) =>
        [ctx.t("delegate-search-many", { count: found.length }), ...(pagesOf(found) > 1 ? [ctx.t("delegate-people-page", { page: page + 1, pages: pagesOf(found) })] : [])].join("\n");
      shown = { list: found, text };
      await c.reply(text(0), { reply_markup: peopleKeyboard(found) });
    }
  }

  const today = await conversation.external(() => todayOf(ctx));
  const endOf = (year: number, month: number) => toIsoDate(year, month, daysInMonth(year, month));
  const fromOn = await pickDay(
    conversation,
    ctx,
    "from",
    ctx.t("delegate-ask-from", { name: person.name, agency: agency.name }),
    [
      { key: "delegate-day-today", day: today },
      { key: "delegate-day-tomorrow", day: addDays(today, 1) },
    ],
    today,
  );
  const { y: fy, m: fm } = parseIsoDate(fromOn);
  const ends = [endOf(fy, fm), fm === 12 ? endOf(fy + 1, 1) : endOf(fy, fm + 1), toIsoDate(fy, 12, 31)];
  const toOn = await pickDay(
    conversation,
    ctx,
    "to",
    ctx.t("delegate-ask-to", { from: formatVnDate(fromOn) }),
    [...new Set(ends)].map((day, i) => ({ key: ["delegate-day-end-month", "delegate-day-end-next-month", "delegate-day-end-year"][i]!, day })),
    today,
    fromOn,
  );

  await ctx.reply(ctx.t("delegate-confirm", { name: person.name, agency: agency.name, from: formatVnDate(fromOn), to: formatVnDate(toOn) }), {
    reply_markup: new InlineKeyboard().text(ctx.t("reorg-confirm"), encodeDelegateButton({ kind: "ok" })),
  });
  for (;;) {
    const c = await next(conversation);
    const ok = c.callbackQuery?.data === encodeDelegateButton({ kind: "ok" });
    if (c.callbackQuery) await c.answerCallbackQuery(ok ? {} : { text: c.t("button-expired") });
    else await c.reply(c.t("admin-invite-use-buttons"));
    if (ok) break;
  }

  const chosen = person;
  const result = await conversation.external(async () => {
    const fresh = await loadViewer(ctx.deps, ctx.from);
    if (!hasRole(fresh, "coordinator")) return { ok: false as const, reason: "denied" as const };
    const now = ctx.deps.clock.now();
    const r = await createDelegation(ctx.deps.db, { agencyCode: agency.code, personId: chosen.id, fromOn, toOn, createdBy: fresh.person!.id, now, today: todayOf(ctx) });
    if (!r.ok) return r;
    await afterDelegation(ctx, fresh.person!.id, r, fromOn, toOn, now);
    return { ok: true as const, agencyName: r.agencyName, personName: r.personName };
  });
  if (!result.ok) return void (await ctx.reply(result.reason === "denied" ? ctx.t("access-denied") : ctx.t(`report-delegate-error-${result.reason}`, { agency: agency.code, id: "" })));
  await ctx.reply(ctx.t("report-delegated", { agency: result.agencyName, name: result.personName, from: formatVnDate(fromOn), to: formatVnDate(toOn) }));
}

/** The audit entry and, for a new delegation, the substitute's notice with how to file. */
export async function afterDelegation(
  ctx: BaseContext,
  actorPersonId: number,
  r: { id: number; created: boolean; agencyCode: string; agencyName: string; personId: number; personTelegramId: number; personLocale: string },
  fromOn: IsoDate,
  toOn: IsoDate,
  now: Date,
): Promise<void> {
  await recordAudit(ctx.deps.db, { actorPersonId, action: "delegation.create", target: `agency:${r.agencyCode}`, after: { personId: r.personId, fromOn, toOn }, at: now });
  if (!r.created) return;
  const text = ctx.deps.t(r.personLocale, "report-notice-delegated", { agency: r.agencyName, from: formatVnDate(fromOn), to: formatVnDate(toOn) });
  const chatId = r.personTelegramId;
  await enqueueMessages(ctx.deps.db, now, [
    { chatId, personId: r.personId, kind: "report-delegated", payload: { method: "sendMessage", params: { chat_id: chatId, text } }, dedupeKey: `report-delegated:${r.id}` },
  ]);
}
