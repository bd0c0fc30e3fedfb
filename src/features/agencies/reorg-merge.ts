import { InlineKeyboard } from "grammy";
import type { BaseContext } from "../../bot/context.ts";
import { clip } from "../../bot/telegram-limits.ts";
import { formatVnDate, type IsoDate } from "../../time/calendar-date.ts";
import { listAgencies } from "./agencies.repository.ts";
import { suggestAgencyCode } from "./agency-code.ts";
import { AGENCY_CODE_PATTERN } from "./agency-import.ts";
import { loadKindCatalogue } from "./agency-kinds.repository.ts";
import type { MergeTarget } from "./agency-lifecycle.ts";
import { pickAgency, type AgencyChoice } from "./agency-picker.ts";
import { askName, next, pickDate, pressed, REORG_PREFIX as P, type Convo } from "./reorg-steps.ts";

/** At most this many agencies merge in one go from chat (the confirmation lists them all). */
export const MERGE_PREDECESSORS_MAX = 12;

/** A new agency a merge creates: what the coordinator typed and picked, with the names shown back. */
export interface NewSuccessor {
  code: string;
  name: string;
  kind: string;
  kindLabel: string;
  parent: AgencyChoice | null;
}

/** Everything the confirmation shows and `mergeAgencies` is given. Plain JSON: it crosses the replay log. */
export interface MergePlan {
  predecessors: AgencyChoice[];
  into: { existing: AgencyChoice } | { created: NewSuccessor };
  effectiveOn: IsoDate;
}

/** The plan as the domain takes it (the same `mergeAgencies` the CLI calls). */
export function mergeTarget(plan: MergePlan): MergeTarget {
  if ("existing" in plan.into) return { existingId: plan.into.existing.id };
  const n = plan.into.created;
  return { code: n.code, name: n.name, kind: n.kind, parentId: n.parent?.id ?? null };
}

export const successorName = (plan: MergePlan) => ("existing" in plan.into ? plan.into.existing.name : plan.into.created.name);
export const predecessorNames = (plan: MergePlan) => plan.predecessors.map((a) => a.name).join(", ");

/** More agencies merging with the first: a list so far, "add another" and "continue". */
async function pickPredecessors(conversation: Convo, ctx: BaseContext, first: AgencyChoice): Promise<AgencyChoice[]> {
  const chosen = [first];
  for (;;) {
    const kb = new InlineKeyboard();
    if (chosen.length < MERGE_PREDECESSORS_MAX) kb.text(ctx.t("reorg-merge-add"), `${P}:m:add`).row();
    kb.text(ctx.t("reorg-merge-continue"), `${P}:m:go`);
    const list = chosen.map((a) => `• ${a.name} (${a.code})`).join("\n");
    await ctx.reply(ctx.t("reorg-merge-predecessors", { count: chosen.length, list }), { reply_markup: kb });
    const key = await pressed(conversation, chosen.length < MERGE_PREDECESSORS_MAX ? (["m:add", "m:go"] as const) : (["m:go"] as const));
    if (key === "m:go") return chosen;
    const more = await pickAgency(conversation, ctx, { prefix: P, prompt: ctx.t("reorg-merge-pick-more"), exclude: chosen.map((a) => a.id) });
    if (more && "agency" in more) chosen.push(more.agency);
    else await ctx.reply(ctx.t("reorg-no-agencies"));
  }
}

/** A code for the new agency: the suggested one (a button) or one typed, not used by any agency, old or new. */
async function askCode(conversation: Convo, ctx: BaseContext, name: string): Promise<string> {
  const taken = await conversation.external(async () => (await listAgencies(ctx.deps.db)).map((a) => a.code.toUpperCase()));
  const suggested = suggestAgencyCode(name, new Set(taken));
  await ctx.reply(ctx.t("reorg-ask-code", { name, code: suggested }), { reply_markup: new InlineKeyboard().text(suggested, `${P}:c:ok`) });
  for (;;) {
    const c = await next(conversation);
    if (c.callbackQuery) {
      const ok = c.callbackQuery.data === `${P}:c:ok`;
      await c.answerCallbackQuery(ok ? {} : { text: c.t("button-expired") });
      if (ok) return suggested;
      continue;
    }
    const typed = c.message?.text?.trim() ?? "";
    if (!AGENCY_CODE_PATTERN.test(typed)) await c.reply(c.t("reorg-code-invalid"));
    else if (taken.includes(typed.toUpperCase())) await c.reply(c.t("reorg-error-code-taken"));
    else return typed;
  }
}

/** The kind of the new agency, from the province's kinds as buttons. */
async function pickKind(conversation: Convo, ctx: BaseContext, name: string): Promise<{ code: string; label: string }> {
  const locale = ctx.viewer.person?.locale === "en" ? "en" : "vi";
  const kinds = await conversation.external(async () => {
    const catalogue = await loadKindCatalogue(ctx.deps.db);
    return catalogue.list().map((k) => ({ code: k.code, label: catalogue.label(k.code, locale, (key) => ctx.t(key)) }));
  });
  const kb = new InlineKeyboard();
  for (const k of kinds) kb.text(clip(k.label, 60), `${P}:k:${k.code}`).row();
  await ctx.reply(ctx.t("reorg-ask-kind", { name }), { reply_markup: kb });
  for (;;) {
    const c = await next(conversation);
    const code = /^rg:k:(.+)$/.exec(c.callbackQuery?.data ?? "")?.[1];
    const kind = kinds.find((k) => k.code === code);
    if (c.callbackQuery) await c.answerCallbackQuery(kind ? {} : { text: c.t("button-expired") });
    else await c.reply(c.t("admin-invite-use-buttons"));
    if (kind) return kind;
  }
}

/** The screen that says exactly what the merge will do, before anything changes. */
export function mergeConfirmText(ctx: BaseContext, plan: MergePlan): string {
  const lines = [ctx.t("reorg-merge-confirm-title", { date: formatVnDate(plan.effectiveOn), count: plan.predecessors.length })];
  for (const a of plan.predecessors) lines.push(`• ${a.name} (${a.code})`);
  if ("existing" in plan.into) lines.push(ctx.t("reorg-merge-confirm-into", { successor: plan.into.existing.name, code: plan.into.existing.code }));
  else {
    const n = plan.into.created;
    lines.push(ctx.t("reorg-merge-confirm-new", { successor: n.name, code: n.code, kind: n.kindLabel, parent: n.parent?.name ?? ctx.t("reorg-parent-top"), date: formatVnDate(plan.effectiveOn) }));
  }
  lines.push("", ctx.t("reorg-merge-confirm-effects", { successor: successorName(plan) }));
  return lines.join("\n");
}

/**
 * The merge in chat: the agencies that merge (the first already picked, more with buttons or typing), the agency
 * they merge into (an existing one, or a new one: name, code, kind and parent), the day, and a confirmation
 * listing all of it. Undefined when cancelled.
 */
export async function askMergePlan(conversation: Convo, ctx: BaseContext, first: AgencyChoice): Promise<MergePlan | undefined> {
  const predecessors = await pickPredecessors(conversation, ctx, first);
  const names = predecessors.map((a) => a.name).join(", ");
  const exclude = predecessors.map((a) => a.id);
  const into = await pickAgency(conversation, ctx, {
    prefix: P,
    prompt: ctx.t("reorg-pick-successor", { agency: names }),
    exclude,
    extras: [{ key: "new", label: ctx.t("reorg-successor-new") }],
  });
  if (!into) return void (await ctx.reply(ctx.t("reorg-no-agencies")));
  let target: MergePlan["into"];
  if ("agency" in into) target = { existing: into.agency };
  else {
    const name = await askName(conversation, ctx, ctx.t("reorg-ask-new-name", { agency: names }));
    const code = await askCode(conversation, ctx, name);
    const kind = await pickKind(conversation, ctx, name);
    const parent = await pickAgency(conversation, ctx, {
      prefix: P,
      prompt: ctx.t("reorg-pick-new-parent", { name }),
      exclude,
      extras: [{ key: "top", label: ctx.t("reorg-parent-top") }],
    });
    target = { created: { code, name, kind: kind.code, kindLabel: kind.label, parent: parent && "agency" in parent ? parent.agency : null } };
  }
  const effectiveOn = await pickDate(conversation, ctx, ctx.t("reorg-ask-merge-date", { agency: names, successor: "existing" in target ? target.existing.name : target.created.name }));
  const plan: MergePlan = { predecessors, into: target, effectiveOn };
  const kb = new InlineKeyboard().text(ctx.t("reorg-confirm"), `${P}:ok`).text(ctx.t("reorg-cancel"), `${P}:no`);
  await ctx.reply(mergeConfirmText(ctx, plan), { reply_markup: kb });
  if ((await pressed(conversation, ["ok", "no"] as const)) === "no") return void (await ctx.reply(ctx.t("reorg-cancelled")));
  return plan;
}
