import { clip } from "../../bot/telegram-limits.ts";
import { KindCatalogue } from "../agencies/agency-kinds.ts";
import { answerText } from "./answer-text.ts";
import { indicatorValue, type Indicator } from "./indicators.ts";
import type { AgencyPeriodLine, ComparisonRow, TrendPoint } from "./leader-queries.ts";
import { formatNumber, formatValue, kindLabel, type T } from "./number-format.ts";
import { periodLabel, inLocale } from "../../format/period-label.ts";
import type { ScopedRanking } from "./ranking-scope.ts";
import { RichTextBuilder, type RichText } from "./rich-text.ts";
import type { AgencyRow, AnswerRow, PeriodRow } from "./summaries.repository.ts";

const LIST_LIMIT = 60;

/** `/compare`: agencies ranked on one indicator, with the province figure. */
export function formatComparison(period: PeriodRow, ind: Indicator, rows: readonly ComparisonRow[], locale: string, t: T, note?: string): RichText {
  const b = new RichTextBuilder();
  b.bold(t("summaries-compare-title", { indicator: inLocale(ind.label, locale), period: periodLabel(period.periodKey, t) })).line();
  if (note) b.italic(note).line();
  if (rows.length === 0) return b.line(t("summaries-no-data")).build();
  b.line(t("summaries-compare-count", { count: rows.length }));
  rows
    .slice(0, LIST_LIMIT)
    .forEach((r, i) =>
      b.line(
        `${i + 1}. ${comparedAgencyName(r, t)} — ${formatValue(r.value, ind.type, locale, t)}`,
      ),
    );
  if (rows.length > LIST_LIMIT) b.line(t("summaries-more", { count: rows.length - LIST_LIMIT }));
  return b.build();
}

/** A compared agency's name, with the merged agencies whose figures it carries ("gồm số liệu của …"). */
export function comparedAgencyName(r: ComparisonRow, t: T, maxName = Infinity): string {
  const name = maxName === Infinity ? r.agency.name : clip(r.agency.name, maxName);
  return r.carries.length ? `${name} (${t("summaries-includes-history", { agencies: r.carries.map((c) => c.name).join(", ") })})` : name;
}

/** `/trend`: the values behind the chart, oldest first. */
export function formatTrend(
  ind: Indicator,
  points: readonly TrendPoint[],
  locale: string,
  t: T,
  merged: readonly { successor: string; predecessors: string[] }[] = [],
): RichText {
  const b = new RichTextBuilder();
  b.bold(t("summaries-trend-title", { indicator: inLocale(ind.label, locale), count: points.length })).line();
  b.italic(t(`summaries-trend-basis-${ind.aggregate}`)).line();
  for (const m of merged) b.line(`${m.successor}: ${t("summaries-includes-history", { agencies: m.predecessors.join(", ") })}`);
  for (const p of points) b.line(`${periodLabel(p.period.periodKey, t)}: ${p.value === undefined ? t("summaries-no-data") : formatValue(p.value, ind.type, locale, t)}`);
  return b.build();
}

/** `/ranking` in full ("Toàn văn"): the rows the viewer may see with their province-wide rank, and how scores are made. */
export function formatRanking(year: number, sr: ScopedRanking, indicatorLabel: (key: string) => string, t: T, locale: string): RichText {
  const b = new RichTextBuilder();
  const r = sr.ranking;
  b.bold(t("summaries-ranking-title", { year: String(year) })).line();
  if (r.rows.length === 0) return b.line(t("summaries-ranking-empty", { year: String(year) })).build();
  b.line(t("summaries-ranking-periods", { count: r.periods.length }));
  if (!sr.all) b.line(rankingContext(sr, t, locale));
  sr.rows.slice(0, LIST_LIMIT).forEach((row) => b.line(rankingRow(row, sr.total, t, locale)));
  if (sr.rows.length > LIST_LIMIT) b.line(t("summaries-more", { count: sr.rows.length - LIST_LIMIT }));
  b.heading(t("summaries-ranking-how"));
  const weights = r.rule.timelinessWeight + r.rule.indicators.reduce((s, i) => s + i.weight, 0);
  b.line(`• ${t("summaries-ranking-how-timeliness", { weight: r.rule.timelinessWeight, share: formatNumber((100 * r.rule.timelinessWeight) / (weights || 1), locale, 0) })}`);
  for (const i of r.rule.indicators)
    b.line(`• ${t(i.direction === "lower" ? "summaries-ranking-how-indicator-lower" : "summaries-ranking-how-indicator", { indicator: indicatorLabel(i.key), weight: i.weight, share: formatNumber((100 * i.weight) / (weights || 1), locale, 0) })}`);
  b.line(t("summaries-ranking-how-total"));
  return b.build();
}

/** "12/30. Sở Y tế: 61,2 điểm (đúng hạn 75%)": the rank is always out of the whole province. */
export function rankingRow(row: ScopedRanking["rows"][number], total: number, t: T, locale: string): string {
  const agency = row.carries.length ? `${row.agency.name} (${t("summaries-includes-history", { agencies: row.carries.map((a) => a.name).join(", ") })})` : row.agency.name;
  return t("summaries-ranking-row", {
    rank: row.rank, total, agency, score: formatNumber(row.total, locale, 1), timeliness: formatNumber(row.timeliness, locale, 0),
  });
}

/** For a scoped viewer: how the province as a whole scored, so their place reads against it. */
export function rankingContext(sr: ScopedRanking, t: T, locale: string): string {
  return t("summaries-ranking-context", {
    total: sr.total, top: formatNumber(sr.topScore ?? 0, locale, 1), median: formatNumber(sr.medianScore ?? 0, locale, 1),
  });
}

const STATUS_MARK = { "on-time": "✅", late: "⏰", missing: "❌" } as const;

/** `/agency`: the latest report in full, then timeliness and key indicators over recent periods. */
export function formatAgencyReport(
  agency: AgencyRow,
  parent: AgencyRow | undefined,
  latest: { period: PeriodRow; answers: AnswerRow[] } | undefined,
  history: readonly AgencyPeriodLine[],
  keyIndicators: readonly Indicator[],
  locale: string,
  t: T,
  kinds: KindCatalogue = new KindCatalogue([]),
): RichText {
  const b = new RichTextBuilder();
  b.bold(`${agency.name} (${agency.code})`).line();
  b.line(`${kindLabel(agency.kind, t, kinds, locale)}${parent ? ` · ${t("summaries-agency-parent", { parent: parent.name })}` : ""}`);
  if (!latest) b.heading(t("summaries-agency-no-report"));
  else {
    b.heading(t("summaries-agency-latest", { period: periodLabel(latest.period.periodKey, t) }));
    const byKey = new Map(latest.answers.map((a) => [a.key, a.value]));
    for (const q of latest.period.definition.questions) {
      const text = answerText(q, byKey.get(q.key), locale, t);
      if (!text) continue;
      b.plain("• ").bold(inLocale(q.label, locale)).plain(": ").line(text.replace(/\s+/g, " "));
    }
  }
  if (history.length) {
    b.heading(t("summaries-agency-history", { count: history.length }));
    for (const h of history) {
      const values = keyIndicators
        .map((ind) => {
          const v = indicatorValue(ind, h.values);
          return v === undefined ? undefined : `${inLocale(ind.label, locale)}: ${formatValue(v, ind.type, locale, t)}`;
        })
        .filter(Boolean);
      b.plain(`${STATUS_MARK[h.status]} `).bold(periodLabel(h.period.periodKey, t)).line(` — ${t(`summaries-status-${h.status}`)}`);
      // One indicator a line: five chained on one line do not read on a phone.
      for (const value of values) b.line(`   • ${value}`);
    }
  }
  return b.build();
}

/** What can be asked, for a question the router did not understand. */
export function formatHelp(t: T): RichText {
  const b = new RichTextBuilder();
  b.bold(t("summaries-help-title")).line();
  b.line(t("summaries-help-body"));
  return b.build();
}
