import { z } from "zod";
import type { PeriodRef } from "./period-ref.ts";

/**
 * One question, understood: what is asked (`intent`) and about what. The parser (question-parse.ts) and the
 * optional language model (question-llm.ts) both produce it; question-replies.ts runs it under the asker's scope.
 */
export const QUESTION_INTENTS = [
  "summary", // the period's summary
  "missing", // who has not filed
  "late", // who filed late
  "count-missing", // how many have not filed
  "count-late", // how many filed late
  "count-filed", // how many have filed
  "share-filed", // what share has filed
  "share-on-time", // what share filed on time
  "value", // one indicator's value (province, a kind of agency, or named agencies)
  "compare", // two or more named agencies side by side
  "top", // the first N agencies by an indicator, in the order asked
  "ranking", // the annual ranking (all, or its first / last N)
  "trend", // one indicator over N periods
  "chart", // the completion chart
  "warnings", // data-quality warnings
  "difficulties", // difficulties reported
  "proposals", // proposals reported
  "agency", // one agency's report
  "agency-status", // whether one agency has filed, and who reports for it
  "deadline", // when the current period is due
  "export", // a file in a named format
] as const;
export type QuestionIntent = (typeof QUESTION_INTENTS)[number];

/** "latest" (newest with reports), "current" (kỳ này), "previous" (kỳ trước), or a period key. */
export const PERIOD_TEXT = /^(latest|current|previous|\d{4}(-(0[1-9]|1[0-2]|Q[1-4]|H[12]|9M))?)$/;

export const questionQuerySchema = z.strictObject({
  intent: z.enum(QUESTION_INTENTS),
  period: z.string().regex(PERIOD_TEXT),
  /** Agency codes, as in the agency list. */
  agencies: z.array(z.string().min(1).max(64)).max(10),
  /** An agency kind code (department, commune, …) the question is limited to. */
  kind: z.string().min(1).max(32).nullable(),
  /** An indicator key of the template. */
  indicator: z.string().min(1).max(64).nullable(),
  order: z.enum(["highest", "lowest"]).nullable(),
  count: z.number().int().min(1).max(36).nullable(),
  format: z.enum(["xlsx", "csv", "docx"]).nullable(),
});
export type QuestionQuery = z.infer<typeof questionQuerySchema>;

/** A query with every optional part empty, for the intent given. */
export function blankQuery(intent: QuestionIntent, period = "latest"): QuestionQuery {
  return { intent, period, agencies: [], kind: null, indicator: null, order: null, count: null, format: null };
}

export function periodText(ref: PeriodRef): string {
  return ref.kind === "key" ? ref.key : ref.kind;
}

export function periodRefOf(text: string): PeriodRef {
  if (text === "latest" || text === "current" || text === "previous") return { kind: text };
  if (/^\d{4}$/.test(text)) return { kind: "key", cadence: "annual", key: text };
  if (/-Q[1-4]$/.test(text)) return { kind: "key", cadence: "quarterly", key: text };
  if (/-H[12]$/.test(text)) return { kind: "key", cadence: "six-month", key: text };
  if (/-9M$/.test(text)) return { kind: "key", cadence: "nine-month", key: text };
  return { kind: "key", cadence: "monthly", key: text };
}
