import { clip } from "../../bot/telegram-limits.ts";
import { periodLabel, inLocale } from "../../format/period-label.ts";
import { KindCatalogue } from "../agencies/agency-kinds.ts";
import { indicatorValue, type Indicator } from "./indicators.ts";
import type { AgencyPeriodLine, ComparisonRow } from "./leader-queries.ts";
import { formatChange, formatValue, kindLabel, type T } from "./number-format.ts";
import type { ScopedRanking } from "./ranking-scope.ts";
import { comparedAgencyName, rankingContext, rankingRow } from "./query-format.ts";
import { RichTextBuilder, type RichText } from "./rich-text.ts";
import type { AgencyRow, AnswerRow, PeriodRow } from "./summaries.repository.ts";

/** The short answers of /ranking, /compare and /agency (see digest-format.ts for /summary). */

/** Rows at the top and at the bottom of a ranking or comparison in its digest. */
export const DIGEST_ENDS = 3;

/** `/ranking`: the top and the bottom of the province, or, for a scoped viewer, their own places out of the whole province. */
export function formatRankingDigest(year: number, sr: ScopedRanking, t: T, locale: string): RichText {
  const b = new RichTextBuilder();
  b.bold(t("summaries-ranking-title", { year: String(year) })).line();
  if (sr.total === 0) return b.line(t("summaries-ranking-empty", { year: String(year) })).build();
  b.line(t("summaries-ranking-periods", { count: sr.ranking.periods.length }));
  const row = (r: ScopedRanking["rows"][number]) => b.line(clip(rankingRow(r, sr.total, t, locale), 160));
  if (!sr.all) {
    b.line(rankingContext(sr, t, locale));
    b.line();
    sr.rows.slice(0, 2 * DIGEST_ENDS).forEach(row);
    if (sr.rows.length > 2 * DIGEST_ENDS) b.line(t("summaries-more", { count: sr.rows.length - 2 * DIGEST_ENDS }));
    return b.build();
  }
  const { top, bottom } = ends(sr.rows);
  b.line();
  if (!bottom.length) {
    top.forEach(row);
    return b.build();
  }
  b.bold(t("summaries-ranking-top")).line();
  top.forEach(row);
  b.bold(t("summaries-ranking-bottom")).line();
  bottom.forEach(row);
  return b.build();
}

/** The first and last DIGEST_ENDS rows (all of them in `top` when there are few). */
function ends<R>(rows: readonly R[]): { top: R[]; bottom: R[] } {
  if (rows.length <= 2 * DIGEST_ENDS) return { top: [...rows], bottom: [] };
  return { top: rows.slice(0, DIGEST_ENDS), bottom: rows.slice(-DIGEST_ENDS) };
}

/** `/compare`: how many agencies have a value, the best and the worst few. */
export function formatComparisonDigest(period: PeriodRow, ind: Indicator, rows: readonly ComparisonRow[], locale: string, t: T, note?: string): RichText {
  const b = new RichTextBuilder();
  b.bold(clip(t("summaries-compare-title", { indicator: inLocale(ind.label, locale), period: periodLabel(period.periodKey, t) }), 200)).line();
  if (note) b.italic(clip(note, 200)).line();
  if (rows.length === 0) return b.line(t("summaries-no-data")).build();
  b.line(t("summaries-compare-count", { count: rows.length }));
  const line = (r: ComparisonRow) => b.line(clip(`${rows.indexOf(r) + 1}. ${comparedAgencyName(r, t, 80)}: ${formatValue(r.value, ind.type, locale, t)}`, 300));
  const { top, bottom } = ends(rows);
  if (!bottom.length) {
    top.forEach(line);
    return b.build();
  }
  b.bold(t("summaries-compare-top")).line();
  top.forEach(line);
  b.bold(t("summaries-compare-bottom")).line();
  bottom.forEach(line);
  return b.build();
}

/** `/agency`: whether and when it filed lately, its key indicators with the change, and what else it wrote. */
export function formatAgencyDigest(
  agency: AgencyRow,
  latest: { period: PeriodRow; answers: AnswerRow[] } | undefined,
  history: readonly AgencyPeriodLine[],
  keyIndicators: readonly Indicator[],
  locale: string,
  t: T,
  kinds: KindCatalogue = new KindCatalogue([]),
): RichText {
  const b = new RichTextBuilder();
  b.bold(clip(`${agency.name} (${agency.code})`, 200)).line();
  b.line(kindLabel(agency.kind, t, kinds, locale));
  if (history.length) {
    const count = (s: AgencyPeriodLine["status"]) => history.filter((h) => h.status === s).length;
    b.line(t("summaries-agency-digest-history", { count: history.length, onTime: count("on-time"), late: count("late"), missing: count("missing") }));
    const newest = history[0]!;
    b.line(t("summaries-agency-digest-newest", { period: periodLabel(newest.period.periodKey, t), status: t(`summaries-status-${newest.status}`).toLocaleLowerCase(locale === "en" ? "en" : "vi") }));
  }
  if (!latest) return b.line(t("summaries-agency-no-report")).build();
  const reported = history.filter((h) => h.status !== "missing");
  const [now, before] = [reported[0], reported[1]];
  const lines = keyIndicators.flatMap((ind) => {
    const v = now ? indicatorValue(ind, now.values) : undefined;
    if (v === undefined) return [];
    const prev = before ? indicatorValue(ind, before.values) : undefined;
    const change = formatChange(v, prev, ind.aggregate === "share" ? "share" : ind.type, locale, t);
    return [`• ${clip(inLocale(ind.label, locale), 60)}: ${formatValue(v, ind.aggregate === "share" ? "share" : ind.type, locale, t)}${change ? `, ${change}` : ""}`];
  });
  if (lines.length) {
    b.line();
    b.bold(before ? t("summaries-digest-headline-compared", { previous: periodLabel(before.period.periodKey, t) }) : t("summaries-digest-headline")).line();
    for (const l of lines.slice(0, 5)) b.line(l);
  }
  const texts = latest.period.definition.questions.filter((q) => q.aggregate === "list" && latest.answers.some((a) => a.key === q.key && typeof a.value === "string" && a.value.trim()));
  if (texts.length) {
    b.line();
    b.line(t("summaries-agency-digest-texts", { period: periodLabel(latest.period.periodKey, t), labels: texts.map((q) => clip(inLocale(q.label, locale), 40)).slice(0, 3).join(", ") }));
  }
  return b.build();
}

