import { clip } from "../../bot/telegram-limits.ts";
import { coverageLines } from "./coverage-text.ts";
import type { Question, TemplateDefinition } from "../templates/template-definition.ts";
import { formatChange, formatValue, kindLabel, withoutUnit, type T } from "./number-format.ts";
import { periodLabel, inLocale } from "../../format/period-label.ts";
import type { PeriodSummary, QualityFlag } from "./period-summary.ts";
import { RichTextBuilder, type RichText } from "./rich-text.ts";
import type { AgencyRow } from "./summaries.repository.ts";

const names = (xs: readonly AgencyRow[]) => xs.map((a) => a.name).join(", ");

/** The full `/summary` text ("Toàn văn"): completion, indicators by agency kind with the change, shares, free text, flags. */
export function formatSummary(s: PeriodSummary, locale: string, t: T, note?: string): RichText {
  const b = new RichTextBuilder();
  const def = s.period.definition;
  b.bold(t("summaries-summary-title", { period: periodLabel(s.period.periodKey, t) })).line();
  b.italic(inLocale(def.title, locale)).line();
  if (note) b.italic(note).line();
  for (const l of coverageLines(s.coverage, t)) b.italic(l).line();
  b.heading(t("summaries-completion-heading"));
  writeCompletion(b, s, locale, t);
  writeIndicators(b, s, locale, t);
  for (const tx of s.texts) {
    if (tx.items.length === 0) continue;
    b.heading(`${inLocale(tx.question.label, locale)} (${tx.items.length})`);
    writeTextItems(b, tx.items, t);
  }
  b.heading(t("summaries-flags-heading"));
  writeFlags(b, s, locale, t, FLAGS_IN_CHAT);
  return b.build();
}

/** Completion overall and per kind, then who has not filed and who filed late. */
export function writeCompletion(b: RichTextBuilder, s: PeriodSummary, locale: string, t: T): void {
  const total = s.completion.find((c) => c.kind === null)!;
  b.line(t("summaries-completion-line", { reported: total.onTime + total.late, required: total.required, onTime: total.onTime, late: total.late, missing: total.missing }));
  for (const c of s.completion.filter((c) => c.kind !== null))
    b.line(`• ${kindLabel(c.kind, t, s.kinds, locale)}: ${t("summaries-completion-kind", { reported: c.onTime + c.late, required: c.required, late: c.late, missing: c.missing })}`);
  if (s.missing.length) b.plain(`${t("summaries-missing-named")} `).line(names(s.missing));
  if (s.late.length) b.plain(`${t("summaries-late-named")} `).line(names(s.late));
}

/** Every indicator and share with its change and its figures per kind, then the counts of choices. */
export function writeIndicators(b: RichTextBuilder, s: PeriodSummary, locale: string, t: T): void {
  if (s.indicators.length || s.derived.length) {
    b.heading(s.previous ? t("summaries-indicators-heading-compared", { previous: periodLabel(s.previous.periodKey, t) }) : t("summaries-indicators-heading"));
    for (const ind of s.indicators) {
      const type = ind.question.type;
      const qLabel = inLocale(ind.question.label, locale);
      b.bold(qLabel).line();
      const what = t(`summaries-aggregate-${ind.aggregate}`);
      if (ind.figure.total === undefined) {
        b.line(`  ${t("summaries-no-data")}`);
        continue;
      }
      const main =
        ind.aggregate === "minmax"
          ? t("summaries-range", { min: formatValue(ind.min!, type, locale, t, qLabel), max: formatValue(ind.max!, type, locale, t, qLabel) })
          : formatValue(ind.figure.total, type, locale, t, qLabel);
      const change = formatChange(ind.figure.total, ind.figure.previousTotal, type, locale, t);
      b.line(`  ${what}: ${main}${change ? `, ${change}` : ""}`);
      const parts = ind.figure.byKind.map((k) => `${kindLabel(k.kind, t, s.kinds, locale)} ${formatValue(k.value, type, locale, t, qLabel)}`);
      if (parts.length > 1) b.line(`  ${parts.join(" · ")}`);
    }
    for (const d of s.derived) {
      b.bold(inLocale(d.label, locale)).line();
      if (d.figure.total === undefined) {
        b.line(`  ${t("summaries-no-data")}`);
        continue;
      }
      const change = formatChange(d.figure.total, d.figure.previousTotal, "share", locale, t);
      b.line(`  ${formatValue(d.figure.total, "share", locale, t)}${change ? `, ${change}` : ""}`);
      const parts = d.figure.byKind.map((k) => `${kindLabel(k.kind, t, s.kinds, locale)} ${formatValue(k.value, "share", locale, t)}`);
      if (parts.length > 1) b.line(`  ${parts.join(" · ")}`);
    }
  }
  for (const c of s.choices) {
    b.heading(inLocale(c.question.label, locale));
    for (const opt of c.counts) b.line(`• ${choiceLabel(c.question, opt.choice, locale)}: ${opt.total}`);
  }
}

/** Free-text answers, identical ones (up to spacing, case and a final full stop) grouped under one line. */
export function writeTextItems(b: RichTextBuilder, items: readonly { agency: AgencyRow; text: string }[], t: T): void {
  for (const g of groupIdenticalTexts(items)) {
    if (g.agencies.length === 1) b.plain("• ").bold(g.agencies[0]!.name).plain(": ").line(oneLine(g.text));
    else b.plain("• ").bold(t("summaries-group-agencies", { count: g.agencies.length, names: names(g.agencies) })).plain(": ").line(oneLine(g.text));
  }
}

export function groupIdenticalTexts(items: readonly { agency: AgencyRow; text: string }[]): { text: string; agencies: AgencyRow[] }[] {
  const groups = new Map<string, { text: string; agencies: AgencyRow[] }>();
  for (const item of items) {
    const key = item.text.replace(/\s+/g, " ").trim().replace(/[.。;]+$/, "").toLocaleLowerCase("vi");
    const g = groups.get(key);
    if (g) g.agencies.push(item.agency);
    else groups.set(key, { text: item.text, agencies: [item.agency] });
  }
  return [...groups.values()];
}

/** The first `limit` data-quality flags, and a line on where the rest are. */
export function writeFlags(b: RichTextBuilder, s: PeriodSummary, locale: string, t: T, limit: number): void {
  if (s.flags.length === 0) b.line(t("summaries-flags-none"));
  for (const f of s.flags.slice(0, limit)) b.plain("⚠ ").bold(f.agency.name).plain(": ").line(flagText(f, s.period.definition, locale, t));
  if (s.flags.length > limit) b.italic(t("summaries-flags-more", { count: s.flags.length - limit })).line();
}

/** Flags listed in the chat reply; all of them are on their own sheet of the XLSX export. */
export const FLAGS_IN_CHAT = 20;

/** One data-quality flag in a sentence (without the agency's name). */
export function flagText(f: QualityFlag, def: TemplateDefinition, locale: string, t: T): string {
  const keyLabel = (key: string) => {
    const q = def.questions.find((x) => x.key === key);
    const d = def.derived.find((x) => x.key === key);
    return q ? inLocale(q.label, locale) : d ? inLocale(d.label, locale) : key;
  };
  const typeOf = (key: string) => def.questions.find((x) => x.key === key)?.type ?? "integer";
  // The value carries the unit, so the label goes without its "(đồng)": no "(đồng) (2.000.000.000 đồng)".
  const value = (key: string, v: number) => formatValue(v, typeOf(key), locale, t, keyLabel(key));
  if (f.type === "contradiction") {
    const d = def.derived.find((x) => x.key === f.key);
    return t("summaries-flag-contradiction", {
      share: withoutUnit(keyLabel(f.key)),
      numerator: withoutUnit(keyLabel(d?.numerator ?? "")),
      numeratorValue: value(d?.numerator ?? "", f.numerator),
      denominator: withoutUnit(keyLabel(d?.denominator ?? "")),
      denominatorValue: value(d?.denominator ?? "", f.denominator),
    });
  }
  return t("summaries-flag-outlier", {
    indicator: withoutUnit(keyLabel(f.key)),
    value: value(f.key, f.value),
    median: value(f.key, f.median),
  });
}

/** The "who has not reported" answer. */
export function formatMissing(s: PeriodSummary, t: T): RichText {
  const b = new RichTextBuilder();
  const total = s.completion.find((c) => c.kind === null)!;
  b.bold(t("summaries-missing-title", { period: periodLabel(s.period.periodKey, t) })).line();
  b.line(t("summaries-completion-line", { reported: total.onTime + total.late, required: total.required, onTime: total.onTime, late: total.late, missing: total.missing }));
  if (s.missing.length === 0) return b.line(t("summaries-missing-none")).build();
  for (const a of s.missing) b.line(`• ${a.name} (${a.code})`);
  return b.build();
}

export function choiceLabel(q: Question, value: string, locale: string): string {
  const c = q.choices?.find((x) => x.value === value);
  return c ? inLocale(c.label, locale) : value;
}

/** Long answers become one line each in the list; the full text stays in the exports. */
function oneLine(text: string): string {
  return clip(text.replace(/\s+/g, " ").trim(), 600);
}
