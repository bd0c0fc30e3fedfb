import { describe, expect, it } from "vitest";
import { questionSchema, type Question } from "../../../src/features/templates/template-definition.ts";
import { parseVnNumber } from "../../../src/features/reports/parse-number.ts";
import { parseMoney } from "../../../src/features/reports/parse-money.ts";
import { parseAnswer } from "../../../src/features/reports/parse-answer.ts";
import { numberFormatter } from "../../../src/features/reports/format-answer.ts";
import { applicableQuestions, fillingState, orphanedKeys, ruleBreaches } from "../../../src/features/reports/answer-rules.ts";
import { templateDefinitionSchema } from "../../../src/features/templates/template-definition.ts";

const q = (over: Record<string, unknown>): Question =>
  questionSchema.parse({ key: "k", label: { vi: "Câu", en: "Q" }, type: "integer", ...over });
const vi = numberFormatter("vi");
const text = (t: string) => ({ kind: "text" as const, text: t });

describe("parseVnNumber", () => {
  it.each([
    ["12", "thousands-if-grouped", 12],
    ["1.500", "thousands-if-grouped", 1500],
    ["1.500", "decimal", 1.5],
    ["1,5", "decimal", 1.5],
    ["1.5", "decimal", 1.5],
    ["1.234.567", "decimal", 1234567],
    ["1,234,567", "thousands-if-grouped", 1234567],
    ["1.234,5", "decimal", 1234.5],
    ["1,234.5", "decimal", 1234.5],
    ["-3", "decimal", -3],
  ] as const)("%s (%s) → %s", (raw, mode, expected) => {
    expect(parseVnNumber(raw, mode)).toBe(expected);
  });

  it.each(["abc", "1.2.3", "1,", "", "12a", "1.23.456"])("rejects %j", (raw) => {
    expect(parseVnNumber(raw, "decimal")).toBeUndefined();
  });
});

describe("parseMoney", () => {
  it.each([
    ["1.500.000", 1_500_000],
    ["1500000 đồng", 1_500_000],
    ["1.500.000đ", 1_500_000],
    ["1,5 tỷ", 1_500_000_000],
    ["1.5 tỷ", 1_500_000_000],
    ["200 triệu", 200_000_000],
    ["200tr", 200_000_000],
    ["200 TRIỆU", 200_000_000],
    ["2 tỷ 300 triệu", 2_300_000_000],
    ["2 tỷ 300tr", 2_300_000_000],
    ["500k", 500_000],
    ["1 500 000", 1_500_000],
    ["0", 0],
    ["1,1 triệu", 1_100_000],
    ["1.500 triệu", 1_500_000_000],
    ["1.200 tỷ", 1_200_000_000_000],
    ["1.500.000 nghìn", 1_500_000_000],
    ["1.25 tỷ", 1_250_000_000],
    // As people say it: a bare number after a unit is the digits that follow it.
    ["1 tỷ 2", 1_200_000_000],
    ["1 tỷ 200 triệu", 1_200_000_000],
    ["1,2 tỷ", 1_200_000_000],
    ["2 tỷ 300", 2_300_000_000],
    ["1 tỷ 25", 1_250_000_000],
    ["5 triệu 5", 5_500_000],
    ["1 tỷ 200 triệu 5", 1_200_500_000],
  ])("%s → %d", (raw, expected) => {
    expect(parseMoney(raw)).toEqual({ ok: true, value: expected });
  });

  it.each(["nhiều tiền", "2 tỷ 3000", "300 nghìn 5", "300 triệu 2 tỷ", "1 tỷ tỷ", "", "12 đô"])("rejects %j", (raw) => {
    expect(parseMoney(raw)).toEqual({ ok: false, reason: "format" });
  });

  it("refuses fractions of a đồng", () => {
    expect(parseMoney("1,5")).toEqual({ ok: false, reason: "fraction" });
  });
});

describe("parseAnswer", () => {
  it("percent: 0–100 with the Vietnamese message arguments", () => {
    const p = q({ type: "percent" });
    expect(parseAnswer(p, text("85,5"), vi)).toEqual({ ok: true, value: 85.5 });
    expect(parseAnswer(p, text("85%"), vi)).toEqual({ ok: true, value: 85 });
    expect(parseAnswer(p, text("120"), vi)).toEqual({ ok: false, error: { key: "report-error-range", args: { min: "0", max: "100" } } });
    expect(parseAnswer(p, text("nhiều"), vi)).toMatchObject({ ok: false, error: { key: "report-error-percent" } });
  });

  it("integer: whole numbers within min", () => {
    const i = q({ type: "integer", min: 0 });
    expect(parseAnswer(i, text("1.234"), vi)).toEqual({ ok: true, value: 1234 });
    expect(parseAnswer(i, text("2,5"), vi)).toMatchObject({ ok: false, error: { key: "report-error-integer" } });
    expect(parseAnswer(i, text("-1"), vi)).toMatchObject({ ok: false, error: { key: "report-error-min", args: { min: "0" } } });
    expect(parseAnswer(i, { kind: "choice", value: "x" }, vi)).toMatchObject({ ok: false, error: { key: "report-error-integer" } });
    // Too big to be kept exactly: refused, not rounded.
    expect(parseAnswer(i, text("99999999999999999999"), vi)).toMatchObject({ ok: false, error: { key: "report-error-integer" } });
    expect(parseAnswer(i, text("9007199254740991"), vi)).toEqual({ ok: true, value: 9_007_199_254_740_991 });
  });

  it("decimal accepts both decimal marks", () => {
    const d = q({ type: "decimal", max: 10 });
    expect(parseAnswer(d, text("1,5"), vi)).toEqual({ ok: true, value: 1.5 });
    expect(parseAnswer(d, text("1.5"), vi)).toEqual({ ok: true, value: 1.5 });
    expect(parseAnswer(d, text("11"), vi)).toMatchObject({ ok: false, error: { key: "report-error-max", args: { max: "10" } } });
  });

  it("money formats limits as money", () => {
    const m = q({ type: "money", min: 1_000_000 });
    expect(parseAnswer(m, text("200tr"), vi)).toEqual({ ok: true, value: 200_000_000 });
    expect(parseAnswer(m, text("5k"), vi)).toEqual({ ok: false, error: { key: "report-error-min", args: { min: "1.000.000 đồng" } } });
    expect(parseAnswer(m, text("abc"), vi)).toMatchObject({ ok: false, error: { key: "report-error-money" } });
  });

  it("yes/no from buttons and typed words", () => {
    const y = q({ type: "yes-no" });
    expect(parseAnswer(y, { kind: "choice", value: "yes" }, vi)).toEqual({ ok: true, value: true });
    expect(parseAnswer(y, text("Không"), vi)).toEqual({ ok: true, value: false });
    expect(parseAnswer(y, text("có lẽ"), vi)).toMatchObject({ ok: false, error: { key: "report-error-yes-no" } });
  });

  const choices = [
    { value: "a", label: { vi: "Một", en: "One" } },
    { value: "b", label: { vi: "Hai", en: "Two" } },
    { value: "c", label: { vi: "Ba", en: "Three" } },
  ];

  it("single choice by button, number or label; never a forged value", () => {
    const s = q({ type: "single-choice", choices });
    expect(parseAnswer(s, { kind: "choice", value: "b" }, vi)).toEqual({ ok: true, value: "b" });
    expect(parseAnswer(s, text("3"), vi)).toEqual({ ok: true, value: "c" });
    expect(parseAnswer(s, text("hai"), vi)).toEqual({ ok: true, value: "b" });
    expect(parseAnswer(s, { kind: "choice", value: "zzz" }, vi)).toMatchObject({ ok: false, error: { key: "report-error-choice" } });
  });

  it("multi choice in template order; none is refused", () => {
    const m = q({ type: "multi-choice", choices });
    expect(parseAnswer(m, { kind: "choices", values: ["c", "a", "forged"] }, vi)).toEqual({ ok: true, value: ["a", "c"] });
    expect(parseAnswer(m, text("3, 1"), vi)).toEqual({ ok: true, value: ["a", "c"] });
    expect(parseAnswer(m, { kind: "choices", values: [] }, vi)).toMatchObject({ ok: false, error: { key: "report-error-multi-none" } });
  });

  it("date dd/mm/yyyy, real dates only", () => {
    const d = q({ type: "date" });
    expect(parseAnswer(d, text("27/11/2026"), vi)).toEqual({ ok: true, value: "2026-11-27" });
    expect(parseAnswer(d, text("31/02/2026"), vi)).toMatchObject({ ok: false, error: { key: "report-error-date" } });
  });

  it("texts: not empty, within their length", () => {
    const s = q({ type: "short-text" });
    const l = q({ type: "long-text" });
    expect(parseAnswer(s, text("  Ổn định  "), vi)).toEqual({ ok: true, value: "Ổn định" });
    expect(parseAnswer(s, text("x".repeat(501)), vi)).toEqual({ ok: false, error: { key: "report-error-too-long", args: { length: 501, max: 500 } } });
    expect(parseAnswer(l, text("x".repeat(3000)), vi)).toMatchObject({ ok: true });
    expect(parseAnswer(l, text("   "), vi)).toMatchObject({ ok: false, error: { key: "report-error-text" } });
  });

  it("attachment: a file or a photo, not text", () => {
    const a = q({ type: "attachment" });
    const att = { kind: "document" as const, fileId: "F1", fileName: "bc.pdf" };
    expect(parseAnswer(a, { kind: "attachment", attachment: att }, vi)).toEqual({ ok: true, value: att });
    expect(parseAnswer(a, text("đây"), vi)).toMatchObject({ ok: false, error: { key: "report-error-attachment" } });
  });
});

describe("answer rules", () => {
  const def = templateDefinitionSchema.parse({
    id: "t",
    title: { vi: "T", en: "T" },
    cadence: "monthly",
    questions: [
      { key: "online", type: "integer", label: { vi: "a", en: "a" }, rules: [{ lte: "total" }] },
      { key: "total", type: "integer", label: { vi: "b", en: "b" } },
      { key: "spent", type: "money", label: { vi: "c", en: "c" }, rules: [{ lte: "budget", confirm: true }] },
      { key: "budget", type: "money", label: { vi: "d", en: "d" } },
      { key: "status", type: "single-choice", label: { vi: "e", en: "e" }, choices: [{ value: "ok", label: { vi: "ok", en: "ok" } }, { value: "behind", label: { vi: "x", en: "x" } }] },
      { key: "reason", type: "long-text", label: { vi: "f", en: "f" }, when: { key: "status", equals: "behind" } },
      { key: "detail", type: "short-text", label: { vi: "g", en: "g" }, when: { key: "reason", in: ["x"] } },
    ],
  });

  it("skip logic asks the reason only when behind", () => {
    expect(applicableQuestions(def, { status: "ok" }).map((x) => x.key)).not.toContain("reason");
    expect(applicableQuestions(def, { status: "behind" }).map((x) => x.key)).toContain("reason");
    expect(fillingState(def, {}).total).toBe(5);
    expect(fillingState(def, { online: 1, total: 2, spent: 1, budget: 2, status: "behind" }).next?.key).toBe("reason");
  });

  it("drops answers, also down a chain, whose condition no longer holds", () => {
    expect(orphanedKeys(def, { status: "ok", reason: "x", detail: "y" }).sort()).toEqual(["detail", "reason"]);
  });

  it("checks ≤ when the later of the two is answered, and on edits of either", () => {
    expect(ruleBreaches(def, {}, "online", 5)).toEqual([]);
    const [b] = ruleBreaches(def, { online: 5 }, "total", 3);
    expect(b).toMatchObject({ leftValue: 5, rightValue: 3, confirmable: false });
    expect(ruleBreaches(def, { online: 5, total: 9 }, "online", 10)).toHaveLength(1);
    expect(ruleBreaches(def, { spent: 9 }, "budget", 3)[0]?.confirmable).toBe(true);
  });
});
