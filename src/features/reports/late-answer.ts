import type { Question, TemplateDefinition } from "../templates/template-definition.ts";
import { fillingState, ruleBreaches } from "./answer-rules.ts";
import { sameAnswer, type AnswerInput, type AnswerMap, type AnswerValue } from "./answer-value.ts";
import { parseAnswer, type NumberFormatter } from "./parse-answer.ts";

/**
 * What to do with an answer given on a screen that is behind the person's OWN saved state: the process
 * stopped (a crash, a kill) after their previous answer was saved but before the conversation moved on, so
 * the conversation still waits on the question of that answer (`screen`) while the report stands further on.
 *
 * - A button names its question (and a file can only answer a file question), so it answers `screen`: it is saved there if that question is still
 *   asked and the value still fits the answers saved now ("save").
 * - Typed text may have been meant for either screen: the old one (the next screen never reached the
 *   person) or the next one (it did, and only the conversation's own step was lost). The same value as
 *   saved for `screen` is that step repeated: nothing to save ("same"). Anything else is taken as the answer
 *   to the question the report asks now, when it is a valid one ("save", said aloud by the caller);
 *   otherwise the current question is shown again ("show").
 * Either way the next screen is where the report stands, and nobody is blamed for the person's own step.
 */
export type LateAnswer = { kind: "same" } | { kind: "show" } | { kind: "save"; question: Question; value: AnswerValue };

export function placeLateAnswer(input: {
  def: TemplateDefinition;
  /** The answers saved now. */
  answers: AnswerMap;
  screen: Question;
  /** The value the person gave for `screen` (validated against the screen's answers). */
  value: AnswerValue;
  /** What the person typed, when it was text (not a button or a file). */
  typed: Extract<AnswerInput, { kind: "text" }> | undefined;
  /** The person confirmed a "≤" rule breach for this value on the screen. */
  confirmed: boolean;
  format: NumberFormatter;
}): LateAnswer {
  const { def, answers, screen, value, typed, confirmed, format } = input;
  const state = fillingState(def, answers);
  /** Still asked, and no "≤" rule broken but one the person confirmed. */
  const fits = (q: Question, v: AnswerValue, confirmedHere: boolean) => {
    if (!state.questions.includes(q)) return false;
    const breaches = ruleBreaches(def, answers, q.key, v);
    return breaches.every((b) => b.confirmable) && (breaches.length === 0 || confirmedHere);
  };
  const onScreen = (): LateAnswer => (fits(screen, value, confirmed) ? { kind: "save", question: screen, value } : { kind: "show" });
  if (screen.key in answers && sameAnswer(answers[screen.key], value)) return { kind: "same" };
  const now = state.next;
  if (!typed || !now || now === screen) return onScreen();
  const parsed = parseAnswer(now, typed, format);
  return parsed.ok && fits(now, parsed.value, false) ? { kind: "save", question: now, value: parsed.value } : { kind: "show" };
}
