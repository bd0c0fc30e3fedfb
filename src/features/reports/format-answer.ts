import { formatVnDate } from "../../time/calendar-date.ts";
import type { Question } from "../templates/template-definition.ts";
import { isAttachment, type AnswerValue } from "./answer-value.ts";
import type { NumberFormatter } from "./parse-answer.ts";

/** Words the formatter needs in the person's language (from the locale files). */
export interface AnswerWords {
  yes: string;
  no: string;
  skipped: string;
  photo: string;
  file: string;
}

const formatters = new Map<string, NumberFormatter>();

/** Numbers and money in the person's language; cached, since building an Intl formatter is costly. */
export function numberFormatter(locale: string): NumberFormatter {
  const vi = locale !== "en";
  const key = vi ? "vi" : "en";
  let f = formatters.get(key);
  if (!f) {
    const nf = new Intl.NumberFormat(vi ? "vi-VN" : "en-US", { maximumFractionDigits: 2 });
    f = { number: (n) => nf.format(n), money: (n) => (vi ? `${nf.format(n)} đồng` : `${nf.format(n)} VND`) };
    formatters.set(key, f);
  }
  return f;
}

/** One answer as text for the review screen and history; user text is returned as is (sent as plain text). */
export function formatAnswer(q: Question, v: AnswerValue | undefined, locale: string, words: AnswerWords): string {
  if (v === undefined || v === null) return words.skipped;
  const fmt = numberFormatter(locale);
  const lang = locale === "en" ? "en" : "vi";
  const choiceLabel = (value: string) => q.choices?.find((c) => c.value === value)?.label[lang] ?? value;
  switch (q.type) {
    case "money":
      return typeof v === "number" ? fmt.money(v) : String(v);
    case "percent":
      return typeof v === "number" ? `${fmt.number(v)}%` : String(v);
    case "integer":
    case "decimal":
      return typeof v === "number" ? fmt.number(v) : String(v);
    case "yes-no":
      return v === true ? words.yes : words.no;
    case "single-choice":
      return choiceLabel(String(v));
    case "multi-choice":
      return Array.isArray(v) ? v.map(choiceLabel).join(", ") : String(v);
    case "date":
      return typeof v === "string" ? formatVnDate(v) : String(v);
    case "attachment":
      return isAttachment(v) ? `${v.kind === "photo" ? words.photo : words.file}${v.fileName ? `: ${v.fileName}` : ""}` : String(v);
    default:
      return String(v);
  }
}

