import { InlineKeyboard } from "grammy";
import type { BotContext } from "../../bot/context.ts";
import { clip, ECHO_MAX_CHARS } from "../../bot/telegram-limits.ts";
import { formatVnDate } from "../../time/calendar-date.ts";
import { loadKindCatalogue } from "../agencies/agency-kinds.repository.ts";
import { listPeopleWithRoles } from "../people/people.repository.ts";
import { listOpenPeriods } from "../reports/periods.repository.ts";
import { periodLabel, inLocale } from "../../format/period-label.ts";
import { indicatorsOf, type Indicator } from "./indicators.ts";
import { annualRanking, compareAgencies, indicatorTrend, resolvePeriod } from "./leader-queries.ts";
import { formatNumber, formatValue, kindLabel } from "./number-format.ts";
import { buildPeriodSummary, type PeriodSummary } from "./period-summary.ts";
import { groupTexts, listAnswer, nameList, percent, plainAnswer } from "./question-answer-text.ts";
import { buildLexicon, type QuestionLexicon } from "./question-lexicon.ts";
import { periodRefOf, type QuestionQuery } from "./question-query.ts";
import {
  replyAgency, replyComparison, replyCompletionChart, replyExport, replyRanking, replyRich, replySummary, replyTrend, type View,
} from "./summaries.replies.ts";
import { flagText } from "./summary-format.ts";
import { latestDuePeriodKey, latestReportedPeriod, loadSubmissionStatuses, type AgencyRow, type PeriodRow } from "./summaries.repository.ts";
import { canSee } from "./visibility.ts";

/** Runs one understood question under the asker's scope, through the same reply builders as the commands. */

/** The lexicon of the template with the newest reports, these agencies and the province's kinds. */
export async function lexiconFor(ctx: BotContext, v: View): Promise<{ lex: QuestionLexicon; main: PeriodRow } | undefined> {
  const main = await latestReportedPeriod(ctx.deps.db, undefined, v.today);
  if (!main) return undefined;
  const catalogue = await loadKindCatalogue(ctx.deps.db);
  const kinds = catalogue.list().map((k) => ({
    code: k.code,
    names: [kindLabel(k.code, v.t, catalogue, v.locale), ...(k.name ? [k.name.vi, k.name.en ?? ""] : [])].filter(Boolean),
  }));
  return { lex: buildLexicon(main.definition, v.agencies, kinds), main };
}

/** Intents a person who may not see aggregates (a reporter) may still ask, about their own agency. */
export const OWN_AGENCY_INTENTS: ReadonlySet<QuestionQuery["intent"]> = new Set(["agency", "agency-status", "deadline"]);

/**
 * The agencies a query names, or a refusal: a name outside the asker's scope is never answered (even when
 * a language model produced it), and a code nobody has is said so.
 */
export function namedAgencies(v: View, q: QuestionQuery): { agencies: AgencyRow[] } | { refused: string[] } | { unknown: string[] } {
  const byCode = new Map(v.agencies.map((a) => [a.code, a]));
  const unknown = q.agencies.filter((c) => !byCode.has(c));
  if (unknown.length) return { unknown };
  const agencies = q.agencies.map((c) => byCode.get(c)!);
  const refused = agencies.filter((a) => !canSee(v.visibility, a.id)).map((a) => a.name);
  return refused.length ? { refused } : { agencies };
}

export async function answerQuery(ctx: BotContext, v: View, q: QuestionQuery, lex: QuestionLexicon, main: PeriodRow): Promise<void> {
  const named = namedAgencies(v, q);
  if ("unknown" in named) return void (await ctx.reply(v.t("questions-agency-unknown", { codes: clip(named.unknown.join(", "), ECHO_MAX_CHARS) })));
  if ("refused" in named) return void (await ctx.reply(v.t("questions-out-of-scope", { names: nameList(named.refused, v.t) })));
  const agencies = named.agencies;
  const ref = periodRefOf(q.period);
  const ind = q.indicator ? indicatorsOf(main.definition).find((i) => i.key === q.indicator) : undefined;
  if (q.indicator && !ind) return void (await ctx.reply(v.t("summaries-indicator-unknown", { query: clip(q.indicator, ECHO_MAX_CHARS) })));

  switch (q.intent) {
    case "summary":
      return replySummary(ctx, v, ref);
    case "missing":
      // The whole scope's list is /missing's answer; a kind or named agencies narrow it below.
      if (q.kind === null && agencies.length === 0) return replySummary(ctx, v, ref, true);
      break;
    case "chart":
      return replyCompletionChart(ctx, v, ref);
    case "export":
      return replyExport(ctx, v, q.format ?? "xlsx", ref);
    case "agency":
      if (agencies.length === 1) return replyAgency(ctx, v, agencies[0]!);
      return void (await ctx.reply(v.t("questions-agency-needed")));
    case "deadline":
      return replyDeadline(ctx, v);
    case "ranking":
      if (q.count === null && q.order === null && agencies.length === 0 && q.kind === null)
        return replyRanking(ctx, v, ref.kind === "key" ? Number(ref.key.slice(0, 4)) : undefined);
      return replyRankingPart(ctx, v, q, main, agencies);
    case "trend":
      if (!ind) return replyTrend(ctx, v, { text: "" });
      if (q.count === null) return replyTrend(ctx, v, { period: main, indicator: ind });
      return replyTrendPoints(ctx, v, ind, q.count, main);
  }

  const period = await periodOf(ctx, v, q);
  if (!period) return;
  const where = periodLabel(period.periodKey, v.t);
  if (q.intent === "compare" && agencies.length < 2) {
    if (ind && !q.kind) return replyComparison(ctx, v, { period, indicator: ind });
    if (!ind) return replyComparison(ctx, v, { ref: { kind: "key", cadence: "monthly", key: period.periodKey }, text: "" });
  }
  if (q.intent === "agency-status") {
    if (agencies.length !== 1) return void (await ctx.reply(v.t("questions-agency-needed")));
    return replyAgencyStatus(ctx, v, agencies[0]!, period);
  }
  if ((q.intent === "value" || q.intent === "top" || q.intent === "compare") && !ind && agencies.length < 2)
    return void (await ctx.reply(v.t("questions-indicator-needed")));
  if (q.intent === "value" || q.intent === "top" || q.intent === "compare") return replyIndicatorAnswer(ctx, v, q, ind, agencies, period);

  const s = await buildPeriodSummary(ctx.deps.db, period, v.agencies, v.visibility);
  const inQuery = (a: AgencyRow) => (q.kind === null || a.kind === q.kind) && (agencies.length === 0 || agencies.some((x) => x.id === a.id));
  switch (q.intent) {
    case "missing":
    case "late":
    case "count-missing":
    case "count-late":
    case "count-filed":
    case "share-filed":
    case "share-on-time":
      return replyRich(ctx, plainAnswer(statusLine(q, s, agencies, where, v)));
    case "warnings": {
      const flags = s.flags.filter((f) => inQuery(f.agency));
      const lines = flags.slice(0, 20).map((f) => `⚠ ${f.agency.name}: ${flagText(f, period.definition, v.locale, v.t)}`);
      if (flags.length === 0) return replyRich(ctx, plainAnswer(v.t("questions-warnings-none", { period: where })));
      return replyRich(ctx, listAnswer(v.t("questions-warnings-title", { period: where, count: flags.length }), lines));
    }
    case "difficulties":
    case "proposals": {
      const keys = lex.textKeys[q.intent];
      const items = s.texts.filter((x) => keys.includes(x.key)).flatMap((x) => x.items.filter((i) => inQuery(i.agency)));
      const groups = groupTexts(items.map((i) => ({ agency: i.agency.name, text: i.text })));
      if (groups.length === 0) return replyRich(ctx, plainAnswer(v.t("questions-texts-none", { period: where })));
      const lines = groups.map((g) => `• ${clip(g.text, 400)} — ${nameList(g.agencies, v.t)}`);
      return replyRich(ctx, listAnswer(v.t(`questions-texts-${q.intent}`, { period: where, count: items.length }), lines));
    }
  }
}

/** The period a query is about, with a sentence when there is none. */
async function periodOf(ctx: BotContext, v: View, q: QuestionQuery): Promise<PeriodRow | undefined> {
  const ref = periodRefOf(q.period);
  const r = await resolvePeriod(ctx.deps.db, ref, v.today);
  if (r.period) {
    if (r.fallbackFrom)
      await ctx.reply(v.t("summaries-period-fallback", { asked: periodLabel(r.fallbackFrom, v.t), shown: periodLabel(r.period.periodKey, v.t) }));
    return r.period;
  }
  await ctx.reply(ref.kind === "key" ? v.t("summaries-period-not-found", { period: periodLabel(ref.key, v.t) }) : v.t("summaries-no-reports"));
  return undefined;
}

function statusLine(q: QuestionQuery, s: PeriodSummary, named: AgencyRow[], where: string, v: View): string {
  const t = v.t;
  const inQuery = (a: AgencyRow) => (q.kind === null || a.kind === q.kind) && (named.length === 0 || named.some((x) => x.id === a.id));
  const intent = q.intent;
  const missing = s.missing.filter(inQuery);
  const late = s.late.filter(inQuery);
  // The kind's completion row when the question names a kind, the named agencies' when it names some.
  const total = s.completion.find((c) => (q.kind === null ? c.kind === null : c.kind === q.kind)) ?? { required: 0, onTime: 0, late: 0, missing: 0 };
  const c =
    named.length === 0
      ? total
      : { required: named.length, late: late.length, missing: missing.length, onTime: named.length - late.length - missing.length };
  const names = (list: AgencyRow[]) => nameList(list.map((a) => a.name), t);
  const base = { period: where, required: c.required };
  switch (intent) {
    case "missing":
      return missing.length ? t("questions-missing", { ...base, count: missing.length, names: names(missing) }) : t("questions-missing-none", base);
    case "late":
      return late.length ? t("questions-late", { ...base, count: late.length, names: names(late) }) : t("questions-late-none", base);
    case "count-missing":
      return t("questions-count-missing", { ...base, count: missing.length }) + (missing.length ? ` ${names(missing)}.` : "");
    case "count-late":
      return t("questions-count-late", { ...base, count: late.length }) + (late.length ? ` ${names(late)}.` : "");
    case "count-filed":
      return t("questions-count-filed", { ...base, filed: c.onTime + c.late, onTime: c.onTime, late: c.late });
    case "share-filed":
      return t("questions-share-filed", { ...base, filed: c.onTime + c.late, share: percent(c.onTime + c.late, c.required, v.locale) });
    default:
      return t("questions-share-on-time", { ...base, onTime: c.onTime, share: percent(c.onTime, c.required, v.locale) });
  }
}

/** One indicator: its value (scope, kind or agencies), named agencies side by side, or the first N. */
async function replyIndicatorAnswer(
  ctx: BotContext, v: View, q: QuestionQuery, ind: Indicator | undefined, agencies: AgencyRow[], period: PeriodRow,
): Promise<void> {
  const where = periodLabel(period.periodKey, v.t);
  const indicators = ind ? [ind] : keyIndicators(period);
  const lines: string[] = [];
  for (const i of indicators) {
    const rows = await compareAgencies(ctx.deps.db, period, i, v.agencies, v.visibility);
    const label = inLocale(i.label, v.locale);
    const fmt = (n: number) => formatValue(n, i.type, v.locale, v.t);
    if (agencies.length > 0) {
      if (indicators.length > 1) lines.push(label);
      for (const a of agencies) {
        const r = rows.find((x) => x.agency.id === a.id);
        lines.push(`${indicators.length > 1 ? "  " : ""}${a.name}: ${r ? fmt(r.value) : v.t("questions-no-value")}`);
      }
      continue;
    }
    const inKind = rows.filter((r) => q.kind === null || r.agency.kind === q.kind);
    if (q.intent === "top" || q.intent === "compare") {
      const direction = period.definition.ranking.indicators.find((r) => r.key === i.key)?.direction ?? "higher";
      const order = q.order ?? (direction === "higher" ? "highest" : "lowest");
      const sorted = [...inKind].sort((a, b) => (order === "lowest" ? a.value - b.value : b.value - a.value));
      const shown = sorted.slice(0, q.count ?? (q.intent === "top" ? 5 : sorted.length));
      const title = v.t("questions-top-title", { indicator: label, period: where, order: v.t(`questions-order-${order}`) });
      return replyRich(ctx, listAnswer(title, shown.map((r, n) => `${n + 1}. ${r.agency.name}: ${fmt(r.value)}`), v.t("questions-value-none", { indicator: label, period: where })));
    }
    const value = aggregateOf(i, inKind.map((r) => r.value), await shareOf(ctx, v, period, i, q.kind));
    const scope = q.kind ? kindLabel(q.kind, v.t, await loadKindCatalogue(ctx.deps.db), v.locale) : v.t(v.visibility.all ? "questions-scope-all" : "questions-scope-yours");
    if (value === undefined) return replyRich(ctx, plainAnswer(v.t("questions-value-none", { indicator: label, period: where })));
    return replyRich(ctx, plainAnswer(`${v.t("questions-value", { indicator: label, scope, period: where, value: fmt(value) })} ${v.t("questions-value-reporting", { reporting: inKind.length })}`));
  }
  await replyRich(ctx, listAnswer(v.t("questions-compare-title", { period: where }), lines));
}

function keyIndicators(period: PeriodRow): Indicator[] {
  const all = indicatorsOf(period.definition);
  const ranked = period.definition.ranking.indicators.map((r) => all.find((i) => i.key === r.key)).filter((i): i is Indicator => !!i);
  return (ranked.length ? ranked : all).slice(0, 5);
}

/** A share over several agencies is Σ numerator / Σ denominator, never the mean of their shares. */
async function shareOf(ctx: BotContext, v: View, period: PeriodRow, i: Indicator, kind: string | null): Promise<number | undefined> {
  if (i.aggregate !== "share") return undefined;
  const part = (key: string) => indicatorsOf(period.definition).find((x) => x.key === key);
  const n = part(i.numerator!);
  const d = part(i.denominator!);
  if (!n || !d) return undefined;
  const sum = async (x: Indicator) =>
    (await compareAgencies(ctx.deps.db, period, x, v.agencies, v.visibility)).filter((r) => kind === null || r.agency.kind === kind).reduce((a, r) => a + r.value, 0);
  const den = await sum(d);
  return den > 0 ? (100 * (await sum(n))) / den : undefined;
}

function aggregateOf(i: Indicator, values: number[], share: number | undefined): number | undefined {
  if (i.aggregate === "share") return share;
  if (values.length === 0) return undefined;
  const total = values.reduce((a, b) => a + b, 0);
  return i.aggregate === "sum" ? total : total / values.length;
}

/** Part of the ranking: its first or last N, one kind, or the places of named agencies ("hạng 2/30"). */
async function replyRankingPart(ctx: BotContext, v: View, q: QuestionQuery, main: PeriodRow, named: AgencyRow[]): Promise<void> {
  const ref = periodRefOf(q.period);
  const year = ref.kind === "key" ? Number(ref.key.slice(0, 4)) : Number(((await latestDuePeriodKey(ctx.deps.db, main.templateId, v.today)) ?? main.periodKey).slice(0, 4));
  const r = await annualRanking(ctx.deps.db, main.templateId, year, v.today, v.agencies, v.visibility);
  const order = q.order ?? "highest";
  const rows = r.rows.filter((x) => (q.kind === null || x.agency.kind === q.kind) && (named.length === 0 || named.some((a) => a.id === x.agency.id)));
  const sorted = order === "lowest" ? [...rows].reverse() : rows;
  const shown = named.length ? sorted : sorted.slice(0, q.count ?? 5);
  const title = named.length
    ? v.t("questions-ranking-places", { year: String(year), total: r.rows.length })
    : v.t("questions-ranking-title", { year: String(year), order: v.t(`questions-order-${order}`) });
  const lines = shown.map((x) => v.t("questions-ranking-row", { rank: x.rank, agency: x.agency.name, score: formatNumber(x.total, v.locale, 1) }));
  await replyRich(ctx, listAnswer(title, lines, v.t("summaries-no-reports")));
}

async function replyTrendPoints(ctx: BotContext, v: View, ind: Indicator, count: number, main: PeriodRow): Promise<void> {
  const points = await indicatorTrend(ctx.deps.db, main.templateId, ind, v.today, v.visibility, count);
  const lines = points.map((p) => `${periodLabel(p.period.periodKey, v.t)}: ${p.value === undefined ? v.t("questions-no-value") : formatValue(p.value, ind.type, v.locale, v.t)}`);
  await replyRich(ctx, listAnswer(v.t("questions-trend-title", { indicator: inLocale(ind.label, v.locale), count: points.length }), lines));
}

async function replyAgencyStatus(ctx: BotContext, v: View, agency: AgencyRow, period: PeriodRow): Promise<void> {
  const where = periodLabel(period.periodKey, v.t);
  const status = (await loadSubmissionStatuses(ctx.deps.db, period.id, [agency.id])).find((r) => r.agencyId === agency.id && r.reported);
  const when = status?.submittedAt ? formatVnDate(new Date(status.submittedAt).toISOString().slice(0, 10)) : "";
  const line = !status
    ? v.t("questions-status-missing", { agency: agency.name, period: where })
    : v.t(status.onTime === false ? "questions-status-late" : "questions-status-on-time", { agency: agency.name, period: where, date: when });
  const reporters = (await listPeopleWithRoles(ctx.deps.db, ["reporter"]))
    .filter((p) => p.memberships.some((m) => m.role === "reporter" && m.agencyId === agency.id))
    .map((p) => p.person.displayName);
  const who = reporters.length ? v.t("questions-reporters", { names: nameList(reporters, v.t) }) : v.t("questions-reporters-none");
  await replyRich(ctx, plainAnswer(`${line}\n${who}`));
}

async function replyDeadline(ctx: BotContext, v: View): Promise<void> {
  const open = await listOpenPeriods(ctx.deps.db);
  const next = open.find((p) => p.deadlineOn >= v.today) ?? open.at(-1);
  if (!next) return void (await ctx.reply(v.t("questions-deadline-none")));
  const days = Math.round((Date.parse(next.deadlineOn) - Date.parse(v.today)) / 86_400_000);
  const args = { period: periodLabel(next.periodKey, v.t), date: formatVnDate(next.deadlineOn), days: Math.abs(days) };
  await ctx.reply(v.t(days > 0 ? "questions-deadline" : days === 0 ? "questions-deadline-today" : "questions-deadline-passed", args));
}

/** The example questions nearest to what was asked, as buttons (`questions:ex:<n>`, re-read from the locale when pressed). */
export function exampleKeyboard(v: View, indexes: readonly number[]): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const i of indexes) kb.text(clip(v.t(`questions-example-${i + 1}`), 60), `questions:ex:${i + 1}`).row();
  return kb;
}
