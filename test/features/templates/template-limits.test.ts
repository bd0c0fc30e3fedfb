// Limits that keep every screen a template makes within Telegram's: a template over them is refused at import,
// naming the question and the limit, instead of leaving reporters on a screen that cannot be sent.
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { describe, expect, it } from "vitest";
import { TEMPLATE_LIMITS } from "../../../src/features/templates/template-definition.ts";
import { parseTemplateText } from "../../../src/features/templates/template-file.ts";
import { IT_PLAN_FILE } from "../reports/report-fixtures.ts";

type Raw = any;
const base = (): Raw => parseYaml(readFileSync(IT_PLAN_FILE, "utf8"));
const problems = (raw: Raw): string => {
  try {
    parseTemplateText("t.json", JSON.stringify(raw));
    return "";
  } catch (e) {
    return (e as Error).message;
  }
};
const choices = (n: number) => Array.from({ length: n }, (_, i) => ({ value: `c${i}`, label: { vi: `Phương án ${i}`, en: `Option ${i}` } }));

describe("template limits", () => {
  it("the shipped template is within them", () => {
    expect(problems(base())).toBe("");
  });

  it("refuses a 5,200-character question label, naming the question and the limit", () => {
    const raw = base();
    raw.questions[0].label.vi = "Nhãn".repeat(1300);
    expect(problems(raw)).toContain(`question "${raw.questions[0].key}" (#1): label.vi: is 5200 characters long; at most ${TEMPLATE_LIMITS.labelChars}`);
  });

  it("refuses 120 choices (121 buttons), naming the question", () => {
    const raw = base();
    raw.questions.push({ key: "many", type: "single-choice", label: { vi: "Nhiều", en: "Many" }, choices: choices(120) });
    expect(problems(raw)).toContain(`question "many" (#${raw.questions.length}): choices: at most ${TEMPLATE_LIMITS.choices} choices`);
    raw.questions.at(-1).choices = choices(TEMPLATE_LIMITS.choices);
    expect(problems(raw)).toBe("");
  });

  it("refuses 105 questions (a review keyboard of 107 buttons)", () => {
    const raw = base();
    for (let i = raw.questions.length; i < 105; i++) raw.questions.push({ key: `extra_${i}`, type: "integer", label: { vi: `Câu ${i}`, en: `Q ${i}` } });
    expect(problems(raw)).toContain(`questions: at most ${TEMPLATE_LIMITS.questions} questions`);
  });

  it("refuses a control character, a label of only zero-width spaces, a long title or help, a long choice label", () => {
    const raw = base();
    raw.title.en = "IT\u0000 plan";
    raw.questions[1].label.vi = "\u200b\u200b";
    raw.questions[2].help = { vi: "h".repeat(TEMPLATE_LIMITS.helpChars + 1), en: "help" };
    const message = problems(raw);
    expect(message).toContain("title.en: contains a control character (U+0000) that cannot be stored or shown");
    expect(message).toContain(`question "${raw.questions[1].key}" (#2): label.vi: is empty (or only spaces and invisible characters)`);
    expect(message).toContain(`question "${raw.questions[2].key}" (#3): help.vi: is ${TEMPLATE_LIMITS.helpChars + 1} characters long`);
    const long = base();
    long.title.vi = "T".repeat(TEMPLATE_LIMITS.titleChars + 1);
    long.questions.push({ key: "pick", type: "single-choice", label: { vi: "Chọn", en: "Pick" }, choices: [...choices(1), { value: "z", label: { vi: "z".repeat(101), en: "z" } }] });
    expect(problems(long)).toContain(`title.vi: is ${TEMPLATE_LIMITS.titleChars + 1} characters long`);
    expect(problems(long)).toContain(`question "pick" (#${long.questions.length}): choices.1.label.vi: is 101 characters long; at most ${TEMPLATE_LIMITS.choiceLabelChars}`);
  });
});
