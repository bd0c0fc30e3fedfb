import type { Question, TemplateDefinition } from "../templates/template-definition.ts";
import type { AnswerMap, AnswerValue } from "./answer-value.ts";

/** Does an answer meet a `when` condition? Yes/no answers match true/false or "yes"/"no"; lists match any item. */
function matches(value: AnswerValue | undefined, expected: string | number | boolean): boolean {
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) return value.some((v) => matches(v, expected));
  if (typeof value === "boolean" && typeof expected === "string") return value === (expected === "yes" || expected === "true");
  return value === expected;
}

/** The questions asked, given the answers so far: skip logic follows `when`, also through chains. */
export function applicableQuestions(def: TemplateDefinition, answers: AnswerMap): Question[] {
  const asked = new Set<string>();
  const out: Question[] = [];
  for (const q of def.questions) {
    const w = q.when;
    if (w) {
      if (!asked.has(w.key)) continue;
      const v = answers[w.key];
      const ok = w.equals !== undefined ? matches(v, w.equals) : (w.in ?? []).some((e) => matches(v, e));
      if (!ok) continue;
    }
    asked.add(q.key);
    out.push(q);
  }
  return out;
}

/** Where the report stands: the next question to ask (undefined when every applicable one is answered). */
export function fillingState(def: TemplateDefinition, answers: AnswerMap) {
  const questions = applicableQuestions(def, answers);
  const answered = questions.filter((q) => q.key in answers).length;
  const next = questions.find((q) => !(q.key in answers));
  return { questions, answered, total: questions.length, next, complete: next === undefined };
}

/** Answers whose question is no longer asked (an earlier answer changed): they are dropped. */
export function orphanedKeys(def: TemplateDefinition, answers: AnswerMap): string[] {
  const asked = new Set(applicableQuestions(def, answers).map((q) => q.key));
  return Object.keys(answers).filter((k) => !asked.has(k));
}

/** A broken "≤" rule between two answers: `left` must not exceed `right`. */
export interface RuleBreach {
  left: Question;
  right: Question;
  leftValue: number;
  rightValue: number;
  /** The person may confirm and keep it (rule has `confirm: true`). */
  confirmable: boolean;
}

/**
 * Checks the cross-field rules that involve `key` once it takes `value`, against the other answers.
 * A rule is checked when the later of its two questions is answered, and again on every edit.
 */
export function ruleBreaches(def: TemplateDefinition, answers: AnswerMap, key: string, value: AnswerValue): RuleBreach[] {
  const byKey = new Map(def.questions.map((q) => [q.key, q]));
  const all = { ...answers, [key]: value };
  const out: RuleBreach[] = [];
  for (const left of def.questions) {
    for (const rule of left.rules) {
      if (left.key !== key && rule.lte !== key) continue;
      const right = byKey.get(rule.lte);
      const l = all[left.key];
      const r = all[rule.lte];
      if (!right || typeof l !== "number" || typeof r !== "number") continue;
      if (l > r) out.push({ left, right, leftValue: l, rightValue: r, confirmable: rule.confirm });
    }
  }
  return out;
}
