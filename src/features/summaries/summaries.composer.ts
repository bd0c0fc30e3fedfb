import { Composer } from "grammy";
import type { BotContext } from "../../bot/context.ts";
import type { Feature } from "../../bot/features.ts";
import { hasRole } from "../../bot/roles.ts";
import { requireRole } from "../../bot/require-role.ts";
import { PLAUSIBLE_YEARS } from "../calendar/period-window.ts";
import { indicatorsOf } from "./indicators.ts";
import { parsePeriodRef, parseRankingYear, type PeriodParse } from "./period-ref.ts";
import { answerTypedQuestion, exampleQuestion } from "./question-handler.ts";
import {
  agencyPickerPage, loadView, periodById, replyAgency, replyAgencyQuery, replyComparison, replyCompletionChart, replyExport,
  replyIndicatorChoice, replyRanking, replySummary, replyTrend, showDigestButton, type ExportFormat, type View,
} from "./summaries.replies.ts";
import { decodeDigestButton } from "./digest-callback.ts";
import { AGENCY_ROLES, AGGREGATE_ROLES, canSee, mayAggregate as viewerMayAggregate } from "./visibility.ts";

const mayAggregate = (ctx: BotContext, v: View) => viewerMayAggregate(ctx.viewer, v.visibility);

async function deny(ctx: BotContext): Promise<void> {
  ctx.log.warn({ from: ctx.from?.id, data: ctx.callbackQuery?.data }, "summaries: access denied");
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t("access-denied"), show_alert: true });
  else await ctx.reply(ctx.t("access-denied"));
}

/** Loads the view and refuses unless the person may see aggregates (a leader scoped to nothing sees nothing). */
async function aggregateView(ctx: BotContext): Promise<View | undefined> {
  const v = await loadView(ctx);
  if (mayAggregate(ctx, v)) return v;
  await deny(ctx);
  return undefined;
}

/** "năm 0026", "0026-11": a year no period can have is answered as a slip, never read as another period. */
async function replyBadYear(ctx: BotContext, v: View, text: string): Promise<void> {
  await ctx.reply(v.t("summaries-bad-year", { text, min: String(PLAUSIBLE_YEARS.min), max: String(PLAUSIBLE_YEARS.max) }));
}

/** The period named in a command's argument; undefined (after saying why) when its year cannot be one. */
async function periodArg(ctx: BotContext, v: View, text: string): Promise<PeriodParse | undefined> {
  const parsed = parsePeriodRef(text, v.today);
  // "tháng 13": a period phrase that names no period is an error, never another period.
  if (parsed.badPeriod !== undefined) return void (await ctx.reply(v.t("questions-bad-period", { text: parsed.badPeriod })));
  if (parsed.badYear === undefined) return parsed;
  await replyBadYear(ctx, v, parsed.badYear);
  return undefined;
}

const EXPORT_FORMATS = new Set<ExportFormat>(["xlsx", "csv", "docx"]);

export function summariesComposer(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const today = (v: View) => v.today;

  composer.command("summary", requireRole(...AGGREGATE_ROLES), async (ctx) => {
    const v = await aggregateView(ctx);
    const p = v && (await periodArg(ctx, v, ctx.match));
    if (v && p) await replySummary(ctx, v, p.ref ?? { kind: "latest" });
  });

  composer.command("missing", requireRole(...AGGREGATE_ROLES), async (ctx) => {
    const v = await aggregateView(ctx);
    const p = v && (await periodArg(ctx, v, ctx.match));
    if (v && p) await replySummary(ctx, v, p.ref ?? { kind: "latest" }, true);
  });

  composer.command("agency", requireRole(...AGENCY_ROLES), async (ctx) => {
    await replyAgencyQuery(ctx, await loadView(ctx), ctx.match);
  });

  composer.command("compare", requireRole(...AGGREGATE_ROLES), async (ctx) => {
    const v = await aggregateView(ctx);
    if (!v) return;
    const p = await periodArg(ctx, v, ctx.match);
    if (!p) return;
    const { ref, rest } = p;
    await replyComparison(ctx, v, { ref: ref ?? { kind: "latest" }, text: rest });
  });

  composer.command("trend", requireRole(...AGGREGATE_ROLES), async (ctx) => {
    const v = await aggregateView(ctx);
    if (v) await replyTrend(ctx, v, { text: ctx.match.trim() });
  });

  composer.command("ranking", requireRole(...AGGREGATE_ROLES), async (ctx) => {
    const v = await aggregateView(ctx);
    if (!v) return;
    const asked = parseRankingYear(ctx.match, today(v));
    if (asked.badYear !== undefined) return replyBadYear(ctx, v, asked.badYear);
    await replyRanking(ctx, v, asked.year);
  });

  composer.command("chart", requireRole(...AGGREGATE_ROLES), async (ctx) => {
    const v = await aggregateView(ctx);
    const p = v && (await periodArg(ctx, v, ctx.match));
    if (v && p) await replyCompletionChart(ctx, v, p.ref ?? { kind: "latest" });
  });

  composer.command("export", requireRole(...AGGREGATE_ROLES), async (ctx) => {
    const v = await aggregateView(ctx);
    if (!v) return;
    const [first = "", ...rest] = ctx.match.trim().split(/\s+/);
    const format = first.toLowerCase() as ExportFormat;
    if (!EXPORT_FORMATS.has(format)) return void (await ctx.reply(v.t("summaries-export-usage")));
    const p = await periodArg(ctx, v, rest.join(" "));
    if (p) await replyExport(ctx, v, format, p.ref ?? { kind: "latest" });
  });

  // The short answers' buttons (digest-callback.ts): decoded strictly, role checked, screen rebuilt under the scope.
  composer.callbackQuery(/^sd:/, async (ctx) => {
    const button = decodeDigestButton(ctx.callbackQuery.data);
    if (!button) return void (await ctx.answerCallbackQuery({ text: ctx.t("button-expired") }));
    let v: View | undefined;
    if (button.target.kind === "agency") {
      if (!hasRole(ctx.viewer, ...AGENCY_ROLES)) return deny(ctx);
      v = await loadView(ctx);
      if (!canSee(v.visibility, button.target.agencyId)) return deny(ctx);
    } else {
      if (!hasRole(ctx.viewer, ...AGGREGATE_ROLES)) return deny(ctx);
      v = await aggregateView(ctx);
      if (!v) return;
    }
    if ((await showDigestButton(ctx, v, button)) === "gone") await ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
  });

  // Buttons: the data is never trusted; role and scope are checked again and the rows re-loaded.
  composer.callbackQuery(/^summaries:/, async (ctx) => {
    const data = ctx.callbackQuery.data;
    let m: RegExpExecArray | null;
    if ((m = /^summaries:agency:(\d{1,9})$/.exec(data))) {
      if (!hasRole(ctx.viewer, ...AGENCY_ROLES)) return deny(ctx);
      const v = await loadView(ctx);
      const agency = v.agencies.find((a) => a.id === Number(m![1]));
      if (!agency || !canSee(v.visibility, agency.id)) return deny(ctx);
      await ctx.answerCallbackQuery();
      return replyAgency(ctx, v, agency);
    }
    if ((m = /^summaries:agpg:(\d{1,4})$/.exec(data))) {
      if (!hasRole(ctx.viewer, ...AGENCY_ROLES)) return deny(ctx);
      const { text, keyboard } = agencyPickerPage(await loadView(ctx), Number(m[1]));
      await ctx.answerCallbackQuery();
      return void (await ctx.editMessageText(text, { reply_markup: keyboard }).catch(() => undefined));
    }
    if (!hasRole(ctx.viewer, ...AGGREGATE_ROLES)) return deny(ctx);
    const v = await aggregateView(ctx);
    if (!v) return;
    if ((m = /^summaries:chart:(\d{1,9}(?:\.\d{4}(?:-Q[1-4]|-H[12]|-9M)?)?)$/.exec(data))) {
      const period = await periodById(ctx, v, m[1]!);
      await ctx.answerCallbackQuery();
      if (period) await replyCompletionChart(ctx, v, period);
      return;
    }
    if ((m = /^summaries:export:(xlsx|csv|docx):(\d{1,9}(?:\.\d{4}(?:-Q[1-4]|-H[12]|-9M)?)?)$/.exec(data))) {
      const period = await periodById(ctx, v, m[2]!);
      await ctx.answerCallbackQuery();
      if (period) await replyExport(ctx, v, m[1] as ExportFormat, period);
      return;
    }
    if ((m = /^summaries:cmplist:(\d{1,9}(?:\.\d{4}(?:-Q[1-4]|-H[12]|-9M)?)?)$/.exec(data))) {
      const period = await periodById(ctx, v, m[1]!);
      await ctx.answerCallbackQuery();
      if (period) await replyIndicatorChoice(ctx, v, period, "cmp");
      return;
    }
    if ((m = /^summaries:(cmp|trend):(\d{1,9}(?:\.\d{4}(?:-Q[1-4]|-H[12]|-9M)?)?):(\d{1,3})$/.exec(data))) {
      const period = await periodById(ctx, v, m[2]!);
      const indicator = period ? indicatorsOf(period.definition)[Number(m[3])] : undefined;
      // An indicator index beyond the template (forged, or an old message): say so rather than nothing.
      if (period && !indicator) return void (await ctx.answerCallbackQuery({ text: ctx.t("button-expired") }));
      await ctx.answerCallbackQuery();
      if (!period || !indicator) return;
      if (m[1] === "cmp") await replyComparison(ctx, v, { period, indicator });
      else await replyTrend(ctx, v, { period, indicator });
      return;
    }
    await ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
  });

  // Everyday questions: only text no other feature handled, never a command, never conversation input.
  composer.on("message:text", async (ctx, next) => {
    const text = ctx.message.text;
    if (text.startsWith("/")) return next();
    const conv = (ctx as Partial<BotContext>).conversation;
    if (conv && Object.keys(conv.active()).length > 0) return next();
    if (!hasRole(ctx.viewer, ...AGENCY_ROLES)) return next();
    const v = await loadView(ctx);
    if (!(await answerTypedQuestion(ctx, v, text, mayAggregate(ctx, v), () => deny(ctx)))) return next();
  });

  // The nearest questions offered when one was not understood: the number picks a locale example, re-read here.
  composer.callbackQuery(/^questions:ex:(\d{1,2})$/, async (ctx) => {
    if (!hasRole(ctx.viewer, ...AGENCY_ROLES)) return deny(ctx);
    const v = await loadView(ctx);
    const text = exampleQuestion(v, Number(ctx.match[1]));
    if (text === undefined) return void (await ctx.answerCallbackQuery({ text: ctx.t("button-expired") }));
    await ctx.answerCallbackQuery();
    await answerTypedQuestion(ctx, v, text, mayAggregate(ctx, v), () => deny(ctx));
  });

  return composer;
}

export function summariesFeature(): Feature {
  return {
    name: "summaries",
    commands: [
      { command: "summary", roles: AGGREGATE_ROLES, descriptionKey: "cmd-summary" },
      { command: "missing", roles: AGGREGATE_ROLES, descriptionKey: "cmd-missing" },
      { command: "agency", roles: AGENCY_ROLES, descriptionKey: "cmd-agency" },
      { command: "compare", roles: AGGREGATE_ROLES, descriptionKey: "cmd-compare" },
      { command: "trend", roles: AGGREGATE_ROLES, descriptionKey: "cmd-trend" },
      { command: "ranking", roles: AGGREGATE_ROLES, descriptionKey: "cmd-ranking" },
      { command: "chart", roles: AGGREGATE_ROLES, descriptionKey: "cmd-chart" },
      { command: "export", roles: AGGREGATE_ROLES, descriptionKey: "cmd-export" },
    ],
    composer: summariesComposer(),
  };
}
