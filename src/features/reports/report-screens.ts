import { periodLabel } from "../../format/period-label.ts";
import { InlineKeyboard } from "grammy";
import { FormattedString } from "@grammyjs/parse-mode";
import type { BaseContext } from "../../bot/context.ts";
import { AGENCY_NAME_MAX } from "../agencies/agency-import.ts";
import { formatVnDate, localDateTime } from "../../time/calendar-date.ts";
import type { Question, TemplateDefinition } from "../templates/template-definition.ts";
import type { AnswerMap, AnswerValue } from "./answer-value.ts";
import { clip } from "../../bot/telegram-limits.ts";
import { formatAnswer, numberFormatter, type AnswerWords } from "./format-answer.ts";
import type { AnswerError } from "./parse-answer.ts";
import type { FilingSnapshot } from "./submissions.repository.ts";
import { encodeButton, type FilingButton } from "./filing-buttons.ts";

/** Telegram's limit is 4,096 characters; keep a margin for entities. */
const MESSAGE_LIMIT = 3900;

/** Drops empty rows (a trailing row() leaves one), which Telegram need not accept. */
export function compact(kb: InlineKeyboard): InlineKeyboard {
  const rows = kb.inline_keyboard as unknown as unknown[][];
  for (let i = rows.length - 1; i >= 0; i--) if (rows[i]!.length === 0) rows.splice(i, 1);
  return kb;
}

/**
 * The report's buttons marked with the submission they act on ("report:c@17:3:yes"), so that a button left
 * on a screen of another report (a person filing for two agencies) is never taken for the one open now.
 * Screens are built without it; the mark is put on as they are sent.
 */
export function forSubmission(kb: InlineKeyboard, submissionId: number): InlineKeyboard {
  return new InlineKeyboard(
    kb.inline_keyboard.map((row) =>
      row.map((b) => ("callback_data" in b && b.callback_data.startsWith("report:") ? { ...b, callback_data: markData(b.callback_data, submissionId) } : b)),
    ),
  );
}

function markData(data: string, submissionId: number): string {
  const [feature, action, ...rest] = data.split(":");
  return [feature, `${action}@${submissionId}`, ...rest].join(":");
}

export function lang(ctx: BaseContext): "vi" | "en" {
  return ctx.viewer.person?.locale === "en" ? "en" : "vi";
}

export function words(ctx: BaseContext): AnswerWords {
  return {
    yes: ctx.t("report-yes"),
    no: ctx.t("report-no"),
    skipped: ctx.t("report-skipped"),
    photo: ctx.t("report-photo"),
    file: ctx.t("report-file"),
  };
}

export function showAnswer(ctx: BaseContext, q: Question, v: AnswerValue | undefined): string {
  return formatAnswer(q, v, lang(ctx), words(ctx));
}

/** "14:05 27/11/2026" in the report time zone. */
export function formatLocalTime(instant: Date | string, timeZone: string): string {
  const { date, minutes } = localDateTime(new Date(instant), timeZone);
  const hh = String(Math.floor(minutes / 60)).padStart(2, "0");
  const mm = String(minutes % 60).padStart(2, "0");
  return `${hh}:${mm} ${formatVnDate(date)}`;
}

export function errorText(ctx: BaseContext, e: AnswerError): string {
  return ctx.t(e.key, e.args);
}

function typeHint(ctx: BaseContext, q: Question): string {
  const fmtN = numberFormatter(lang(ctx));
  const range =
    q.min !== undefined && q.max !== undefined
      ? ctx.t("report-hint-range", { min: fmtN.number(q.min), max: fmtN.number(q.max) })
      : "";
  const key = `report-hint-${q.type}`;
  return [ctx.t(key), range].filter(Boolean).join(" ");
}

/** A question's few words for lists (the "Sửa" list): its label, cut at a word before `max` characters. */
export function shortName(q: Question, l: "vi" | "en", max = 32): string {
  const label = q.label[l];
  if (label.length <= max) return label;
  const cut = label.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:(]+$/, "")}…`;
}

/** Last period's answer: shown under the question, and offered as a button when it can be given again. */
export interface PreviousAnswer {
  has: boolean;
  value: AnswerValue | undefined;
}

/**
 * The question screen: progress, label, help, how to answer, the current value when editing and last
 * period's answer, with a "Giữ như kỳ trước" button when that answer can stand again (not a file).
 */
export function questionScreen(
  ctx: BaseContext,
  def: TemplateDefinition,
  q: Question,
  position: { index: number; total: number },
  current: { has: boolean; value: AnswerValue | undefined },
  editing: boolean,
  selected: string[] = [],
  previous: PreviousAnswer = { has: false, value: undefined },
): { text: FormattedString; keyboard: InlineKeyboard } {
  const l = lang(ctx);
  const qi = def.questions.findIndex((x) => x.key === q.key);
  const parts: Array<string | FormattedString> = [
    ctx.t("report-progress", { index: position.index, total: position.total }),
    "\n",
    FormattedString.bold(q.label[l]),
  ];
  if (q.help) parts.push("\n", FormattedString.italic(q.help[l]));
  parts.push("\n\n", typeHint(ctx, q));
  if (!q.required) parts.push(" ", ctx.t("report-hint-optional"));
  if (current.has) parts.push("\n", ctx.t("report-current", { value: clip(showAnswer(ctx, q, current.value), 300) }));
  if (previous.has) parts.push("\n", ctx.t("report-previous", { value: clip(showAnswer(ctx, q, previous.value), 300) }));
  const kb = new InlineKeyboard();
  const button = (b: FilingButton) => encodeButton(b);
  if (q.type === "yes-no")
    kb.text(ctx.t("report-yes"), button({ action: "choice", question: qi, value: "yes" })).text(ctx.t("report-no"), button({ action: "choice", question: qi, value: "no" })).row();
  if (q.type === "single-choice") for (const c of q.choices ?? []) kb.text(c.label[l], button({ action: "choice", question: qi, value: c.value })).row();
  if (q.type === "multi-choice") {
    for (const c of q.choices ?? []) kb.text(`${selected.includes(c.value) ? "☑" : "☐"} ${c.label[l]}`, button({ action: "toggle", question: qi, value: c.value })).row();
    kb.text(ctx.t("report-button-done"), button({ action: "done", question: qi })).row();
  }
  if (previous.has && q.type !== "attachment") kb.text(ctx.t("report-button-previous"), button({ action: "previous", question: qi })).row();
  if (!q.required) kb.text(ctx.t("report-button-skip"), button({ action: "skip", question: qi }));
  if (editing) kb.text(ctx.t("report-button-keep"), button({ action: "keep", question: qi }));
  if (!q.required || editing) kb.row();
  kb.text(ctx.t("report-button-later"), button({ action: "later" }));
  return { text: FormattedString.join(parts, ""), keyboard: compact(kb) };
}

export function multiChoiceKeyboard(ctx: BaseContext, def: TemplateDefinition, q: Question, selected: string[], editing: boolean, previous?: PreviousAnswer): InlineKeyboard {
  return questionScreen(ctx, def, q, { index: 0, total: 0 }, { has: false, value: undefined }, editing, selected, previous).keyboard;
}

/** The header of a report: template, agency, period and deadline. */
export function reportHeader(ctx: BaseContext, def: TemplateDefinition, snap: Pick<FilingSnapshot, "agencyName" | "periodKey" | "deadlineOn">): string {
  return ctx.t("report-header", {
    title: def.title[lang(ctx)],
    // A name stored before names were limited must not make the report's first screen unsendable.
    agency: clip(snap.agencyName, AGENCY_NAME_MAX),
    period: periodLabel(snap.periodKey, ctx.t),
    deadline: formatVnDate(snap.deadlineOn),
  });
}

/** Answers longer than this are cut on the review, which must fit one screen. */
const REVIEW_ANSWER_CHARS = 60;
/** Question lines on the review; more are counted in one line and reached through "Sửa". */
export const REVIEW_QUESTION_LINES = 18;
/** Questions a page of the "Sửa" list. */
export const EDIT_LIST_PAGE = 10;

/**
 * The review: one line a question ("short name: answer"), at most 25 lines in all, with one "Sửa" button that
 * opens the list of questions, the submit button and "finish later". Read-only (`canSubmit` false): no "Sửa".
 */
export function reviewScreen(
  ctx: BaseContext,
  def: TemplateDefinition,
  snap: FilingSnapshot,
  questions: Question[],
  canSubmit: boolean,
  statusLine: string,
): { messages: string[]; keyboard: InlineKeyboard } {
  const l = lang(ctx);
  const lines = [reportHeader(ctx, def, snap), statusLine, "", ctx.t("report-review-title")].filter((x, i) => i !== 1 || x);
  const shown = questions.slice(0, REVIEW_QUESTION_LINES);
  shown.forEach((q, i) => lines.push(`${i + 1}. ${shortName(q, l)}: ${clip(showAnswer(ctx, q, (snap.answers as AnswerMap)[q.key]), REVIEW_ANSWER_CHARS)}`));
  if (questions.length > shown.length) lines.push(ctx.t("report-review-more", { count: questions.length - shown.length }));
  lines.push("", ctx.t(canSubmit ? "report-review-help" : "report-review-help-readonly"));
  const messages: string[] = [];
  let cur = "";
  for (const line of lines) {
    const add = cur ? `${cur}\n${line}` : line;
    if (add.length > MESSAGE_LIMIT && cur) {
      messages.push(cur);
      cur = line;
    } else cur = add;
  }
  if (cur) messages.push(cur);
  const kb = new InlineKeyboard();
  if (canSubmit) {
    kb.text(ctx.t("report-button-edit"), encodeButton({ action: "edit-list", page: 0 }));
    kb.text(ctx.t(snap.status === "draft" ? "report-button-submit" : "report-button-resubmit"), encodeButton({ action: "submit" })).row();
  }
  kb.text(ctx.t("report-button-later"), encodeButton({ action: "later" }));
  return { messages, keyboard: compact(kb) };
}

/** "Sửa": the asked questions by short name with their answers, one button each, paged; back to the review. */
export function editListScreen(ctx: BaseContext, def: TemplateDefinition, answers: AnswerMap, questions: Question[], page: number): { text: string; keyboard: InlineKeyboard } {
  const l = lang(ctx);
  const pages = Math.max(1, Math.ceil(questions.length / EDIT_LIST_PAGE));
  const p = Math.min(Math.max(0, page), pages - 1);
  const kb = new InlineKeyboard();
  questions.slice(p * EDIT_LIST_PAGE, (p + 1) * EDIT_LIST_PAGE).forEach((q, i) => {
    const n = p * EDIT_LIST_PAGE + i + 1;
    const label = clip(`${n}. ${shortName(q, l, 28)}: ${showAnswer(ctx, q, answers[q.key])}`, 60);
    kb.text(label, encodeButton({ action: "edit", question: def.questions.indexOf(q) })).row();
  });
  if (p > 0) kb.text("◀️", encodeButton({ action: "edit-list", page: p - 1 }));
  kb.text(ctx.t("report-button-back-review"), encodeButton({ action: "review" }));
  if (p < pages - 1) kb.text("▶️", encodeButton({ action: "edit-list", page: p + 1 }));
  return { text: ctx.t("report-edit-list", { page: p + 1, pages }), keyboard: compact(kb) };
}
