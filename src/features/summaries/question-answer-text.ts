import { RichTextBuilder, type RichText } from "./rich-text.ts";
import { formatNumber, type T } from "./number-format.ts";
import type { QuestionLexicon } from "./question-lexicon.ts";
import type { QuestionQuery } from "./question-query.ts";
import { periodLabel } from "../../format/period-label.ts";
import { matchScore } from "./text-match.ts";
import { inLocale } from "../../format/period-label.ts";

/** How the answers to plain questions read (the answers no /command gives). Pure. */

/** Names listed in a one-line answer; the rest are counted. */
export const NAMES_IN_LINE = 10;

export function nameList(names: readonly string[], t: T): string {
  if (names.length <= NAMES_IN_LINE) return names.join(", ");
  return t("questions-names-more", { names: names.slice(0, NAMES_IN_LINE).join(", "), more: names.length - NAMES_IN_LINE });
}

export function periodWords(period: string, t: T): string {
  if (period === "latest" || period === "current" || period === "previous") return t(`questions-period-${period}`);
  return periodLabel(period, t);
}

/** The query in words, for "Tôi hiểu câu hỏi là: …". */
export function describeQuery(q: QuestionQuery, lex: QuestionLexicon, locale: string, t: T): string {
  const parts = [t(`questions-intent-${q.intent}`)];
  if (q.intent !== "deadline") parts.push(t("questions-part-period", { period: periodWords(q.period, t) }));
  if (q.indicator) {
    const l = lex.indicatorLabels.get(q.indicator);
    parts.push(t("questions-part-indicator", { indicator: l ? inLocale(l, locale) : q.indicator }));
  }
  if (q.agencies.length) parts.push(t("questions-part-agencies", { names: q.agencies.map((c) => lex.agencyNames.get(c) ?? c).join(", ") }));
  if (q.kind) parts.push(t("questions-part-kind", { kind: lex.kindNames.get(q.kind) ?? q.kind }));
  if (q.order) parts.push(t(`questions-order-${q.order}`));
  if (q.count !== null) parts.push(t("questions-part-count", { count: q.count }));
  if (q.format) parts.push(t("questions-part-format", { format: q.format.toUpperCase() }));
  return parts.join("; ");
}

/** How many example questions the locales hold (questions-example-1 … -N). */
export const EXAMPLE_COUNT = 14;

/** The two or three example questions nearest to what was asked (their indexes), best first. */
export function nearestExamples(text: string, t: T, howMany = 3): number[] {
  const scored = Array.from({ length: EXAMPLE_COUNT }, (_, i) => ({ i, s: matchScore(text, t(`questions-example-${i + 1}`)) }));
  scored.sort((a, b) => b.s - a.s || a.i - b.i);
  return scored.slice(0, howMany).map((x) => x.i);
}

/** A numbered list under a bold title. */
export function listAnswer(title: string, lines: readonly string[], emptyLine?: string): RichText {
  const b = new RichTextBuilder().bold(title).line();
  if (lines.length === 0 && emptyLine) b.line(emptyLine);
  for (const l of lines) b.line(l);
  return b.build();
}

export function plainAnswer(text: string): RichText {
  return { text, entities: [] };
}

export function percent(part: number, whole: number, locale: string): string {
  return whole > 0 ? formatNumber((100 * part) / whole, locale, 1) : "0";
}

/** Identical texts from several agencies become one line naming them all. */
export function groupTexts(items: readonly { agency: string; text: string }[]): { text: string; agencies: string[] }[] {
  const byText = new Map<string, { text: string; agencies: string[] }>();
  for (const it of items) {
    const key = it.text.trim().replace(/\s+/g, " ").toLowerCase();
    const g = byText.get(key) ?? { text: it.text.trim(), agencies: [] };
    g.agencies.push(it.agency);
    byText.set(key, g);
  }
  return [...byText.values()].sort((a, b) => b.agencies.length - a.agencies.length);
}
