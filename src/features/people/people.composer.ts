import { createConversation, type Conversation } from "@grammyjs/conversations";
import { eq } from "drizzle-orm";
import { Composer, InlineKeyboard } from "grammy";
import type { BaseContext, BotContext } from "../../bot/context.ts";
import type { Feature } from "../../bot/features.ts";
import { hasRole, membershipsOf } from "../../bot/roles.ts";
import { requireRole } from "../../bot/require-role.ts";
import { loadViewer } from "../../bot/viewer.ts";
import { clip, ECHO_MAX_CHARS } from "../../bot/telegram-limits.ts";
import { listAgencies } from "../agencies/agencies.repository.ts";
import { foldForSearch, orderAsTree } from "../agencies/agency-tree.ts";
import type { Agency } from "../agencies/agencies.table.ts";
import { localDateTime } from "../../time/calendar-date.ts";
import { membershipLabel } from "./membership-label.ts";
import { decodePeopleButton, encodePeopleButton as btn, PEOPLE_PREFIX, DEACTIVATION_REASONS, type PeopleButton } from "./people-callback.ts";
import { listAllPeople, type PersonWithRoles } from "./people.repository.ts";
import { memberships, ROLES, type Membership, type Role } from "./people.table.ts";
import {
  changeRole, deactivatePerson, loadPerson, personActionRefusal, reactivatePerson, removeRole, tellPerson, type PersonActionRefusal,
} from "./person-lifecycle.ts";

export const DEACTIVATE_CONVERSATION = "people-deactivate";
const PEOPLE_PER_PAGE = 8;
const AGENCIES_PER_PAGE = 8;
const REASON_MAX = 300;

type Ctx = BaseContext;

const isAdmin = (ctx: Ctx) => membershipsOf(ctx.viewer, "admin").length > 0;
const actorOf = (ctx: Ctx) => ({ personId: ctx.viewer.person?.id ?? null, isAdmin: isAdmin(ctx) });
const localeOf = (ctx: Ctx) => ctx.viewer.person?.locale ?? ctx.deps.config.DEFAULT_LOCALE;
const todayOf = (ctx: Ctx) => localDateTime(ctx.deps.clock.now(), ctx.deps.config.REPORT_TIMEZONE).date;

/** People whose name or username contains the words typed, without regard to case or diacritics. */
export function searchPeople(list: PersonWithRoles[], query: string): PersonWithRoles[] {
  const q = foldForSearch(query);
  if (!q) return list;
  return list.filter(({ person }) => foldForSearch(`${person.displayName} ${person.username ?? ""}`).includes(q));
}

function personBlock(ctx: Ctx, p: PersonWithRoles, agencies: Map<number, Agency>): string {
  const locale = localeOf(ctx);
  const head = [p.person.displayName, p.person.username ? `@${p.person.username}` : "", p.person.active ? "" : ctx.t("admin-inactive-mark")]
    .filter(Boolean)
    .join(" ");
  const roles = p.memberships.length
    ? p.memberships.map((m) => `    ${membershipLabel(m, m.agencyId === null ? null : agencies.get(m.agencyId), ctx.deps.t, locale)}`)
    : [`    ${ctx.t("admin-people-no-role")}`];
  return [`• ${head}`, ...roles].join("\n");
}

/** One page of /people: the people as text (inactive ones marked) and a button per person to open their card. */
async function peoplePage(ctx: Ctx, requested: number, query = ""): Promise<{ text: string; kb: InlineKeyboard }> {
  const all = await listAllPeople(ctx.deps.db);
  if (all.length === 0) return { text: ctx.t("admin-people-empty"), kb: new InlineKeyboard() };
  const found = searchPeople(all, query);
  if (found.length === 0) return { text: ctx.t("people-search-none", { query: clip(query, ECHO_MAX_CHARS) }), kb: new InlineKeyboard() };
  const agencies = new Map((await listAgencies(ctx.deps.db)).map((a) => [a.id, a]));
  const pages = Math.ceil(found.length / PEOPLE_PER_PAGE);
  // A search shows its first matches only: the query does not fit in the page buttons.
  const page = query ? 0 : Math.min(Math.max(requested, 0), pages - 1);
  const shown = found.slice(page * PEOPLE_PER_PAGE, (page + 1) * PEOPLE_PER_PAGE);
  const inactive = all.filter((p) => !p.person.active).length;
  const head = query
    ? ctx.t("people-search-title", { count: found.length, query: clip(query, ECHO_MAX_CHARS) })
    : ctx.t("admin-people-title", { page: page + 1, pages });
  const lines = [head, ctx.t("people-counts", { total: all.length, inactive }), "", ...shown.map((p) => personBlock(ctx, p, agencies)), "", ctx.t("people-hint")];
  const kb = new InlineKeyboard();
  for (const p of shown) kb.text(clip(`${p.person.active ? "" : "⛔ "}${p.person.displayName}`, 60), btn({ verb: "card", personId: p.person.id })).row();
  if (!query && page > 0) kb.text(ctx.t("admin-page-prev"), btn({ verb: "page", page: page - 1 }));
  if (!query && page < pages - 1) kb.text(ctx.t("admin-page-next"), btn({ verb: "page", page: page + 1 }));
  return { text: clip(lines.join("\n"), 4000), kb };
}

/** A person's card: who they are, whether they may use the bot, their roles, and what a coordinator may do. */
async function personCard(ctx: Ctx, personId: number): Promise<{ text: string; kb: InlineKeyboard } | undefined> {
  const target = await loadPerson(ctx.deps.db, personId);
  if (!target) return undefined;
  const agencies = new Map((await listAgencies(ctx.deps.db)).map((a) => [a.id, a]));
  const locale = localeOf(ctx);
  const { person, memberships: held } = target;
  const lines = [
    `👤 ${person.displayName}${person.username ? ` @${person.username}` : ""}`,
    ctx.t(person.active ? "people-status-active" : "people-status-inactive"),
    "",
    ...(held.length
      ? held.map((m) => `• ${membershipLabel(m, m.agencyId === null ? null : agencies.get(m.agencyId), ctx.deps.t, locale)}`)
      : [ctx.t("admin-people-no-role")]),
  ];
  const kb = new InlineKeyboard();
  const mayAct = personActionRefusal(actorOf(ctx), target) === null;
  if (mayAct) {
    for (const m of held) {
      const short = clip(membershipLabel(m, m.agencyId === null ? null : agencies.get(m.agencyId), ctx.deps.t, locale), 28);
      kb.text(ctx.t("people-button-change", { role: short }), btn({ verb: "change", membershipId: m.id }));
      if (m.role === "reporter") kb.text(ctx.t("people-button-move"), btn({ verb: "agencies", membershipId: m.id, role: "reporter", page: 0 }));
      kb.text(ctx.t("people-button-remove"), btn({ verb: "remove", membershipId: m.id })).row();
    }
    if (person.active) kb.text(ctx.t("people-button-deactivate"), btn({ verb: "deactivate", personId: person.id })).row();
    else kb.text(ctx.t("people-button-reactivate"), btn({ verb: "reactivate", personId: person.id })).row();
  } else lines.push("", ctx.t(personActionRefusal(actorOf(ctx), target) === "self" ? "people-refused-self" : "people-refused-admin-only"));
  kb.text(ctx.t("people-button-list"), btn({ verb: "page", page: 0 }));
  return { text: clip(lines.join("\n"), 4000), kb };
}

async function showCard(ctx: Ctx, personId: number, edit: boolean): Promise<void> {
  const card = await personCard(ctx, personId);
  if (!card) return void (await ctx.reply(ctx.t("button-expired")));
  if (edit) await ctx.editMessageText(card.text, { reply_markup: card.kb }).catch(() => ctx.reply(card.text, { reply_markup: card.kb }));
  else await ctx.reply(card.text, { reply_markup: card.kb });
}

/** The membership a button names, with its person, if the acting coordinator may change it. */
async function membershipToChange(ctx: Ctx, membershipId: number, opts: { grantsAdmin?: boolean } = {}) {
  const { db } = ctx.deps;
  const [m] = await db.select().from(memberships).where(eq(memberships.id, membershipId));
  if (!m) return { refusal: "unknown" as PersonActionRefusal };
  const target = await loadPerson(db, m.personId);
  const refusal = personActionRefusal(actorOf(ctx), target, opts);
  return refusal ? { refusal } : { membership: m, target: target! };
}

async function refuse(ctx: Ctx, refusal: PersonActionRefusal): Promise<void> {
  const key = refusal === "unknown" ? "button-expired" : refusal === "self" ? "people-refused-self" : "people-refused-admin-only";
  await ctx.answerCallbackQuery({ text: ctx.t(key), show_alert: refusal !== "unknown" });
}

/** The agency a role is held at after a change: kept where the new role takes one, null where it takes none. */
function agencyAfterChange(m: Membership, role: Role): number | null | "pick" {
  if (role === "admin" || role === "coordinator") return null;
  if (role === "leader") return m.agencyId;
  return m.agencyId ?? "pick";
}

async function agencyPicker(ctx: Ctx, membershipId: number, role: Role, requested: number): Promise<{ text: string; kb: InlineKeyboard }> {
  const list = orderAsTree(await listAgencies(ctx.deps.db, { activeOnly: true })).map((x) => x.agency);
  const pages = Math.max(1, Math.ceil(list.length / AGENCIES_PER_PAGE));
  const page = Math.min(Math.max(requested, 0), pages - 1);
  const kb = new InlineKeyboard();
  for (const a of list.slice(page * AGENCIES_PER_PAGE, (page + 1) * AGENCIES_PER_PAGE))
    kb.text(clip(`${a.code} — ${a.name}`, 60), btn({ verb: "set-agency", membershipId, role, agencyId: a.id })).row();
  if (page > 0) kb.text(ctx.t("admin-page-prev"), btn({ verb: "agencies", membershipId, role, page: page - 1 }));
  if (page < pages - 1) kb.text(ctx.t("admin-page-next"), btn({ verb: "agencies", membershipId, role, page: page + 1 }));
  return { text: ctx.t("people-pick-agency", { page: page + 1, pages }), kb };
}

async function applyChange(ctx: Ctx, m: Membership, role: Role, agencyId: number | null, action: "person.role-change" | "person.move"): Promise<void> {
  const r = await changeRole(ctx.deps.db, { membershipId: m.id, role, agencyId, action, actorPersonId: ctx.viewer.person!.id, at: ctx.deps.clock.now() });
  if (!r.ok) return void (await ctx.answerCallbackQuery({ text: ctx.t(r.reason === "duplicate" ? "people-role-duplicate" : "button-expired"), show_alert: true }));
  await ctx.answerCallbackQuery({ text: ctx.t(action === "person.move" ? "people-moved" : "people-role-changed") });
  await showCard(ctx, m.personId, true);
}

/**
 * Asks why the person leaves (a preset reason or typed text), then deactivates them, re-checking the coordinator's
 * own rights and the rules of who may act on whom against the database at that moment.
 */
export async function deactivateConversation(conversation: Conversation<Ctx, Ctx>, ctx: Ctx, personId: number): Promise<void> {
  const kb = new InlineKeyboard();
  for (const r of DEACTIVATION_REASONS) kb.text(ctx.t(`people-reason-${r}`), btn({ verb: "reason", reason: r })).row();
  await ctx.reply(ctx.t("people-ask-reason"), { reply_markup: kb });
  const asked = conversation.checkpoint();
  const got = await conversation.wait();
  const data = got.callbackQuery?.data;
  const text = got.message?.text;
  let reason: { preset: string } | { text: string } | undefined;
  const picked = data ? decodePeopleButton(data) : undefined;
  if (picked?.verb === "reason") {
    await got.answerCallbackQuery();
    reason = { preset: picked.reason };
  } else if (text !== undefined && !text.startsWith("/")) {
    const typed = text.trim();
    if (!typed || [...typed].length > REASON_MAX) {
      await got.reply(ctx.t("people-reason-invalid", { max: REASON_MAX }));
      return conversation.rewind(asked);
    }
    reason = { text: typed };
  } else return conversation.skip({ next: true });

  const { db, clock, t } = ctx.deps;
  const result = await conversation.external(async () => {
    const fresh = await loadViewer(ctx.deps, ctx.from);
    if (!hasRole(fresh, "coordinator")) return { status: "denied" as const };
    const target = await loadPerson(db, personId);
    const refusal = personActionRefusal({ personId: fresh.person!.id, isAdmin: membershipsOf(fresh, "admin").length > 0 }, target);
    if (refusal) return { status: refusal };
    const now = clock.now();
    const stored = "preset" in reason ? t(ctx.deps.config.DEFAULT_LOCALE, `people-reason-${reason.preset}`) : reason.text;
    const done = await deactivatePerson(db, { personId, reason: stored, today: todayOf(ctx), actorPersonId: fresh.person!.id, at: now });
    if (!done) return { status: "already" as const };
    return { status: "ok" as const, person: { id: done.id, telegramId: done.telegramId, locale: done.locale, name: done.displayName } };
  });
  if (result.status !== "ok") {
    const key = result.status === "already" ? "people-already-inactive" : result.status === "denied" ? "access-denied" : `people-refused-${result.status}`;
    await ctx.reply(ctx.t(key === "people-refused-unknown" ? "button-expired" : key));
    return;
  }
  const p = result.person;
  const reasonFor = (locale: string) => ("preset" in reason ? t(locale, `people-reason-${reason.preset}`) : reason.text);
  await conversation.external(async () => {
    await tellPerson(db, t, clock.now(), p, "people-notice-deactivated", { reason: reasonFor(p.locale) });
    // Their command menu goes back to the one of people without a role.
    await ctx.api.deleteMyCommands({ scope: { type: "chat", chat_id: p.telegramId } }).catch(() => undefined);
  });
  await ctx.reply(ctx.t("people-deactivated", { name: p.name }));
  const card = await conversation.external(() => personCard(ctx, personId));
  if (card) await ctx.reply(card.text, { reply_markup: card.kb });
}

async function onButton(ctx: BotContext, b: PeopleButton): Promise<void> {
  const { db, clock } = ctx.deps;
  switch (b.verb) {
    case "page": {
      const { text, kb } = await peoplePage(ctx, b.page);
      await ctx.answerCallbackQuery();
      return void (await ctx.editMessageText(text, { reply_markup: kb }).catch((err: unknown) => {
        if (!String(err).includes("not modified")) throw err;
      }));
    }
    case "card":
      await ctx.answerCallbackQuery();
      return showCard(ctx, b.personId, true);
    case "deactivate": {
      const target = await loadPerson(db, b.personId);
      const refusal = personActionRefusal(actorOf(ctx), target);
      if (refusal) return refuse(ctx, refusal);
      if (!target!.person.active) return void (await ctx.answerCallbackQuery({ text: ctx.t("people-already-inactive") }));
      await ctx.answerCallbackQuery();
      await ctx.conversation.exitAll();
      return void (await ctx.conversation.enter(DEACTIVATE_CONVERSATION, b.personId));
    }
    case "reactivate": {
      const target = await loadPerson(db, b.personId);
      const refusal = personActionRefusal(actorOf(ctx), target);
      if (refusal) return refuse(ctx, refusal);
      const done = await reactivatePerson(db, { personId: b.personId, actorPersonId: ctx.viewer.person!.id, at: clock.now() });
      await ctx.answerCallbackQuery({ text: ctx.t(done ? "people-reactivated" : "people-already-active") });
      if (done) await tellPerson(db, ctx.deps.t, clock.now(), done, "people-notice-reactivated");
      return showCard(ctx, b.personId, true);
    }
    case "remove": {
      const found = await membershipToChange(ctx, b.membershipId);
      if (!found.membership) return refuse(ctx, found.refusal);
      await removeRole(db, { membershipId: b.membershipId, actorPersonId: ctx.viewer.person!.id, at: clock.now() });
      await ctx.answerCallbackQuery({ text: ctx.t("people-role-removed") });
      return showCard(ctx, found.membership.personId, true);
    }
    case "change": {
      const found = await membershipToChange(ctx, b.membershipId);
      if (!found.membership) return refuse(ctx, found.refusal);
      const kb = new InlineKeyboard();
      for (const r of ROLES.filter((r) => r !== found.membership.role && (r !== "admin" || isAdmin(ctx))))
        kb.text(ctx.t(`admin-invite-role-${r}`), btn({ verb: "set-role", membershipId: b.membershipId, role: r })).row();
      kb.text(ctx.t("people-button-back"), btn({ verb: "card", personId: found.membership.personId }));
      await ctx.answerCallbackQuery();
      return void (await ctx.editMessageText(ctx.t("people-pick-role", { name: found.target.person.displayName }), { reply_markup: kb }).catch(() => undefined));
    }
    case "set-role": {
      const found = await membershipToChange(ctx, b.membershipId, { grantsAdmin: b.role === "admin" });
      if (!found.membership) return refuse(ctx, found.refusal);
      const agencyId = agencyAfterChange(found.membership, b.role);
      if (agencyId !== "pick") return applyChange(ctx, found.membership, b.role, agencyId, "person.role-change");
      const { text, kb } = await agencyPicker(ctx, b.membershipId, b.role, 0);
      await ctx.answerCallbackQuery();
      return void (await ctx.editMessageText(text, { reply_markup: kb }).catch(() => undefined));
    }
    case "agencies": {
      const found = await membershipToChange(ctx, b.membershipId, { grantsAdmin: b.role === "admin" });
      if (!found.membership) return refuse(ctx, found.refusal);
      const { text, kb } = await agencyPicker(ctx, b.membershipId, b.role, b.page);
      await ctx.answerCallbackQuery();
      return void (await ctx.editMessageText(text, { reply_markup: kb }).catch(() => undefined));
    }
    case "set-agency": {
      // Only roles held at an agency are set through the picker.
      if (b.role !== "reporter" && b.role !== "leader") return refuse(ctx, "unknown");
      const found = await membershipToChange(ctx, b.membershipId);
      if (!found.membership) return refuse(ctx, found.refusal);
      const agency = (await listAgencies(db, { activeOnly: true })).find((a) => a.id === b.agencyId);
      if (!agency) return refuse(ctx, "unknown");
      const move = found.membership.role === "reporter" && b.role === "reporter";
      return applyChange(ctx, found.membership, b.role, agency.id, move ? "person.move" : "person.role-change");
    }
    case "reason":
      // A reason button of a finished deactivation (the conversation is over).
      return void (await ctx.answerCallbackQuery({ text: ctx.t("button-expired") }));
  }
}

/** /people [name]: everyone, marked when inactive, paged with a button per person; their card changes them. */
export function peopleFeature(): Feature {
  const composer = new Composer<BotContext>();
  composer.use(createConversation<BaseContext, BaseContext>(deactivateConversation, DEACTIVATE_CONVERSATION) as never);

  composer.command("people", requireRole("coordinator"), async (ctx) => {
    const { text, kb } = await peoplePage(ctx, 0, String(ctx.match ?? "").trim());
    await ctx.reply(text, { reply_markup: kb });
  });

  composer.callbackQuery(new RegExp(`^${PEOPLE_PREFIX}`), requireRole("coordinator"), async (ctx) => {
    const b = decodePeopleButton(ctx.callbackQuery.data);
    if (!b) return void (await ctx.answerCallbackQuery({ text: ctx.t("button-expired") }));
    await onButton(ctx, b);
  });

  return {
    name: "people",
    commands: [{ command: "people", roles: ["coordinator"], descriptionKey: "cmd-people" }],
    composer,
  };
}
