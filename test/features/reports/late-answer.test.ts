import { describe, expect, it } from "vitest";
import type { AnswerMap, AnswerValue } from "../../../src/features/reports/answer-value.ts";
import { numberFormatter } from "../../../src/features/reports/format-answer.ts";
import { placeLateAnswer } from "../../../src/features/reports/late-answer.ts";
import { itPlan as def, qi } from "./report-fixtures.ts";

const q = (key: string) => def.questions[qi(key)]!;
const place = (answers: AnswerMap, screen: string, value: AnswerValue, typed?: string, confirmed = false) =>
  placeLateAnswer({ def, answers, screen: q(screen), value, typed: typed === undefined ? undefined : { kind: "text", text: typed }, confirmed, format: numberFormatter("vi") });
const saved = (key: string, value: AnswerValue) => ({ kind: "save", question: q(key), value });

describe("an answer given on a screen behind the person's own saved step", () => {
  // The person answered questions 1–3; the conversation still waits on question 3 (online_services).
  const upTo3: AnswerMap = { docs_electronic_pct: 85, leaders_use_system: "yes", online_services: 12 };

  it.each([
    ["the same typed answer again: the lost step, nothing to save", upTo3, "online_services", 12, "12", { kind: "same" }],
    ["a new typed answer: the question asked now (4) takes it", upTo3, "online_services", 40, "40", saved("dossiers_online", 40)],
    ["typed text that does not answer question 4 shows it again", upTo3, "online_services", 1, "1 tỷ", { kind: "show" }],
    ["a button names its question: a new choice for question 2 goes to question 2", { docs_electronic_pct: 85, leaders_use_system: "yes" }, "leaders_use_system", "partly", undefined, saved("leaders_use_system", "partly")],
    ["the same button again: the lost step", { docs_electronic_pct: 85, leaders_use_system: "yes" }, "leaders_use_system", "yes", undefined, { kind: "same" }],
    ["a typed answer when the screen's question is still the one asked is saved there", { docs_electronic_pct: 85 }, "leaders_use_system", true, "có", saved("leaders_use_system", true)],
  ] as const)("%s", (_, answers, screen, value, typed, expected) => {
    expect(place(answers as AnswerMap, screen, value as AnswerValue, typed)).toEqual(expected);
  });

  it("never saves a value that breaks a ≤ rule against the answers saved now", () => {
    // dossiers_online ≤ dossiers_total: the screen asked dossiers_total; the answer now would break the rule.
    const answers: AnswerMap = { ...upTo3, dossiers_online: 150, dossiers_total: 1200 };
    expect(place(answers, "dossiers_total", 100, undefined)).toEqual({ kind: "show" });
    // Typed for the question asked now (staff_trained), it is a plain number and fits.
    expect(place(answers, "dossiers_total", 100, "100")).toEqual(saved("staff_trained", 100));
  });
});
