import { describe, expect, it } from "vitest";
import { decodeButton, encodeButton, type FilingButton } from "../../../src/features/reports/filing-buttons.ts";
import { filingStep, type FilingReport, type FilingScreen, type StepInput } from "../../../src/features/reports/filing-step.ts";
import { numberFormatter } from "../../../src/features/reports/format-answer.ts";
import { itPlan as def, qi } from "./report-fixtures.ts";

const ME = 7;
const window = { status: "open" as const, deadlineOn: "2026-11-17", reopenedUntil: null };
const report = (over: Partial<FilingReport> = {}): FilingReport => ({
  def,
  status: "draft",
  window,
  editingPersonId: ME,
  rev: 3,
  answers: {},
  previous: {},
  ...over,
});
const q = (key: string, editing = false): FilingScreen => ({ kind: "question", key, editing });
const step = (over: { report?: Partial<FilingReport>; screen?: FilingScreen; rev?: number; selection?: string[]; event: StepInput["event"]; today?: string }) =>
  filingStep({
    report: report(over.report),
    session: { screen: over.screen ?? q("docs_electronic_pct"), rev: over.rev ?? 3, selection: over.selection ?? [] },
    personId: ME,
    today: over.today ?? "2026-11-16",
    event: over.event,
    format: numberFormatter("vi"),
  });
const text = (t: string): StepInput["event"] => ({ kind: "input", input: { kind: "text", text: t } });
const press = (button: FilingButton): StepInput["event"] => ({ kind: "button", button });

describe("filingStep: the screen shown and what the person sent → what to save, say and show", () => {
  const first = { docs_electronic_pct: 80 };
  const upToTotals = { docs_electronic_pct: 80, leaders_use_system: "yes", online_services: 12, dossiers_online: 150 };
  const cases: Array<[string, Parameters<typeof step>[0], Partial<ReturnType<typeof step>>]> = [
    ["a valid answer is saved and the next question shown", { event: text("85,5") }, { save: { key: "docs_electronic_pct", value: 85.5, drop: [] }, next: q("leaders_use_system"), show: true }],
    ["an invalid answer: the error, the same question again", { event: text("120") }, { save: undefined, next: q("docs_electronic_pct"), show: true }],
    ["a choice button for the question on screen", { report: { answers: first }, screen: q("leaders_use_system"), event: press({ action: "choice", question: qi("leaders_use_system"), value: "partly" }) }, { save: { key: "leaders_use_system", value: "partly", drop: [] } }],
    ["a button of another question's screen is expired", { event: press({ action: "choice", question: qi("leaders_use_system"), value: "yes" }) }, { save: undefined, say: [{ kind: "text", key: "button-expired" }] }],
    ["a hard ≤ rule: refused, asked again", { report: { answers: upToTotals }, screen: q("dossiers_total"), event: text("100") }, { save: undefined, next: q("dossiers_total") }],
    ["'later' lets go of the pen and ends the filing", { event: press({ action: "later" }) }, { end: "release" }],
    ["someone else holds the pen: told, the filing ends", { report: { editingPersonId: 99 }, event: text("5") }, { say: [{ kind: "taken-over" }], end: "keep" }],
    ["a colleague moved the draft since the screen: told, shown where it stands", { report: { editingPersonId: null, rev: 4, answers: first }, event: text("90") }, { save: undefined, say: [{ kind: "text", key: "report-changed-meanwhile" }], next: q("leaders_use_system") }],
    ["the person's own lost step, same answer again: moves on, nothing saved", { report: { rev: 4, answers: first }, event: text("80") }, { save: undefined, say: [], next: q("leaders_use_system") }],
    ["the person's own lost step, a new answer for the question now asked: saved there, said so", { report: { rev: 4, answers: { ...first, leaders_use_system: "yes" } }, screen: q("leaders_use_system"), event: text("12") }, { save: { key: "online_services", value: 12, drop: [] } }],
    ["typed text on the review is not swallowed", { screen: { kind: "review" }, event: text("xin chào") }, { pass: true }],
    ["'Sửa' opens the list of questions", { screen: { kind: "review" }, event: press({ action: "edit-list", page: 0 }) }, { next: { kind: "edit-list", page: 0 }, show: true }],
    ["a question picked in the list is asked for editing", { report: { answers: first }, screen: { kind: "edit-list", page: 0 }, event: press({ action: "edit", question: 0 }) }, { next: q("docs_electronic_pct", true) }],
    ["after the amendment window, editing is refused and the review shown", { report: { status: "submitted", answers: first }, screen: { kind: "review" }, today: "2026-11-18", event: press({ action: "edit", question: 0 }) }, { say: [{ kind: "text", key: "report-refused-amend-closed" }], next: { kind: "review" } }],
    ["'Giữ như kỳ trước' saves last period's answer", { report: { previous: { docs_electronic_pct: 70 } }, event: press({ action: "previous", question: 0 }) }, { save: { key: "docs_electronic_pct", value: 70, drop: [] } }],
    ["'Giữ như kỳ trước' without a last period is expired", { event: press({ action: "previous", question: 0 }) }, { save: undefined, say: [{ kind: "text", key: "button-expired" }] }],
    ["submit on the review", { screen: { kind: "review" }, event: press({ action: "submit" }) }, { submit: true }],
  ];
  it.each(cases)("%s", (_name, input, expected) => {
    const got = step(input);
    const { save, ...rest } = expected;
    expect(got).toMatchObject(rest);
    // `save: undefined`: nothing is saved.
    if ("save" in expected) expect(got.save).toEqual(save);
  });

  it("a confirmable ≤ rule asks to confirm; confirming saves the value", () => {
    const answers = { ...upToTotals, dossiers_total: 1200, staff_trained: 5, outreach_events: 3, budget_allocated: 1_500_000_000 };
    const asked = step({ report: { answers }, screen: q("budget_disbursed"), event: text("2 tỷ") });
    expect(asked).toMatchObject({ next: { kind: "confirm", key: "budget_disbursed", value: 2_000_000_000 } });
    expect(asked.save).toBeUndefined();
    const confirmed = step({ report: { answers }, screen: asked.next!, event: press({ action: "confirm", question: qi("budget_disbursed") }) });
    expect(confirmed).toMatchObject({ save: { key: "budget_disbursed", value: 2_000_000_000 }, clearButtons: true });
  });
});

describe("filing buttons: callback data both ways", () => {
  const buttons: FilingButton[] = [
    { action: "choice", question: 3, value: "a:b" },
    { action: "toggle", question: 12, value: "x" },
    { action: "edit-list", page: 2 },
    { action: "submit" },
    { action: "later" },
    { action: "previous", question: 0 },
  ];
  it.each(buttons)("%j", (button) => {
    expect(decodeButton(encodeButton(button))).toEqual({ button });
    expect(decodeButton(encodeButton(button, 17))).toEqual({ button, submissionId: 17 });
  });
  it.each(["report:start:1:2", "report:c", "report:e:x", "report:sub:1", "summary:c:1:2", "report:c@x:1:2"])("%j is not a filing button", (data) => {
    expect(decodeButton(data)).toBeUndefined();
  });
});
