import { Composer, InlineKeyboard } from "grammy";
import type { BaseContext, BotContext } from "../../bot/context.ts";
import { accessRefusal } from "../../bot/roles.ts";
import { runStatement, type Statement } from "../../db/client.ts";
import { periodLabel } from "../../format/period-label.ts";
import { formatVnDate, localDateTime } from "../../time/calendar-date.ts";
import type { TemplateDefinition } from "../templates/template-definition.ts";
import { getTemplateVersion } from "../templates/templates.repository.ts";
import { fillingState, ruleBreaches, type RuleBreach } from "./answer-rules.ts";
import type { AnswerInput, AnswerMap } from "./answer-value.ts";
import { decodeButton, encodeButton } from "./filing-buttons.ts";
import { endSession, endSessionNow, loadOpenFiling, writeSession, type OpenFiling } from "./filing-sessions.repository.ts";
import { applySave, filingStep, standing, type FilingEvent, type FilingReport, type FilingScreen, type Reply, type Step } from "./filing-step.ts";
import { numberFormatter } from "./format-answer.ts";
import { editListScreen, errorText, forSubmission, formatLocalTime, lang, multiChoiceKeyboard, questionScreen, reviewScreen, showAnswer } from "./report-screens.ts";
import { amendUntil, filingRefusal } from "./submission-rules.ts";
import {
  editorOf,
  loadFiling,
  officialAnswers,
  releaseEditing,
  releaseEditingBy,
  saveDraftAnswer,
  submitFiling,
  whyNotSaved,
  type FilingSnapshot,
  type NotSavedReason,
} from "./submissions.repository.ts";

/**
 * The Telegram side of filing: one handler per kind of update (a button, typed text, a file, anything else).
 * Each reads the chat's filing session with its report in one statement, asks `filingStep` what to do, does
 * it (a guarded save, a submission), answers, and keeps the new session with the chat lock's unlock.
 * Updates that are not the filing's (no session, a command, another feature's button) go on to the rest of the bot.
 */
export function filingUpdates(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on("callback_query:data", async (ctx, next) => {
    const marked = decodeButton(ctx.callbackQuery.data);
    if (!marked) return next();
    return handle(ctx, next, { kind: "button", button: marked.button }, marked.submissionId);
  });
  composer.on("message:text", (ctx, next) => {
    // Commands (/cancel, /status, /report, /help ...) are for the rest of the bot.
    if (ctx.message.text.startsWith("/")) return next();
    return handle(ctx, next, { kind: "input", input: { kind: "text", text: ctx.message.text } });
  });
  composer.on(["message:document", "message:photo"], (ctx, next) => {
    const msg = ctx.message;
    const input: AnswerInput = msg.document
      ? { kind: "attachment", attachment: { kind: "document", fileId: msg.document.file_id, ...(msg.document.file_name ? { fileName: msg.document.file_name } : {}) } }
      : { kind: "attachment", attachment: { kind: "photo", fileId: msg.photo!.at(-1)!.file_id } };
    return handle(ctx, next, { kind: "input", input });
  });
  // Anything else (a sticker, a voice message...): the question says what it takes. Passed-on commands, text and
  // files reach here too, and go on.
  composer.on("message", (ctx, next) => {
    const msg = ctx.message;
    if (msg.text !== undefined || msg.document || msg.photo) return next();
    return handle(ctx, next, { kind: "input", input: { kind: "other" } });
  });
  return composer;
}

/** Ends this chat's filing, if any, and lets go of the pen on every report the person holds but `keep`. */
export async function leaveFiling(ctx: BaseContext, keep?: number): Promise<boolean> {
  const person = ctx.viewer.person;
  const chatId = ctx.chat?.id;
  const had = chatId === undefined ? false : await endSessionNow(ctx.deps.db, chatId);
  if (person) await releaseEditingBy(ctx.deps.db, person.id, keep);
  return had;
}

/** Runs a statement last, with the chat lock's unlock (in its round trip), or now when there is no lock. */
export async function atUnlock(ctx: BaseContext, statement: Statement): Promise<void> {
  if (ctx.chatLock) ctx.chatLock.atUnlock("filing-session", statement);
  else await runStatement(ctx.deps.db, statement);
}

function reportOf(def: TemplateDefinition, snap: FilingSnapshot, previous: AnswerMap): FilingReport {
  return {
    def,
    status: snap.status,
    window: windowOf(snap),
    editingPersonId: snap.editingPersonId,
    rev: snap.draftRev,
    answers: snap.answers,
    previous,
  };
}

function windowOf(snap: FilingSnapshot) {
  return { status: snap.periodStatus, deadlineOn: snap.deadlineOn, reopenedUntil: snap.reopenedUntil };
}

function today(ctx: BaseContext): string {
  return localDateTime(ctx.deps.clock.now(), ctx.deps.config.REPORT_TIMEZONE).date;
}

async function definitionOf(ctx: BaseContext, snap: FilingSnapshot): Promise<TemplateDefinition> {
  return (await getTemplateVersion(ctx.deps.db, snap.templateVersionId))!.definition;
}

async function handle(ctx: BotContext, next: () => Promise<void>, event: FilingEvent, mark?: number): Promise<void> {
  const person = ctx.viewer.person;
  const chatId = ctx.chat?.id;
  // Filing runs before the access gate: someone deactivated (or left without a role) meets the gate instead.
  if (!person || chatId === undefined || accessRefusal(ctx.viewer) !== null) return next();
  const open = await loadOpenFiling(ctx.deps.db, chatId);
  // A button of another report's screen is not this filing's (the bot says it is stale).
  if (!open || open.conversationOpen || open.personId !== person.id || (mark !== undefined && mark !== open.snap.submissionId)) return next();
  const def = await definitionOf(ctx, open.snap);
  const report = reportOf(def, open.snap, open.previous);
  const step = filingStep({ report, session: open.session, personId: person.id, today: today(ctx), event, format: numberFormatter(lang(ctx)) });
  if (step.pass) return next();
  if (event.kind === "button") await ctx.answerCallbackQuery().catch(() => undefined);
  await carryOut(ctx, open, def, step);
}

/** Does what a step says: save or submit, answer, show the next screen, keep the session. */
async function carryOut(ctx: BotContext, open: OpenFiling, def: TemplateDefinition, step: Step): Promise<void> {
  const { db, clock, config } = ctx.deps;
  const personId = open.personId;
  const chatId = ctx.chat!.id;
  let snap = open.snap;
  if (step.save) {
    const now = clock.now();
    const attempt = { submissionId: snap.submissionId, personId, rev: snap.draftRev, today: localDateTime(now, config.REPORT_TIMEZONE).date };
    const saved = await saveDraftAnswer(db, { ...attempt, ...step.save, now });
    if (!saved) return refused(ctx, open, def, await whyNotSaved(db, attempt));
    snap = { ...snap, ...saved, answers: applySave(snap.answers, step.save), editingPersonId: personId };
  }
  if (step.submit) return submit(ctx, open, def);
  for (const reply of step.say) await say(ctx, snap, reply);
  if (step.clearButtons) await ctx.editMessageReplyMarkup().catch(() => undefined);
  if (step.end) {
    if (step.end === "release") await releaseEditing(db, snap.submissionId, personId);
    return atUnlock(ctx, endSession(chatId));
  }
  const screen = step.next ?? open.session.screen;
  let selection = step.selection ?? open.session.selection;
  if (step.selection && screen.kind === "question") {
    const q = def.questions.find((x) => x.key === screen.key)!;
    const kb = multiChoiceKeyboard(ctx, def, q, step.selection, screen.editing, previousOf(open.previous, q.key));
    await ctx.editMessageReplyMarkup({ reply_markup: forSubmission(kb, snap.submissionId) }).catch(() => undefined);
  }
  if (step.next && step.show) selection = await showScreen(ctx, def, snap, open.previous, screen);
  await atUnlock(ctx, writeSession({ chatId, personId, submissionId: snap.submissionId, session: { screen, rev: snap.draftRev, selection }, now: clock.now() }));
}

function previousOf(previous: AnswerMap, key: string) {
  return { has: key in previous, value: previous[key] };
}

/** The save was refused after the step (a colleague, the window, the person's rights changed meanwhile). */
async function refused(ctx: BotContext, open: OpenFiling, def: TemplateDefinition, reason: NotSavedReason): Promise<void> {
  const chatId = ctx.chat!.id;
  const { db } = ctx.deps;
  if (reason === "not-editor" || reason === "no-right" || reason === "missing") {
    if (reason === "not-editor") await say(ctx, open.snap, { kind: "taken-over" });
    else await ctx.reply(ctx.t(`report-refused-${reason}`));
    if (reason === "no-right") await releaseEditing(db, open.snap.submissionId, open.personId);
    return atUnlock(ctx, endSession(chatId));
  }
  await ctx.reply(ctx.t(reason === "changed" ? "report-changed-meanwhile" : reason === "behind" ? "report-screen-behind" : `report-refused-${reason}`));
  await showStanding(ctx, open, def);
}

/** Shows where the report stands now (read again) and keeps the session there. */
async function showStanding(ctx: BotContext, open: OpenFiling, def: TemplateDefinition): Promise<void> {
  const fresh = await loadFiling(ctx.deps.db, open.snap.submissionId);
  if (!fresh) return atUnlock(ctx, endSession(ctx.chat!.id));
  const screen = standing(def, fresh.answers, filingRefusal(fresh.status, windowOf(fresh), today(ctx)));
  const selection = await showScreen(ctx, def, fresh, open.previous, screen);
  await atUnlock(ctx, writeSession({ chatId: ctx.chat!.id, personId: open.personId, submissionId: fresh.submissionId, session: { screen, rev: fresh.draftRev, selection }, now: ctx.deps.clock.now() }));
}

async function say(ctx: BotContext, snap: FilingSnapshot, reply: Reply): Promise<void> {
  switch (reply.kind) {
    case "text":
      return void (await ctx.reply(ctx.t(reply.key)));
    case "error":
      return void (await ctx.reply(errorText(ctx, reply.error)));
    case "rule":
      return void (await ctx.reply(ctx.t("report-error-lte", describe(ctx, reply.breach))));
    case "saved-as-current":
      return void (await ctx.reply(
        ctx.t("report-saved-as-current", { index: reply.index, label: reply.question.label[lang(ctx)], value: showAnswer(ctx, reply.question, reply.value) }),
      ));
    case "taken-over": {
      const holder = await editorOf(ctx.deps.db, snap.submissionId);
      return void (await ctx.reply(ctx.t("report-taken-over", { name: holder?.displayName ?? "?" })));
    }
  }
}

function describe(ctx: BaseContext, b: RuleBreach) {
  const l = lang(ctx);
  return { label: b.left.label[l], value: showAnswer(ctx, b.left, b.leftValue), other: b.right.label[l], otherValue: showAnswer(ctx, b.right, b.rightValue) };
}

/** Sends a screen of the report as it stands in `snap`; returns the multi-choice selection it starts with. */
export async function showScreen(ctx: BaseContext, def: TemplateDefinition, snap: FilingSnapshot, previous: AnswerMap, screen: FilingScreen): Promise<string[]> {
  const sid = snap.submissionId;
  const state = fillingState(def, snap.answers);
  if (screen.kind === "question") {
    const q = def.questions.find((x) => x.key === screen.key)!;
    const current = snap.answers[q.key];
    const selection = Array.isArray(current) ? [...current] : [];
    const position = { index: Math.max(1, state.questions.indexOf(q) + 1), total: state.total };
    const built = questionScreen(ctx, def, q, position, { has: q.key in snap.answers, value: current }, screen.editing, selection, previousOf(previous, q.key));
    await ctx.reply(built.text.text, { entities: built.text.entities, reply_markup: forSubmission(built.keyboard, sid) });
    return selection;
  }
  if (screen.kind === "confirm") {
    const q = def.questions.find((x) => x.key === screen.key)!;
    const qi = def.questions.indexOf(q);
    const breach = ruleBreaches(def, snap.answers, q.key, screen.value)[0];
    const kb = new InlineKeyboard()
      .text(ctx.t("report-button-confirm"), encodeButton({ action: "confirm", question: qi }))
      .text(ctx.t("report-button-retry"), encodeButton({ action: "retry", question: qi }));
    if (breach) await ctx.reply(ctx.t("report-confirm-lte", describe(ctx, breach)), { reply_markup: forSubmission(kb, sid) });
    return [];
  }
  if (screen.kind === "edit-list") {
    const built = editListScreen(ctx, def, snap.answers, state.questions, screen.page);
    await ctx.reply(built.text, { reply_markup: forSubmission(built.keyboard, sid) });
    return [];
  }
  const refusal = filingRefusal(snap.status, windowOf(snap), today(ctx));
  // A submitted report that can no longer be changed is shown as filed: changes saved to the draft but never
  // submitted before the window closed are not what leaders see, so they are not shown as the report either.
  const filed = refusal && snap.status === "submitted" ? await officialAnswers(ctx.deps.db, sid) : undefined;
  const statusLine = reviewStatusLine(ctx, snap, refusal);
  const built = filed
    ? reviewScreen(ctx, def, { ...snap, answers: filed }, fillingState(def, filed).questions, false, statusLine)
    : reviewScreen(ctx, def, snap, state.questions, !refusal && state.complete, statusLine);
  for (const [i, text] of built.messages.entries())
    await ctx.reply(text, i === built.messages.length - 1 ? { reply_markup: forSubmission(built.keyboard, sid) } : {});
  return [];
}

function reviewStatusLine(ctx: BaseContext, snap: FilingSnapshot, refusal: string | undefined): string {
  if (refusal === "period-closed") return ctx.t("report-review-period-closed");
  if (refusal === "amend-closed") return ctx.t("report-review-amend-closed", { ref: snap.refNo ?? "", deadline: formatVnDate(amendUntil(windowOf(snap))) });
  if (snap.status === "returned") return ctx.t("report-review-returned", { comment: snap.returnComment ?? "" });
  if (snap.status === "submitted") return ctx.t("report-review-amending", { ref: snap.refNo ?? "", version: snap.version, until: formatVnDate(amendUntil(windowOf(snap))) });
  return "";
}

async function submit(ctx: BotContext, open: OpenFiling, def: TemplateDefinition): Promise<void> {
  const { db, clock, config } = ctx.deps;
  const { snap, personId } = open;
  const chatId = ctx.chat!.id;
  const result = await submitFiling(db, { submissionId: snap.submissionId, personId, now: clock.now(), timeZone: config.REPORT_TIMEZONE, expectedRev: open.session.rev });
  if (!result.ok) {
    if (result.reason === "incomplete") return showStanding(ctx, open, def);
    return refused(ctx, open, def, result.reason);
  }
  await atUnlock(ctx, endSession(chatId));
  if (result.unchanged) return void (await ctx.reply(ctx.t("report-submit-unchanged", { ref: result.refNo })));
  const window = windowOf(snap);
  // A repeated filing (its confirmation was lost when the process stopped) is confirmed as it was filed.
  const amendOpen = localDateTime(new Date(result.at), config.REPORT_TIMEZONE).date <= amendUntil(window);
  const confirmation = ctx.t(result.event === "submitted" ? "report-submitted" : "report-resubmitted", {
    title: def.title[lang(ctx)],
    agency: snap.agencyName,
    period: periodLabel(snap.periodKey, ctx.t),
    ref: result.refNo,
    version: result.version,
    changed: result.changed.length,
    at: formatLocalTime(result.at, config.REPORT_TIMEZONE),
    timeliness: ctx.t(result.onTime ? "report-on-time" : "report-late"),
    deadline: formatVnDate(snap.deadlineOn),
  });
  const amendLine = amendOpen ? ctx.t("report-submitted-amend-until", { until: formatVnDate(amendUntil(window)) }) : ctx.t("report-submitted-amend-closed");
  await ctx.reply(`${confirmation}\n${amendLine}`);
}
