import type { Question, TemplateDefinition } from "../templates/template-definition.ts";
import { fillingState, orphanedKeys, ruleBreaches, type RuleBreach } from "./answer-rules.ts";
import type { AnswerInput, AnswerMap, AnswerValue } from "./answer-value.ts";
import type { FilingButton } from "./filing-buttons.ts";
import { placeLateAnswer } from "./late-answer.ts";
import { parseAnswer, type AnswerError, type NumberFormatter } from "./parse-answer.ts";
import type { SubmissionStatus } from "./reports.table.ts";
import { filingRefusal, type FilingRefusal, type PeriodWindow } from "./submission-rules.ts";

/**
 * Filing a report as a plain state machine. Its state is the draft (the answers saved so far) and the screen
 * the chat was last shown, with the draft revision it was shown under (the filing session). `filingStep`
 * takes them and what the person sent, and says what to save, what to answer and which screen comes next;
 * filing-updates.ts does it. No grammY, no database, no clock in here.
 */
export type FilingScreen =
  | { kind: "question"; key: string; editing: boolean }
  /** A "≤" rule the person may confirm: `value` waits for "Xác nhận" or "Nhập lại". */
  | { kind: "confirm"; key: string; value: AnswerValue; editing: boolean }
  | { kind: "review" }
  /** The questions by short name, to pick one to change (paged). */
  | { kind: "edit-list"; page: number };

export interface FilingSession {
  screen: FilingScreen;
  /** The draft revision the screen was shown under. */
  rev: number;
  /** Choices ticked so far on a multi-choice screen. */
  selection: string[];
}

/** The report as it stands now. */
export interface FilingReport {
  def: TemplateDefinition;
  status: SubmissionStatus;
  window: PeriodWindow;
  editingPersonId: number | null;
  rev: number;
  answers: AnswerMap;
  /** Last period's official answers of the same agency (shown under each question). */
  previous: AnswerMap;
}

export type FilingEvent = { kind: "input"; input: AnswerInput } | { kind: "button"; button: FilingButton };

/** What to tell the person, before the next screen; rendered by report-screens.ts. */
export type Reply =
  | { kind: "text"; key: string }
  | { kind: "error"; error: AnswerError }
  | { kind: "rule"; breach: RuleBreach }
  | { kind: "saved-as-current"; question: Question; index: number; value: AnswerValue }
  | { kind: "taken-over" };

export interface Step {
  /** Not the filing's: the rest of the bot handles it. */
  pass?: true;
  say: Reply[];
  /** One answer to save (guarded by the session's revision), and the answers it leaves unasked. */
  save?: { key: string; value: AnswerValue; drop: string[] };
  submit?: true;
  /** The filing ends; "release" lets go of the pen. */
  end?: "release" | "keep";
  /** The screen the session moves to (unchanged when absent), sent when `show`. */
  next?: FilingScreen;
  show?: boolean;
  /** The multi-choice selection after a tick (its keyboard is changed in place). */
  selection?: string[];
  /** The buttons of the message pressed are taken away (a confirmation answered). */
  clearButtons?: true;
}

export interface StepInput {
  report: FilingReport;
  session: FilingSession;
  personId: number;
  today: string;
  event: FilingEvent;
  format: NumberFormatter;
}

/** Where the report stands: its first unanswered question, else (or when it can no longer be changed) the review. */
export function standing(def: TemplateDefinition, answers: AnswerMap, refusal?: FilingRefusal): FilingScreen {
  const next = fillingState(def, answers).next;
  return next && !refusal ? { kind: "question", key: next.key, editing: false } : { kind: "review" };
}

/** The answers after a save. */
export function applySave(answers: AnswerMap, save: NonNullable<Step["save"]>): AnswerMap {
  const after = { ...answers, [save.key]: save.value };
  for (const k of save.drop) delete after[k];
  return after;
}

const stay = (say: Reply[] = []): Step => ({ say });
const show = (next: FilingScreen, say: Reply[] = []): Step => ({ say, next, show: true });

export function filingStep(x: StepInput): Step {
  const { report, session, personId, event } = x;
  const { def } = report;
  const refusal = filingRefusal(report.status, report.window, x.today);
  const here = standing(def, report.answers, refusal);
  const screen = session.screen;
  const onList = screen.kind === "review" || screen.kind === "edit-list";

  // Typed text on the review is not an answer to anything: it goes on to the rest of the bot.
  if (event.kind === "input" && onList) return { pass: true, say: [] };
  if (event.kind === "button" && event.button.action === "later") return { say: [{ kind: "text", key: "report-saved-for-later" }], end: "release" };
  if (report.editingPersonId !== null && report.editingPersonId !== personId) return { say: [{ kind: "taken-over" }], end: "keep" };
  // Submitting checks the revision itself (a repeated press after a lost confirmation is recognised there).
  if (event.kind === "button" && event.button.action === "submit") {
    if (!onList) return stay([{ kind: "text", key: "button-expired" }]);
    return refusal ? stay([{ kind: "text", key: "button-expired" }]) : { say: [], submit: true };
  }
  if (session.rev !== report.rev) {
    // The draft moved since this screen. With the pen still in hand the move was the person's own step,
    // whose reply was lost when the process stopped; otherwise a colleague changed it.
    if (report.editingPersonId === personId) return lateStep(x, here, refusal);
    return show(here, [{ kind: "text", key: "report-changed-meanwhile" }]);
  }

  if (onList) return listStep(x, refusal);
  const q = def.questions.find((d) => d.key === screen.key);
  if (!q || !fillingState(def, report.answers).questions.includes(q)) return show(here);
  if (screen.kind === "confirm") return confirmStep(x, q, screen, refusal);

  const qi = def.questions.indexOf(q);
  let input: AnswerInput | undefined;
  let value: AnswerValue | undefined;
  if (event.kind === "input") input = event.input;
  else {
    const b = event.button;
    if (!("question" in b) || b.question !== qi) return stay([{ kind: "text", key: "button-expired" }]);
    if (b.action === "choice") input = { kind: "choice", value: b.value };
    else if (b.action === "skip" && !q.required) value = null;
    else if (b.action === "keep" && screen.editing) return show(here);
    else if (b.action === "previous" && q.key in report.previous) value = report.previous[q.key]!;
    else if (b.action === "toggle" && q.type === "multi-choice" && q.choices?.some((c) => c.value === b.value)) {
      const selection = session.selection.includes(b.value) ? session.selection.filter((v) => v !== b.value) : [...session.selection, b.value];
      return { say: [], selection };
    } else if (b.action === "done" && q.type === "multi-choice") input = { kind: "choices", values: session.selection };
    else return stay([{ kind: "text", key: "button-expired" }]);
  }
  if (value === undefined) {
    const parsed = parseAnswer(q, input!, x.format);
    if (!parsed.ok) return show(screen, [{ kind: "error", error: parsed.error }]);
    value = parsed.value;
  }
  const breaches = ruleBreaches(def, report.answers, q.key, value);
  const hard = breaches.find((b) => !b.confirmable);
  if (hard) return show(screen, [{ kind: "rule", breach: hard }]);
  if (breaches[0]) return show({ kind: "confirm", key: q.key, value, editing: screen.editing });
  return saveStep(report, q, value, refusal);
}

function saveStep(report: FilingReport, q: Question, value: AnswerValue, refusal: FilingRefusal | undefined, say: Reply[] = []): Step {
  if (refusal) return show({ kind: "review" }, [{ kind: "text", key: `report-refused-${refusal}` }]);
  const drop = orphanedKeys(report.def, { ...report.answers, [q.key]: value });
  const save = { key: q.key, value, drop };
  return { say, save, next: standing(report.def, applySave(report.answers, save)), show: true };
}

function confirmStep(x: StepInput, q: Question, screen: Extract<FilingScreen, { kind: "confirm" }>, refusal: FilingRefusal | undefined): Step {
  const b = x.event.kind === "button" ? x.event.button : undefined;
  const qi = x.report.def.questions.indexOf(q);
  if (b?.action === "confirm" && b.question === qi) {
    return { ...saveStep(x.report, q, screen.value, refusal), clearButtons: true };
  }
  if (b?.action === "retry" && b.question === qi) return { ...show({ kind: "question", key: q.key, editing: screen.editing }), clearButtons: true };
  return stay([{ kind: "text", key: "report-use-buttons" }]);
}

function listStep(x: StepInput, refusal: FilingRefusal | undefined): Step {
  const b = (x.event as Extract<FilingEvent, { kind: "button" }>).button;
  if (refusal && b.action === "edit") return show({ kind: "review" }, [{ kind: "text", key: `report-refused-${refusal}` }]);
  if (refusal) return stay([{ kind: "text", key: "button-expired" }]);
  if (b.action === "review") return show({ kind: "review" });
  if (b.action === "edit-list") return show({ kind: "edit-list", page: b.page });
  if (b.action === "edit") {
    const q = x.report.def.questions[b.question];
    if (!q || !fillingState(x.report.def, x.report.answers).questions.includes(q)) return stay();
    return show({ kind: "question", key: q.key, editing: true });
  }
  return stay([{ kind: "text", key: "button-expired" }]);
}

/**
 * An answer given on a screen behind the person's own saved step (see `placeLateAnswer`): saved where it
 * belongs over the report as it stands, or the current screen shown again, without blaming anyone.
 */
function lateStep(x: StepInput, here: FilingScreen, refusal: FilingRefusal | undefined): Step {
  const { report, session, event } = x;
  const { def } = report;
  const behind = (): Step => show(here, [{ kind: "text", key: "report-screen-behind" }]);
  const screen = session.screen;
  if (screen.kind === "review" || screen.kind === "edit-list") return behind();
  const q = def.questions.find((d) => d.key === screen.key);
  if (!q) return show(here);
  const qi = def.questions.indexOf(q);
  let value: AnswerValue | undefined;
  let confirmed = false;
  const typed = event.kind === "input" && event.input.kind === "text" ? event.input : undefined;
  if (event.kind === "input") {
    const parsed = parseAnswer(q, event.input, x.format);
    if (parsed.ok) value = parsed.value;
  } else {
    const b = event.button;
    if (!("question" in b) || b.question !== qi) return behind();
    if (b.action === "choice") {
      const parsed = parseAnswer(q, { kind: "choice", value: b.value }, x.format);
      if (parsed.ok) value = parsed.value;
    } else if (b.action === "skip" && !q.required) value = null;
    else if (b.action === "previous" && q.key in report.previous) value = report.previous[q.key]!;
    else if (b.action === "done" && q.type === "multi-choice") {
      const parsed = parseAnswer(q, { kind: "choices", values: session.selection }, x.format);
      if (parsed.ok) value = parsed.value;
    } else if (b.action === "confirm" && screen.kind === "confirm") {
      value = screen.value;
      confirmed = true;
    }
  }
  if (value === undefined) {
    // Not a valid answer to the old screen: typed text may still be one to the question asked now.
    const now = fillingState(def, report.answers).next;
    if (!typed || !now) return behind();
    const parsed = parseAnswer(now, typed, x.format);
    if (!parsed.ok) return behind();
    value = parsed.value;
    return placed(x, placeLateAnswer({ def, answers: report.answers, screen: now, value, typed: undefined, confirmed: false, format: x.format }), q, here, refusal);
  }
  return placed(x, placeLateAnswer({ def, answers: report.answers, screen: q, value, typed, confirmed, format: x.format }), q, here, refusal);
}

function placed(x: StepInput, place: ReturnType<typeof placeLateAnswer>, screenQuestion: Question, here: FilingScreen, refusal: FilingRefusal | undefined): Step {
  if (place.kind === "same") return show(here);
  if (place.kind === "show") return show(here, [{ kind: "text", key: "report-screen-behind" }]);
  const say: Reply[] = [];
  if (place.question.key !== screenQuestion.key) {
    const index = fillingState(x.report.def, x.report.answers).questions.indexOf(place.question) + 1;
    say.push({ kind: "saved-as-current", question: place.question, index, value: place.value });
  }
  return saveStep(x.report, place.question, place.value, refusal, say);
}
