import { InlineKeyboard, InputFile } from "grammy";
import { fitButtons } from "../../bot/telegram-limits.ts";
import { withHidden } from "../../bot/hidden-buttons.ts";
import type { BotContext } from "../../bot/context.ts";
import { clip, ECHO_MAX_CHARS } from "../../bot/telegram-limits.ts";
import { localDateTime } from "../../time/calendar-date.ts";
import { loadKindCatalogue } from "../agencies/agency-kinds.repository.ts";
import { loadExportRows, loadMergedHistory } from "./export-data.ts";
// Charts and office files pull in vega, resvg, exceljs and docx (≈45 MB): loaded on first use, not at start.
const charts = () => import("./charts.ts");
const workbook = () => import("./export-workbook.ts");
const docxFile = () => import("./export-docx.ts");
import { findIndicator, indicatorsOf, type Indicator } from "./indicators.ts";
import { agencyHistory, annualRanking, compareAgencies, indicatorTrend, resolvePeriod, type ResolvedPeriod } from "./leader-queries.ts";
import { formatValue, kindLabel, type T } from "./number-format.ts";
import { periodLabel, inLocale } from "../../format/period-label.ts";
import { buildPeriodSummary } from "./period-summary.ts";
import type { PeriodRef } from "./period-ref.ts";
import { formatHelp, formatTrend } from "./query-format.ts";
import type { DigestButton } from "./digest-callback.ts";
import { digestScreen, scopedRanking } from "./digest-screens.ts";
import type { ScopedRanking } from "./ranking-scope.ts";
import { scopeLabelOf } from "./scope-label.ts";
import { splitRichText, type RichText } from "./rich-text.ts";
import { formatMissing, formatSummary } from "./summary-format.ts";
import { findPeriodByToken, periodToken } from "./combined-periods.ts";
import { latestDuePeriodKey, latestReportedPeriod, loadAgencies, loadAnswers, type AgencyRow, type PeriodRow } from "./summaries.repository.ts";
import { matchScore } from "./text-match.ts";
import { withConsoleButton } from "../console/console-button.ts";
import { canSee, visibilityOf, type Visibility } from "./visibility.ts";

/** The Telegram side of each leader query; the composer routes commands, buttons and free text here. */

export interface View {
  agencies: AgencyRow[];
  visibility: Visibility;
  today: string;
  locale: string;
  t: T;
}

export async function loadView(ctx: BotContext): Promise<View> {
  const agencies = await loadAgencies(ctx.deps.db);
  return {
    agencies,
    visibility: visibilityOf(ctx.viewer.memberships, agencies),
    today: localDateTime(ctx.deps.clock.now(), ctx.deps.config.REPORT_TIMEZONE).date,
    locale: ctx.viewer.person?.locale ?? ctx.deps.config.DEFAULT_LOCALE,
    t: (key, args) => ctx.t(key, args),
  };
}


/** Sends a long answer in parts; the keyboard goes under the last part. */
export async function replyRich(ctx: BotContext, rich: RichText, keyboard?: InlineKeyboard): Promise<void> {
  const parts = splitRichText(rich);
  for (const [i, part] of parts.entries()) {
    const last = i === parts.length - 1;
    await ctx.reply(part.text, {
      ...(part.entities.length ? { entities: part.entities } : {}),
      ...(last && keyboard ? { reply_markup: keyboard } : {}),
    });
  }
}

/** A period from a reference, with a sentence when none exists or a fallback was used. */
async function periodFor(ctx: BotContext, v: View, ref: PeriodRef): Promise<{ period: PeriodRow; note?: string } | undefined> {
  const r: ResolvedPeriod = await resolvePeriod(ctx.deps.db, ref, v.today);
  if (!r.period) {
    await ctx.reply(v.t(ref.kind === "key" ? "summaries-period-not-found" : "summaries-no-reports", ref.kind === "key" ? { period: periodLabel(ref.key, v.t) } : {}));
    return undefined;
  }
  const note = r.fallbackFrom
    ? v.t("summaries-period-fallback", { asked: periodLabel(r.fallbackFrom, v.t), shown: periodLabel(r.period.periodKey, v.t) })
    : undefined;
  return { period: r.period, note };
}

/** The period a button names (combined-periods.ts periodToken), re-read. */
export async function periodById(ctx: BotContext, v: View, token: string): Promise<PeriodRow | undefined> {
  const p = await findPeriodByToken(ctx.deps.db, token, v.today);
  if (!p) await ctx.reply(v.t("summaries-no-reports"));
  return p;
}

export async function replySummary(ctx: BotContext, v: View, target: PeriodRef | PeriodRow, missingOnly = false): Promise<void> {
  const resolved = "id" in target ? { period: target } : await periodFor(ctx, v, target);
  if (!resolved) return;
  if (missingOnly) {
    const s = await buildPeriodSummary(ctx.deps.db, resolved.period, v.agencies, v.visibility);
    return replyRich(ctx, formatMissing(s, v.t));
  }
  await replyScreen(ctx, v, { target: { kind: "summary", period: periodToken(resolved.period) }, part: { kind: "digest" }, page: 0 }, resolved.note);
}

/** Sends a short answer (digest) as a new message with the buttons that open its parts. */
export async function replyScreen(ctx: BotContext, v: View, button: DigestButton, note?: string): Promise<void> {
  const screen = await digestScreen(ctx, v, button, note);
  if (!screen) return void (await ctx.reply(v.t("summaries-no-reports")));
  // A summary's digest also offers the console (a Mini App button) when it has an https address.
  const keyboard = button.target.kind === "summary" ? withConsoleButton(screen.keyboard, ctx.deps.config, v.t) : screen.keyboard;
  await ctx.reply(screen.rich.text, { ...(screen.rich.entities.length ? { entities: screen.rich.entities } : {}), reply_markup: keyboard });
}

/**
 * A digest button pressed: the chart is sent as a photo, everything else edits the message in place.
 * The caller has checked the role; the screen is rebuilt under the viewer's scope ("gone": out of it, or no more).
 */
export async function showDigestButton(ctx: BotContext, v: View, button: DigestButton): Promise<"shown" | "gone"> {
  if (button.part.kind === "chart") {
    if (button.target.kind === "summary") {
      const period = await findPeriodByToken(ctx.deps.db, button.target.period, v.today);
      if (!period) return "gone";
      await ctx.answerCallbackQuery();
      await replyCompletionChart(ctx, v, period);
      return "shown";
    }
    if (button.target.kind === "ranking") {
      const sr = await scopedRanking(ctx, v, button.target.year);
      if (!sr || sr.ranking.rows.length === 0) return "gone";
      await ctx.answerCallbackQuery();
      await replyRankingChart(ctx, v, button.target.year, sr.ranking);
      return "shown";
    }
    return "gone";
  }
  const screen = await digestScreen(ctx, v, button);
  if (!screen) return "gone";
  await ctx.answerCallbackQuery();
  await ctx
    .editMessageText(screen.rich.text, { ...(screen.rich.entities.length ? { entities: screen.rich.entities } : {}), reply_markup: screen.keyboard })
    // "message is not modified" (the same page pressed twice) is not a failure.
    .catch((e: unknown) => {
      if (!String((e as Error).message ?? e).includes("not modified")) throw e;
    });
  return "shown";
}

export async function replyCompletionChart(ctx: BotContext, v: View, target: PeriodRef | PeriodRow): Promise<void> {
  const resolved = "id" in target ? { period: target } : await periodFor(ctx, v, target);
  if (!resolved) return;
  const s = await buildPeriodSummary(ctx.deps.db, resolved.period, v.agencies, v.visibility);
  const bars = s.completion
    // Kinds with no agency required draw nothing: left out rather than shown as empty rows.
    .filter((c) => c.kind !== null && c.required > 0)
    .flatMap((c) => [
      { group: kindLabel(c.kind, v.t, s.kinds, v.locale), status: v.t("summaries-status-on-time"), count: c.onTime, order: 0 },
      { group: kindLabel(c.kind, v.t, s.kinds, v.locale), status: v.t("summaries-status-late"), count: c.late, order: 1 },
      { group: kindLabel(c.kind, v.t, s.kinds, v.locale), status: v.t("summaries-status-missing"), count: c.missing, order: 2 },
    ]);
  const title = v.t("summaries-chart-completion-title", { period: periodLabel(resolved.period.periodKey, v.t) });
  const { renderChart, completionChartSpec } = await charts();
  const png = await renderChart(completionChartSpec(title, bars, v.t("summaries-chart-status"), v.t("summaries-chart-agencies")), v.locale);
  await ctx.replyWithPhoto(new InputFile(png, `completion-${resolved.period.periodKey}.png`), { caption: title });
}

/** Buttons with the template's indicators, for /compare without an argument. */
export async function replyIndicatorChoice(ctx: BotContext, v: View, period: PeriodRow, action: "cmp" | "trend"): Promise<void> {
  const kb = new InlineKeyboard();
  const fit = fitButtons(indicatorsOf(period.definition));
  fit.shown.forEach((ind, i) => kb.text(inLocale(ind.label, v.locale), `summaries:${action}:${periodToken(period)}:${i}`).row());
  await ctx.reply(withHidden(ctx, v.t(action === "cmp" ? "summaries-compare-choose" : "summaries-trend-choose"), fit.hidden), { reply_markup: kb });
}

export async function replyComparison(ctx: BotContext, v: View, target: { ref: PeriodRef; text: string } | { period: PeriodRow; indicator: Indicator }): Promise<void> {
  let period: PeriodRow;
  let note: string | undefined;
  let ind: Indicator | undefined;
  if ("ref" in target) {
    const r = await periodFor(ctx, v, target.ref);
    if (!r) return;
    ({ period, note } = r);
    if (!target.text) return replyIndicatorChoice(ctx, v, period, "cmp");
    ind = findIndicator(period.definition, target.text);
    if (!ind) {
      await ctx.reply(v.t("summaries-indicator-unknown", { query: clip(target.text, ECHO_MAX_CHARS) }));
      return replyIndicatorChoice(ctx, v, period, "cmp");
    }
  } else ({ period, indicator: ind } = target);
  const idx = indicatorsOf(period.definition).findIndex((i) => i.key === ind.key);
  await replyScreen(ctx, v, { target: { kind: "compare", period: periodToken(period), indicator: idx }, part: { kind: "digest" }, page: 0 }, note);
}

export async function replyTrend(ctx: BotContext, v: View, target: { text: string } | { period: PeriodRow; indicator: Indicator }): Promise<void> {
  let period: PeriodRow | undefined;
  let ind: Indicator | undefined;
  if ("text" in target) {
    period = await latestReportedPeriod(ctx.deps.db, undefined, v.today);
    if (!period) return void (await ctx.reply(v.t("summaries-no-reports")));
    if (!target.text) return replyIndicatorChoice(ctx, v, period, "trend");
    ind = findIndicator(period.definition, target.text);
    if (!ind) {
      await ctx.reply(v.t("summaries-indicator-unknown", { query: clip(target.text, ECHO_MAX_CHARS) }));
      return replyIndicatorChoice(ctx, v, period, "trend");
    }
  } else ({ period, indicator: ind } = target);
  const points = await indicatorTrend(ctx.deps.db, period.templateId, ind, v.today, v.visibility, 12);
  // The newest period may still be filed: its point says how many agencies are missing.
  const newest = points.at(-1);
  const missing = newest ? (await buildPeriodSummary(ctx.deps.db, newest.period, v.agencies, v.visibility)).completion.find((c) => c.kind === null)?.missing ?? 0 : 0;
  const title = v.t("summaries-trend-title", { indicator: inLocale(ind.label, v.locale), count: points.length });
  const { renderChart, trendChartSpec } = await charts();
  const png = await renderChart(
    trendChartSpec(
      title,
      points
        .filter((p) => p.value !== undefined)
        .map((p) => ({
          period: periodLabel(p.period.periodKey, v.t),
          value: p.value!,
          label: formatValue(p.value!, ind.type, v.locale, v.t),
          ...(p === newest && missing > 0 ? { note: v.t("summaries-trend-incomplete", { count: missing }) } : {}),
        })),
      v.t(`summaries-trend-basis-${ind.aggregate}`),
    ),
    v.locale,
  );
  await ctx.replyWithPhoto(new InputFile(png, `trend-${ind.key}.png`), { caption: title.slice(0, 1000) });
  await replyRich(ctx, formatTrend(ind, points, v.locale, v.t, mergedHistory(v)));
}

/** The visible agencies that carry merged agencies' history, each with those agencies' names (at most five). */
export function mergedHistory(v: View): { successor: string; predecessors: string[] }[] {
  const byId = new Map(v.agencies.map((a) => [a.id, a]));
  const out = new Map<number, string[]>();
  for (const a of v.agencies)
    if (a.successorId != null && canSee(v.visibility, a.successorId)) out.set(a.successorId, [...(out.get(a.successorId) ?? []), a.name]);
  return [...out]
    .slice(0, 5)
    .map(([id, names]) => ({ successor: byId.get(id)?.name ?? "", predecessors: names.sort((x, y) => x.localeCompare(y, "vi")) }));
}

export async function replyRanking(ctx: BotContext, v: View, year: number | undefined): Promise<void> {
  const main = await latestReportedPeriod(ctx.deps.db, undefined, v.today);
  if (!main) return void (await ctx.reply(v.t("summaries-no-reports")));
  // Without a year: the year of the latest period whose deadline has passed (not of a period opened early).
  const y = year ?? Number(((await latestDuePeriodKey(ctx.deps.db, main.templateId, v.today)) ?? main.periodKey).slice(0, 4));
  await replyScreen(ctx, v, { target: { kind: "ranking", year: y }, part: { kind: "digest" }, page: 0 });
}

/** The ranking as bars: all of it when it fits, else the top and the bottom; ranks out of the whole province. */
export async function replyRankingChart(ctx: BotContext, v: View, year: number, sr: ScopedRanking): Promise<void> {
  const { renderChart, rankingChartSpec, rankingChartRows } = await charts();
  const rows = rankingChartRows(sr.rows.map((row) => ({ rank: row.rank, name: row.agency.name, score: row.total })), sr.total, v.locale);
  const title = v.t(rows.cut ? "summaries-chart-ranking-title-ends" : "summaries-chart-ranking-title", { year: String(year), count: rows.shown.length, total: sr.total });
  const png = await renderChart(rankingChartSpec(title, rows.shown, v.t("summaries-chart-score")), v.locale);
  await ctx.replyWithPhoto(new InputFile(png, `ranking-${year}.png`), { caption: title });
}

export type ExportFormat = "xlsx" | "csv" | "docx";

export async function replyExport(ctx: BotContext, v: View, format: ExportFormat, target: PeriodRef | PeriodRow): Promise<void> {
  const resolved = "id" in target ? { period: target } : await periodFor(ctx, v, target);
  if (!resolved) return;
  const { period } = resolved;
  const db = ctx.deps.db;
  const caption = v.t(`summaries-export-caption-${format}`, { period: periodLabel(period.periodKey, v.t) });
  const base = `${period.templateId}-${period.periodKey}`;
  if (format === "csv") {
    const rows = await loadExportRows(db, period, v.agencies, v.visibility);
    const { buildCsv } = await workbook();
    const csv = await buildCsv(period, rows, { locale: v.locale, t: v.t, timeZone: ctx.deps.config.REPORT_TIMEZONE, kinds: await loadKindCatalogue(db) });
    return void (await ctx.replyWithDocument(new InputFile(csv, `${base}.csv`), { caption }));
  }
  const summary = await buildPeriodSummary(db, period, v.agencies, v.visibility);
  const scope = scopeLabelOf(v.visibility, v.agencies, v.t);
  if (format === "xlsx") {
    const rows = await loadExportRows(db, period, v.agencies, v.visibility);
    const { buildXlsx } = await workbook();
    const merged = await loadMergedHistory(db, period, v.agencies, v.visibility);
    const xlsx = await buildXlsx(period, rows, summary, { locale: v.locale, t: v.t, timeZone: ctx.deps.config.REPORT_TIMEZONE, kinds: summary.kinds, scope }, ctx.deps.clock.now(), merged);
    return void (await ctx.replyWithDocument(new InputFile(xlsx, `${base}.xlsx`), { caption }));
  }
  const { buildDocx } = await docxFile();
  const docx = await buildDocx(summary, { locale: v.locale, t: v.t, scope });
  await ctx.replyWithDocument(new InputFile(docx, `${base}-bao-cao.docx`), { caption });
}

/** Agencies the viewer may see whose code is the query, or whose name contains its words. */
export function findVisibleAgencies(v: View, query: string): AgencyRow[] {
  const visible = v.agencies.filter((a) => canSee(v.visibility, a.id));
  const q = query.trim();
  const byCode = visible.filter((a) => a.code.toLowerCase() === q.toLowerCase());
  if (byCode.length) return byCode;
  const scored = visible.map((a) => ({ a, s: Math.max(matchScore(q, a.name), matchScore(q, a.code.replace(/[-_]/g, " "))) })).filter((x) => x.s >= 0.99);
  const best = Math.max(0, ...scored.map((x) => x.s));
  return scored.filter((x) => x.s >= best - 1e-9 || x.s >= 1.99).map((x) => x.a).slice(0, 10);
}

export async function replyAgencyQuery(ctx: BotContext, v: View, query: string): Promise<void> {
  const own = v.agencies.filter((a) => !v.visibility.all && v.visibility.agencyIds.has(a.id));
  if (!query.trim()) {
    if (!v.visibility.aggregate && own.length === 1) return replyAgency(ctx, v, own[0]!);
    const { text, keyboard } = agencyPickerPage(v, 0);
    return void (await ctx.reply(text, { reply_markup: keyboard }));
  }
  const found = findVisibleAgencies(v, query);
  if (found.length === 0) return void (await ctx.reply(v.t("summaries-agency-not-found", { query: clip(query.trim(), ECHO_MAX_CHARS) })));
  if (found.length === 1) return replyAgency(ctx, v, found[0]!);
  const kb = new InlineKeyboard();
  const fit = fitButtons(found);
  for (const a of fit.shown) kb.text(a.name, `summaries:agency:${a.id}`).row();
  await ctx.reply(withHidden(ctx, v.t("summaries-agency-choose"), fit.hidden), { reply_markup: kb });
}

const AGENCY_PICKER_SIZE = 8;

/**
 * /agency without a name: the active agencies the viewer may see, a page of buttons at a time, by name (with
 * a line on how to search by typing). The page number in the buttons is only a hint; it is clamped.
 */
export function agencyPickerPage(v: View, requested: number): { text: string; keyboard: InlineKeyboard } {
  const list = v.agencies.filter((a) => a.active && canSee(v.visibility, a.id)).sort((x, y) => x.name.localeCompare(y.name, "vi"));
  const pages = Math.max(1, Math.ceil(list.length / AGENCY_PICKER_SIZE));
  const page = Math.min(Math.max(requested, 0), pages - 1);
  const keyboard = new InlineKeyboard();
  for (const a of list.slice(page * AGENCY_PICKER_SIZE, (page + 1) * AGENCY_PICKER_SIZE)) keyboard.text(clip(a.name, 60), `summaries:agency:${a.id}`).row();
  if (page > 0) keyboard.text("‹", `summaries:agpg:${page - 1}`);
  if (page < pages - 1) keyboard.text("›", `summaries:agpg:${page + 1}`);
  return { text: `${v.t("summaries-agency-pick", { page: page + 1, pages })}\n${v.t("summaries-agency-usage")}`, keyboard };
}

export async function replyAgency(ctx: BotContext, v: View, agency: AgencyRow): Promise<void> {
  await replyScreen(ctx, v, { target: { kind: "agency", agencyId: agency.id }, part: { kind: "digest" }, page: 0 });
}

export async function replyHelp(ctx: BotContext, v: View): Promise<void> {
  await replyRich(ctx, formatHelp(v.t));
}

