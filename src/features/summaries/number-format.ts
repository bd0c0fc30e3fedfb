import type { KindCatalogue } from "../agencies/agency-kinds.ts";
import type { Question } from "../templates/template-definition.ts";

export type T = (key: string, args?: Record<string, string | number>) => string;

const intl = (locale: string) => (locale === "en" ? "en-US" : "vi-VN");

/** Formatters are costly to build (a summary formats thousands of numbers), so one is kept per locale and precision. */
const formatters = new Map<string, Intl.NumberFormat>();

export function formatNumber(value: number, locale: string, maxDigits = 1): string {
  const key = `${intl(locale)}|${maxDigits}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.NumberFormat(intl(locale), { maximumFractionDigits: maxDigits })));
  return f.format(value);
}

/** Money in VND, shortened to billions or millions as people say it ("12,5 tỷ đồng"). */
export function formatMoney(value: number, locale: string, t: T): string {
  const abs = Math.abs(value);
  if (abs >= 1e9) return t("summaries-money-billion", { value: formatNumber(value / 1e9, locale, 2) });
  if (abs >= 1e6) return t("summaries-money-million", { value: formatNumber(value / 1e6, locale, 1) });
  return t("summaries-money-dong", { value: formatNumber(value, locale, 0) });
}

/**
 * A value as its question's type asks: money shortened ("12,5 tỷ đồng"), or in the unit its label names
 * ("Kinh phí … (đồng)": "2.000.000.000 đồng"; "(triệu đồng)": "2.000 triệu đồng"), percent with "%", counts plain.
 */
export function formatValue(value: number, type: Question["type"] | "share", locale: string, t: T, label?: string): string {
  if (type === "money") {
    const unit = label ? moneyUnitOf(label) : undefined;
    return unit ? t(unit.key, { value: formatNumber(value / unit.factor, locale, unit.factor === 1 ? 0 : 2) }) : formatMoney(value, locale, t);
  }
  if (type === "percent" || type === "share") return `${formatNumber(value, locale, 1)}%`;
  return formatNumber(value, locale, type === "decimal" ? 2 : 1);
}

const MONEY_UNITS = [
  { re: /\((?:tỷ đồng|billion VND)\)\s*$/iu, factor: 1e9, key: "summaries-money-billion" },
  { re: /\((?:triệu đồng|million VND)\)\s*$/iu, factor: 1e6, key: "summaries-money-million" },
  { re: /\((?:nghìn đồng|ngàn đồng|thousand VND)\)\s*$/iu, factor: 1e3, key: "summaries-money-thousand" },
  { re: /\((?:đồng|VND)\)\s*$/iu, factor: 1, key: "summaries-money-dong" },
] as const;

/** The unit a money question's label ends with ("(đồng)", "(triệu đồng)"), if any. */
export function moneyUnitOf(label: string): { factor: number; key: string } | undefined {
  return MONEY_UNITS.find((u) => u.re.test(label));
}

/** A label without its closing unit in brackets, for a sentence whose value already says the unit. */
export function withoutUnit(label: string): string {
  return label.replace(/\s*\((?:tỷ đồng|triệu đồng|nghìn đồng|ngàn đồng|đồng|VND|billion VND|million VND|thousand VND|%)\)\s*$/iu, "");
}

/**
 * The change against the previous period in words: "tăng 12 (+8,5%)", "giảm 3 điểm phần trăm", "không đổi";
 * empty when there is nothing to compare. Words, not bare arrows: a leader reads it aloud.
 */
export function formatChange(
  current: number | undefined,
  previous: number | undefined,
  type: Question["type"] | "share",
  locale: string,
  t: T,
): string {
  if (current === undefined || previous === undefined) return "";
  const diff = current - previous;
  if (Math.abs(diff) < 1e-9) return t("summaries-change-same");
  const key = diff > 0 ? "summaries-change-up" : "summaries-change-down";
  // Shares and percentages change by percentage points; other figures also show the relative change.
  if (type === "percent" || type === "share") return t(key, { value: `${formatNumber(Math.abs(diff), locale, 1)} ${t("summaries-points")}` });
  const abs = type === "money" ? formatMoney(Math.abs(diff), locale, t) : formatNumber(Math.abs(diff), locale, 1);
  const relative = previous !== 0 ? Math.abs((100 * diff) / previous) : 0;
  // A relative change that rounds to 0 ("+0%") says nothing: left out.
  const rel = relative >= 0.05 ? ` (${diff > 0 ? "+" : "−"}${formatNumber(relative, locale, 1)}%)` : "";
  return t(key, { value: `${abs}${rel}` });
}

/** A share of a whole as a whole percent ("67%"); empty wholes read 0%. */
export function formatPercentOf(part: number, whole: number, locale: string): string {
  return `${formatNumber(whole > 0 ? (100 * part) / whole : 0, locale, 0)}%`;
}

/** An agency kind as the province names it (see KindCatalogue); null is all of them. */
export function kindLabel(kind: string | null, t: T, kinds: KindCatalogue, locale: string): string {
  return kind === null ? t("summaries-kind-all") : kinds.label(kind, locale, (key) => t(key));
}
