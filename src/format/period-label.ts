/**
 * How people read periods and templates, in every message and button: "tháng 11/2026", "quý IV/2026",
 * "6 tháng đầu năm 2026", "năm 2026" (and the English forms), and a template's title in their language.
 * Codes ("2026-11", "it-plan") stay inside callback data, the database and the CLI.
 */
export type Tr = (key: string, args?: Record<string, string | number>) => string;

const ROMAN = ["", "I", "II", "III", "IV"] as const;

/** A period key as people say it; a key of no known shape (a one-off survey's own name) is shown as it is. */
export function periodLabel(key: string, t: Tr): string {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{2})$/.exec(key))) return t("period-month", { month: Number(m[2]), year: m[1]! });
  if ((m = /^(\d{4})-Q([1-4])$/.exec(key))) return t("period-quarter", { quarter: Number(m[2]), roman: ROMAN[Number(m[2])]!, year: m[1]! });
  if ((m = /^(\d{4})-H([12])$/.exec(key))) return t("period-half", { half: Number(m[2]), year: m[1]! });
  if ((m = /^(\d{4})-9M$/.exec(key))) return t("period-nine", { year: m[1]! });
  if ((m = /^(\d{4})$/.exec(key))) return t("period-year", { year: m[1]! });
  return key;
}

/** A template's title (or any text given in both languages) in the reader's language. */
export function inLocale(text: { vi: string; en: string }, locale: string): string {
  return locale === "en" ? text.en : text.vi;
}
