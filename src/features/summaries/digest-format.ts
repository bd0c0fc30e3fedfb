import { coverageLines } from "./coverage-text.ts";
import { clip } from "../../bot/telegram-limits.ts";
import { periodLabel, inLocale } from "../../format/period-label.ts";
import type { TemplateDefinition } from "../templates/template-definition.ts";
import { formatChange, formatPercentOf, formatValue, type T } from "./number-format.ts";
import type { PeriodSummary } from "./period-summary.ts";
import { RichTextBuilder, type RichText } from "./rich-text.ts";
import type { AgencyRow } from "./summaries.repository.ts";
import { writeCompletion, writeFlags, writeIndicators, writeTextItems } from "./summary-format.ts";

/**
 * The short answers leaders read first on a phone: one screen (at most DIGEST_MAX_CHARS characters and about
 * 15–20 lines) by construction, every list cut to a few names and every label clipped. The parts behind the
 * buttons (summary-format.ts) and the exports carry everything else.
 */
export const DIGEST_MAX_CHARS = 1500;
/** Names listed in a digest line; beyond, the count and the button. */
export const DIGEST_NAMES = 5;
/** Headline indicators in a digest. */
export const DIGEST_HEADLINES = 5;

const LABEL_CHARS = 60;
const NAME_CHARS = 60;

/** "A, B, C" when there are at most DIGEST_NAMES, else undefined (the button lists them). */
export function fewNames(agencies: readonly AgencyRow[]): string | undefined {
  if (agencies.length === 0 || agencies.length > DIGEST_NAMES) return undefined;
  return agencies.map((a) => clip(a.name, NAME_CHARS)).join(", ");
}

/** The indicators a digest leads with: those the ranking weighs, then the others, in template order. */
export function headlineKeys(def: TemplateDefinition, available: ReadonlySet<string>): string[] {
  const ranked = def.ranking.indicators.map((i) => i.key).filter((k) => available.has(k));
  const rest = [...def.derived.map((d) => d.key), ...def.questions.map((q) => q.key)].filter((k) => available.has(k) && !ranked.includes(k));
  return [...ranked, ...rest].slice(0, DIGEST_HEADLINES);
}

/** `/summary`'s short answer: completion, who is late or missing, the headline indicators, counts of the rest. */
export function formatSummaryDigest(s: PeriodSummary, locale: string, t: T, note?: string): RichText {
  const b = new RichTextBuilder();
  b.bold(t("summaries-digest-title", { period: periodLabel(s.period.periodKey, t) })).line();
  b.italic(clip(inLocale(s.period.definition.title, locale), LABEL_CHARS)).line();
  if (note) b.italic(clip(note, 200)).line();
  for (const l of coverageLines(s.coverage, t)) b.italic(clip(l, 300)).line();
  const total = s.completion.find((c) => c.kind === null)!;
  const reported = total.onTime + total.late;
  b.line(t("summaries-digest-completion", {
    reported, required: total.required, share: formatPercentOf(reported, total.required, locale), onTime: total.onTime, late: total.late, missing: total.missing,
  }));
  const missing = fewNames(s.missing);
  if (missing) b.line(t("summaries-digest-missing", { names: missing }));
  const late = fewNames(s.late);
  if (late) b.line(t("summaries-digest-late", { names: late }));

  const lines = headlineLines(s, locale, t);
  if (lines.length) {
    b.line();
    b.bold(s.previous ? t("summaries-digest-headline-compared", { previous: periodLabel(s.previous.periodKey, t) }) : t("summaries-digest-headline")).line();
    for (const l of lines) b.line(`• ${l}`);
  }
  const counts = s.texts.filter((x) => x.items.length > 0).slice(0, 3);
  b.line();
  for (const tx of counts) b.line(t("summaries-digest-text-count", { label: clip(inLocale(tx.question.label, locale), LABEL_CHARS), count: tx.items.length }));
  b.line(s.flags.length ? t("summaries-digest-flags", { count: s.flags.length }) : t("summaries-flags-none"));
  return b.build();
}

function headlineLines(s: PeriodSummary, locale: string, t: T): string[] {
  const withData = new Map<string, string>();
  for (const ind of s.indicators) {
    if (ind.figure.total === undefined || ind.aggregate === "minmax") continue;
    const type = ind.question.type;
    const change = formatChange(ind.figure.total, ind.figure.previousTotal, type, locale, t);
    withData.set(ind.key, `${clip(inLocale(ind.question.label, locale), LABEL_CHARS)}: ${formatValue(ind.figure.total, type, locale, t)}${change ? `, ${change}` : ""}`);
  }
  for (const d of s.derived) {
    if (d.figure.total === undefined) continue;
    const change = formatChange(d.figure.total, d.figure.previousTotal, "share", locale, t);
    withData.set(d.key, `${clip(inLocale(d.label, locale), LABEL_CHARS)}: ${formatValue(d.figure.total, "share", locale, t)}${change ? `, ${change}` : ""}`);
  }
  return headlineKeys(s.period.definition, new Set(withData.keys())).map((k) => withData.get(k)!);
}

/** The part behind the "Chỉ tiêu" button: every indicator and share, then the choices. */
export function formatIndicatorsPart(s: PeriodSummary, locale: string, t: T): RichText {
  const b = new RichTextBuilder();
  b.bold(t("summaries-digest-title", { period: periodLabel(s.period.periodKey, t) })).line();
  writeIndicators(b, s, locale, t);
  return b.build();
}

/** The part behind a free-text button ("Khó khăn (9)"): the answers, identical ones grouped. */
export function formatTextPart(s: PeriodSummary, question: number, locale: string, t: T): RichText | undefined {
  const tx = s.texts[question];
  if (!tx) return undefined;
  const b = new RichTextBuilder();
  b.bold(`${inLocale(tx.question.label, locale)}, ${periodLabel(s.period.periodKey, t)} (${tx.items.length})`).line();
  if (tx.items.length === 0) b.line(t("summaries-docx-none"));
  writeTextItems(b, tx.items, t);
  return b.build();
}

/** The part behind "Cảnh báo (n)": every data-quality flag. */
export function formatFlagsPart(s: PeriodSummary, locale: string, t: T): RichText {
  const b = new RichTextBuilder();
  b.bold(`${t("summaries-flags-heading")}, ${periodLabel(s.period.periodKey, t)} (${s.flags.length})`).line();
  writeFlags(b, s, locale, t, Number.POSITIVE_INFINITY);
  return b.build();
}

/** The part behind "Chưa nộp (n)": completion per kind, then every missing and late agency with its code. */
export function formatMissingPart(s: PeriodSummary, locale: string, t: T): RichText {
  const b = new RichTextBuilder();
  b.bold(t("summaries-missing-title", { period: periodLabel(s.period.periodKey, t) })).line();
  const only = { ...s, missing: [], late: [] };
  writeCompletion(b, only, locale, t);
  if (s.missing.length) {
    b.heading(`${t("summaries-status-missing")} (${s.missing.length})`);
    for (const a of s.missing) b.line(`• ${a.name} (${a.code})`);
  }
  if (s.late.length) {
    b.heading(`${t("summaries-status-late")} (${s.late.length})`);
    for (const a of s.late) b.line(`• ${a.name} (${a.code})`);
  }
  return b.build();
}

/** A button label for a free-text question: the label's first clause ("Khó khăn, vướng mắc" → "Khó khăn"). */
export function shortQuestionLabel(text: string): string {
  return clip(text.split(/[,(;:]/)[0]!.trim() || text, 24);
}
