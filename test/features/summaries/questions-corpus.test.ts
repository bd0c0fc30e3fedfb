import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EXAMPLE_COUNT } from "../../../src/features/summaries/question-answer-text.ts";
import { parseQuestion } from "../../../src/features/summaries/question-parse.ts";
import { blankQuery } from "../../../src/features/summaries/question-query.ts";
import { DEMO_CORPUS, demoLexicon, OTHER_CORPUS, otherLexicon, REFUSED, TODAY } from "./question-corpus.ts";

describe("the question corpus", () => {
  it("holds at least 150 questions", () => {
    expect(DEMO_CORPUS.length + OTHER_CORPUS.length + REFUSED.length).toBeGreaterThanOrEqual(150);
  });

  const demo = demoLexicon();
  it.each(DEMO_CORPUS)("demo province: %s", (text, expected) => {
    const r = parseQuestion(text, demo, TODAY);
    expect({ query: r.query, leftover: r.leftover }).toEqual({ query: { ...blankQuery(expected.intent), ...expected }, leftover: "" });
  });

  const other = otherLexicon();
  it.each(OTHER_CORPUS)("another province: %s", (text, expected) => {
    const r = parseQuestion(text, other, TODAY);
    expect({ query: r.query, leftover: r.leftover }).toEqual({ query: { ...blankQuery(expected.intent), ...expected }, leftover: "" });
  });

  it.each(REFUSED)("never answers as something else: %s", (text, expected) => {
    const r = parseQuestion(text, demo, TODAY);
    expect(r.query !== undefined).toBe(expected.query);
    expect(r.problem?.kind).toBe(expected.problem);
  });
});

describe("the example questions offered as buttons", () => {
  const demo = demoLexicon();
  for (const lang of ["vi", "en"]) {
    const examples = [...readFileSync(`locales/${lang}/questions.ftl`, "utf8").matchAll(/^questions-example-\d+ = (.+)$/gm)].map((m) => m[1]!);
    it(`are all understood whole (${lang})`, () => {
      expect(examples.length).toBe(EXAMPLE_COUNT);
      const misread = examples.filter((e) => {
        const r = parseQuestion(e, demo, TODAY);
        return !r.query || r.leftover !== "";
      });
      expect(misread).toEqual([]);
    });
  }
});
