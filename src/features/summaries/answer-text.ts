import { formatVnDate } from "../../time/calendar-date.ts";
import type { Question } from "../templates/template-definition.ts";
import { formatValue, type T } from "./number-format.ts";
import { choiceLabel } from "./summary-format.ts";

/**
 * An official answer as people read it. Shapes follow src/features/reports/answer-value.ts:
 * numbers, booleans for yes-no, choice values, arrays for multi-choice, "YYYY-MM-DD" dates,
 * strings, { kind, fileId, fileName? } attachments, null when skipped.
 */
export function answerText(q: Question, value: unknown, locale: string, t: T): string {
  if (value === null || value === undefined) return "";
  switch (q.type) {
    case "integer":
    case "decimal":
    case "percent":
    case "money":
      return typeof value === "number" ? formatValue(value, q.type, locale, t, locale === "en" ? q.label.en : q.label.vi) : String(value);
    case "yes-no":
      return value === true || value === "yes" ? t("summaries-yes") : t("summaries-no");
    case "single-choice":
      return choiceLabel(q, String(value), locale);
    case "multi-choice":
      return (Array.isArray(value) ? value : [value]).map((v) => choiceLabel(q, String(v), locale)).join("; ");
    case "date":
      return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatVnDate(value) : String(value);
    case "attachment": {
      const a = value as { fileName?: string; kind?: string };
      return a.fileName ?? t("summaries-attachment");
    }
    default:
      return typeof value === "string" ? value : JSON.stringify(value);
  }
}
