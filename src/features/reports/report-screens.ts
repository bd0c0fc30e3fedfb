import { periodLabel } from "../../format/period-label.ts";
import { InlineKeyboard } from "grammy";
import { FormattedString } from "@grammyjs/parse-mode";
import type { BaseContext } from "../../bot/context.ts";
import { AGENCY_NAME_MAX } from "../agencies/agency-import.ts";
import { formatVnDate, localDateTime } from "../calendar/calendar-date.ts";
import type { Question, TemplateDefinition } from "../templates/template-definition.ts";
import type { AnswerMap, AnswerValue } from "./answer-value.ts";
import { clip } from "../../bot/telegram-limits.ts";
import { formatAnswer, numberFormatter, type AnswerWords } from "./format-answer.ts";
import type { AnswerError } from "./parse-answer.ts";
import type { FilingSnapshot } from "./submissions.repository.ts";

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
 * Screens are built (and cached) without it; the mark is put on as they are sent.
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

/** The question screen: progress, label, help, how to answer, and the current value when editing. */
export function questionScreen(
  ctx: BaseContext,
  def: TemplateDefinition,
  q: Question,
  position: { index: number; total: number },
  current: { has: boolean; value: AnswerValue | undefined },
  editing: boolean,
  selected: string[] = [],
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
  const kb = new InlineKeyboard();
  if (q.type === "yes-no") kb.text(ctx.t("report-yes"), `report:c:${qi}:yes`).text(ctx.t("report-no"), `report:c:${qi}:no`).row();
  if (q.type === "single-choice") for (const c of q.choices ?? []) kb.text(c.label[l], `report:c:${qi}:${c.value}`).row();
  if (q.type === "multi-choice") {
    for (const c of q.choices ?? []) kb.text(`${selected.includes(c.value) ? "☑" : "☐"} ${c.label[l]}`, `report:t:${qi}:${c.value}`).row();
    kb.text(ctx.t("report-button-done"), `report:d:${qi}`).row();
  }
  if (!q.required) kb.text(ctx.t("report-button-skip"), `report:s:${qi}`);
  if (editing) kb.text(ctx.t("report-button-keep"), `report:k:${qi}`);
  if (!q.required || editing) kb.row();
  kb.text(ctx.t("report-button-later"), "report:later");
  return { text: FormattedString.join(parts, ""), keyboard: compact(kb) };
}

/**
 * Question screens already built, per template version, by everything a screen shows. The report
 * conversation replays the screen it waits on at every update (and again, live, after a saved answer),
 * so most screens are asked for twice in a row. The language is the one ctx.t speaks: the person's, else
 * the configured default.
 */
const builtScreens = new WeakMap<TemplateDefinition, Map<string, ReturnType<typeof questionScreen>>>();
const BUILT_SCREENS_MAX = 2_000;

/** `questionScreen`, built once for the same inputs; the result is shared, so it must not be changed. */
export function questionScreenOnce(...args: Parameters<typeof questionScreen>): ReturnType<typeof questionScreen> {
  const [ctx, def, q, position, current, editing, selected = []] = args;
  let built = builtScreens.get(def);
  if (!built) builtScreens.set(def, (built = new Map()));
  const key = JSON.stringify([
    ctx.viewer.person?.locale ?? null,
    ctx.deps.config.DEFAULT_LOCALE,
    q.key,
    position.index,
    position.total,
    current.has,
    current.value ?? null,
    editing,
    selected,
  ]);
  let screen = built.get(key);
  if (!screen) {
    screen = questionScreen(...args);
    if (built.size >= BUILT_SCREENS_MAX) built.delete(built.keys().next().value!);
    built.set(key, screen);
  }
  return screen;
}

export function multiChoiceKeyboard(ctx: BaseContext, def: TemplateDefinition, q: Question, selected: string[], editing: boolean): InlineKeyboard {
  return questionScreen(ctx, def, q, { index: 0, total: 0 }, { has: false, value: undefined }, editing, selected).keyboard;
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

/**
 * The review screen: every asked question with its answer, in messages under Telegram's limit,
 * the last one carrying the buttons (edit by number, submit, finish later).
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
  questions.forEach((q, i) => lines.push(`${i + 1}. ${q.label[l]}\n   → ${clip(showAnswer(ctx, q, (snap.answers as AnswerMap)[q.key]), 400)}`));
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
    questions.forEach((q, i) => {
      kb.text(`✏️ ${i + 1}`, `report:e:${def.questions.findIndex((x) => x.key === q.key)}`);
      if ((i + 1) % 5 === 0) kb.row();
    });
    if (questions.length % 5 !== 0) kb.row();
    kb.text(ctx.t(snap.status === "draft" ? "report-button-submit" : "report-button-resubmit"), "report:sub").row();
  }
  kb.text(ctx.t("report-button-later"), "report:later");
  return { messages, keyboard: compact(kb) };
}
