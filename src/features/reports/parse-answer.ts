import { checkText } from "../../bot/user-text.ts";
import { parseVnDate } from "../../time/calendar-date.ts";
import type { Question } from "../templates/template-definition.ts";
import type { AnswerInput, AnswerValue } from "./answer-value.ts";
import { parseMoney } from "./parse-money.ts";
import { parseVnNumber } from "./parse-number.ts";

export const SHORT_TEXT_MAX = 500;
export const LONG_TEXT_MAX = 3000;

/** Why an answer was refused: a locale key (report-error-…) and its arguments, already formatted. */
export interface AnswerError {
  key: string;
  args: Record<string, string | number>;
}

export type AnswerParse = { ok: true; value: AnswerValue } | { ok: false; error: AnswerError };

/** How numbers are shown in error messages, in the person's language ("1.500.000 đồng" / "1,500,000 VND"). */
export interface NumberFormatter {
  number(n: number): string;
  money(n: number): string;
}

const err = (key: string, args: Record<string, string | number> = {}): AnswerParse => ({ ok: false, error: { key, args } });

const YES = new Set(["có", "co", "c", "yes", "y", "đúng", "dung", "1"]);
const NO = new Set(["không", "khong", "k", "ko", "no", "n", "0"]);

/**
 * Reads one answer to one question and checks it against the question's own limits (type, min/max,
 * length). Cross-field rules need other answers and live in answer-rules.ts.
 */
export function parseAnswer(q: Question, input: AnswerInput, fmt: NumberFormatter): AnswerParse {
  switch (q.type) {
    case "integer":
    case "decimal":
    case "percent":
    case "money":
      return parseNumeric(q, input, fmt);
    case "yes-no": {
      const raw = input.kind === "choice" ? input.value : input.kind === "text" ? input.text.normalize("NFC").trim().toLowerCase() : "";
      if (raw === "yes" || YES.has(raw)) return { ok: true, value: true };
      if (raw === "no" || NO.has(raw)) return { ok: true, value: false };
      return err("report-error-yes-no");
    }
    case "single-choice": {
      const choices = q.choices ?? [];
      const picked = input.kind === "choice" ? choices.find((c) => c.value === input.value) : input.kind === "text" ? matchChoice(q, input.text) : undefined;
      return picked ? { ok: true, value: picked.value } : err("report-error-choice");
    }
    case "multi-choice": {
      const choices = q.choices ?? [];
      let values: string[] | undefined;
      if (input.kind === "choices") values = input.values.filter((v) => choices.some((c) => c.value === v));
      else if (input.kind === "text") {
        const parts = input.text.split(/[,;\n]/).map((p) => p.trim()).filter(Boolean);
        const found = parts.map((p) => matchChoice(q, p));
        if (found.some((f) => f === undefined)) return err("report-error-choice");
        values = found.map((f) => f!.value);
      }
      if (!values) return err("report-error-choice");
      if (values.length === 0) return err("report-error-multi-none");
      // Template order, no repeats.
      return { ok: true, value: choices.filter((c) => values.includes(c.value)).map((c) => c.value) };
    }
    case "date": {
      if (input.kind !== "text") return err("report-error-date");
      const d = parseVnDate(input.text);
      return d ? { ok: true, value: d } : err("report-error-date");
    }
    case "short-text":
    case "long-text": {
      if (input.kind !== "text") return err("report-error-text");
      // Only zero-width spaces is no answer; a NUL could not even be stored.
      const checked = checkText(input.text, { max: q.type === "short-text" ? SHORT_TEXT_MAX : LONG_TEXT_MAX });
      if (checked.ok) return { ok: true, value: checked.text };
      if (checked.problem === "characters") return err("report-error-characters", { character: checked.character });
      if (checked.problem === "too-long") return err("report-error-too-long", { length: checked.length, max: checked.max });
      return err("report-error-text");
    }
    case "attachment":
      return input.kind === "attachment" ? { ok: true, value: input.attachment } : err("report-error-attachment");
  }
}

function parseNumeric(q: Question, input: AnswerInput, fmt: NumberFormatter): AnswerParse {
  const isMoney = q.type === "money";
  const show = (n: number) => (isMoney ? fmt.money(n) : fmt.number(n));
  const formatKey = `report-error-${q.type}`;
  if (input.kind !== "text") return err(formatKey);
  const text = input.text.trim().replace(/%$/, "").trim();
  let value: number;
  if (isMoney) {
    const m = parseMoney(text);
    if (!m.ok) return err(m.reason === "fraction" ? "report-error-money-fraction" : formatKey);
    value = m.value;
  } else {
    const v = parseVnNumber(text, q.type === "integer" ? "thousands-if-grouped" : "decimal");
    if (v === undefined) return err(formatKey);
    if (q.type === "integer" && !Number.isInteger(v)) return err("report-error-integer");
    // Beyond 2^53 a number is no longer stored exactly: refused rather than rounded.
    if (Math.abs(v) > Number.MAX_SAFE_INTEGER) return err(formatKey);
    value = v;
  }
  const min = q.type === "percent" ? Math.max(q.min ?? 0, 0) : q.min;
  const max = q.type === "percent" ? Math.min(q.max ?? 100, 100) : q.max;
  const outside = (min !== undefined && value < min) || (max !== undefined && value > max);
  if (outside) {
    if (min !== undefined && max !== undefined) return err("report-error-range", { min: show(min), max: show(max) });
    if (min !== undefined) return err("report-error-min", { min: show(min) });
    return err("report-error-max", { max: show(max!) });
  }
  return { ok: true, value };
}

/** A choice by its number in the list, its value, or its label in either language. */
function matchChoice(q: Question, raw: string) {
  const choices = q.choices ?? [];
  const t = raw.normalize("NFC").trim().toLowerCase();
  if (/^\d+$/.test(t)) return choices[Number(t) - 1];
  return choices.find(
    (c) => c.value === t || c.label.vi.normalize("NFC").toLowerCase() === t || c.label.en.toLowerCase() === t,
  );
}
