import { createConversation } from "@grammyjs/conversations";
import { Composer, InlineKeyboard } from "grammy";
import type { BaseContext, BotContext } from "../../bot/context.ts";
import type { Feature } from "../../bot/features.ts";
import { hasRole } from "../../bot/roles.ts";
import { requireRole } from "../../bot/require-role.ts";
import { loadViewer } from "../../bot/viewer.ts";
import { formatVnDate, type IsoDate } from "../../time/calendar-date.ts";
import { deactivateAgency, mergeAgencies, moveAgency, renameAgency, type ReorgResult } from "./agency-lifecycle.ts";
import { pickAgency, type AgencyChoice } from "./agency-picker.ts";
import { askMergePlan, mergeTarget, predecessorNames, successorName } from "./reorg-merge.ts";
import { askName, next, pickDate, REORG_PREFIX, todayOf, type Convo } from "./reorg-steps.ts";

export const REORG_CONVERSATION = "agencies-reorg";
const P = REORG_PREFIX;
const ACTIONS = ["rename", "move", "deactivate", "merge"] as const;
type Action = (typeof ACTIONS)[number];

/**
 * /reorg: pick an agency (buttons or typing), then rename it, move it under another parent, deactivate it from a
 * day, or merge it (with more agencies if need be) into an existing or a new agency from a day (reorg-merge.ts).
 * The coordinator's role is checked again when the change is made.
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
      const name = await askName(conversation, ctx, ctx.t("reorg-ask-name", { agency: agency.name }));
      result = await act((actor) => renameAgency(db, { agencyId: agency.id, name, ...actor }));
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
      const plan = await askMergePlan(conversation, ctx, agency);
      if (!plan) return;
      result = await act((actor, today) =>
        mergeAgencies(db, { predecessorIds: plan.predecessors.map((a) => a.id), into: mergeTarget(plan), effectiveOn: plan.effectiveOn, today, ...actor }),
      );
      doneArgs = { agency: predecessorNames(plan), successor: successorName(plan), date: formatVnDate(plan.effectiveOn) };
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
