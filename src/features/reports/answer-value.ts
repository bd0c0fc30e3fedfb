/**
 * What an answer looks like in draft_answers.value and answers.value (jsonb), by question type.
 * Summaries read these shapes, so they are a contract:
 * - integer, decimal, percent, money: number (money in whole đồng); also mirrored in numValue;
 * - yes-no: boolean (numValue 1 or 0);
 * - single-choice: the choice's value; multi-choice: the chosen values, in template order;
 * - date: "YYYY-MM-DD"; short-text, long-text: string;
 * - attachment: { kind: "document" | "photo", fileId, fileName? };
 * - an optional question the person skipped: null.
 */
export interface AttachmentValue {
  kind: "document" | "photo";
  fileId: string;
  fileName?: string;
}

export type AnswerValue = number | boolean | string | string[] | AttachmentValue | null;

/** Answers of one report by question key; a missing key means "not answered yet". */
export type AnswerMap = Record<string, AnswerValue>;

/** What the person sent, reduced to what parsing needs (no grammY types). */
export type AnswerInput =
  | { kind: "text"; text: string }
  | { kind: "attachment"; attachment: AttachmentValue }
  /** A button: a choice value, or "yes"/"no". */
  | { kind: "choice"; value: string }
  /** "Done" on a multi-choice question. */
  | { kind: "choices"; values: string[] }
  | { kind: "other" };

export function isAttachment(v: AnswerValue | undefined): v is AttachmentValue {
  return typeof v === "object" && v !== null && !Array.isArray(v) && typeof (v as AttachmentValue).fileId === "string";
}

/** The number to aggregate on, or null. */
export function numericValue(v: AnswerValue): number | null {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  return null;
}

/** Deep equality for the JSON shapes above (used to list what changed between versions). */
export function sameAnswer(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
