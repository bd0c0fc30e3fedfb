import { periodLabel } from "../../format/period-label.ts";
import type { Conversation } from "@grammyjs/conversations";
import { InlineKeyboard } from "grammy";
import type { BaseContext, BotContext } from "../../bot/context.ts";
import { formatVnDate, localDateTime } from "../calendar/calendar-date.ts";
import type { Question, TemplateDefinition } from "../templates/template-definition.ts";
import { getTemplateVersion } from "../templates/templates.repository.ts";
import { fillingState, orphanedKeys, ruleBreaches } from "./answer-rules.ts";
import type { AnswerInput, AnswerValue } from "./answer-value.ts";
import { numberFormatter } from "./format-answer.ts";
import { parseAnswer } from "./parse-answer.ts";
import { errorText, forSubmission, formatLocalTime, lang, multiChoiceKeyboard, questionScreenOnce, reviewScreen, showAnswer } from "./report-screens.ts";
import { filingRefusal, amendUntil } from "./submission-rules.ts";
import {
  editorOf,
  loadFiling,
  officialAnswers,
  releaseEditing,
  saveDraftAnswer,
  submitFiling,
  whyNotSaved,
  releaseEditingBy,
  type FilingSnapshot,
  type NotSavedReason,
} from "./submissions.repository.ts";
import { handOffFiling, takeHandoff } from "./filing-handoff.ts";
import { handOffSaved, movedOnByOwnStep, revOf, takeLate, type SavedStep } from "./late-step.ts";

export const REPORT_CONVERSATION = "report";

export type Convo = Conversation<BaseContext, BaseContext>;

export { handOffFiling };

/**
 * Leaves every conversation of this chat before another one takes the next message, and, when it was a report
 * being filed, lets go of the pen on it (but on `keep`), so colleagues can go on at once, as /cancel does.
 */
export async function leaveConversations(ctx: BotContext, keep?: number): Promise<void> {
  const filing = REPORT_CONVERSATION in ctx.conversation.active();
  await ctx.conversation.exitAll();
  if (filing && ctx.viewer.person) await releaseEditingBy(ctx.deps.db, ctx.viewer.person.id, keep);
}

/** Button actions that belong to the running conversation; every other update passes through to the bot. */
const INNER_ACTIONS = new Set(["c", "s", "t", "d", "k", "y", "n", "e", "sub", "later"]);

type Incoming =
  | { type: "foreign" }
  | { type: "action"; action: string; args: string[] }
  | { type: "input"; input: AnswerInput };

/**
 * What an update is to the conversation on `submissionId`. A button of the report is "report:<action>[@<id>]:...":
 * one marked for another submission (a screen of another report) is foreign. Unmarked ones (sent before
 * buttons were marked) act on the report open now, as they always did.
 */
function classify(ctx: BaseContext, submissionId: number): Incoming {
  const data = ctx.callbackQuery?.data;
  if (data !== undefined) {
    const [feature, marked, ...args] = data.split(":");
    const [action, mark] = (marked ?? "").split("@");
    if (feature !== "report" || !action || !INNER_ACTIONS.has(action)) return { type: "foreign" };
    if (mark !== undefined && mark !== String(submissionId)) return { type: "foreign" };
    return { type: "action", action, args };
  }
  const msg = ctx.message;
  if (!msg) return { type: "foreign" };
  // Commands (/cancel, /status, /report, /help ...) are for the rest of the bot.
  if (msg.text?.startsWith("/")) return { type: "foreign" };
  if (msg.text !== undefined) return { type: "input", input: { kind: "text", text: msg.text } };
  if (msg.document) return { type: "input", input: { kind: "attachment", attachment: { kind: "document", fileId: msg.document.file_id, ...(msg.document.file_name ? { fileName: msg.document.file_name } : {}) } } };
  if (msg.photo?.length) return { type: "input", input: { kind: "attachment", attachment: { kind: "photo", fileId: msg.photo[msg.photo.length - 1]!.file_id } } };
  return { type: "input", input: { kind: "other" } };
}

/** Waits for the next update meant for this conversation; anything else goes on to the rest of the bot. */
async function next(conversation: Convo, submissionId: number): Promise<{ ctx: BaseContext; in: Exclude<Incoming, { type: "foreign" }> }> {
  const ctx = await conversation.wait();
  const incoming = classify(ctx, submissionId);
  if (incoming.type === "foreign") return conversation.skip({ next: true });
  if (incoming.type === "action") await ctx.answerCallbackQuery().catch(() => undefined);
  return { ctx, in: incoming };
}

/**
 * Sends a screen to the chat of the update being handled without keeping Telegram's answer (the whole
 * message, text and keyboard) in the replay log, as `ctx.reply` would: nothing here reads it, and the state
 * read and written with every update stays about half the size. Sent once, like any reply; a replay skips it.
 */
async function say(conversation: Convo, text: string, other: Parameters<BaseContext["reply"]>[1]): Promise<void> {
  await conversation.external(async (outside) => {
    await outside.reply(text, other);
  });
}

/** "reload": what was on screen no longer holds; the conversation starts over from the database. */
export type AskOutcome = "saved" | "kept" | "later" | "lost" | "reload";

/** Today in REPORT_TIMEZONE, read now (not the day kept in the replay log when the screen was shown). */
function todayNow(conversation: Convo, ctx: BaseContext): Promise<string> {
  const { clock, config } = ctx.deps;
  return conversation.external(() => localDateTime(clock.now(), config.REPORT_TIMEZONE).date);
}

/**
 * Tells the person why their answer or submission was not taken, and what happens next: "reload" shows where
 * the report stands now (a colleague changed it, or it can no longer be changed: the review, read-only);
 * "lost" ends the conversation.
 */
async function refused(conversation: Convo, ctx: BaseContext, submissionId: number, personId: number, reason: NotSavedReason): Promise<"reload" | "lost"> {
  switch (reason) {
    case "not-editor":
      await tellTakenOver(conversation, ctx, submissionId);
      return "lost";
    case "changed":
      await ctx.reply(ctx.t("report-changed-meanwhile"));
      return "reload";
    case "behind":
      await ctx.reply(ctx.t("report-screen-behind"));
      return "reload";
    case "no-right":
      await conversation.external(() => releaseEditing(ctx.deps.db, submissionId, personId));
      await ctx.reply(ctx.t("report-refused-no-right"));
      return "lost";
    case "period-closed":
    case "amend-closed":
      await ctx.reply(ctx.t(`report-refused-${reason}`));
      return "reload";
    case "missing":
      await ctx.reply(ctx.t("report-refused-missing"));
      return "lost";
  }
}

/**
 * The report conversation for one submission. Every answer is saved to draft_answers at once; the loop
 * then rewinds to its head, so the replay log (kept in the database) stays the size of one step however
 * long the report is, and each screen is decided from the database: the first unanswered question, or the
 * review once everything asked is answered.
 */
export async function reportConversation(conversation: Convo, ctx: BaseContext, submissionId: number): Promise<void> {
  const personId = ctx.viewer.person?.id;
  if (personId === undefined) return;
  const { db, config, clock } = ctx.deps;

  const head = conversation.checkpoint();
  const loaded = await conversation.external(async () => ({
    snap: takeHandoff(submissionId, personId) ?? (await loadFiling(db, submissionId)),
    today: localDateTime(clock.now(), config.REPORT_TIMEZONE).date,
  }));
  const snap = loaded.snap;
  if (!snap) return;
  if (snap.editingPersonId !== null && snap.editingPersonId !== personId) {
    await tellTakenOver(conversation, ctx, submissionId);
    return;
  }
  // Template versions never change, so reading one outside `external` replays identically.
  const def = (await getTemplateVersion(db, snap.templateVersionId))!.definition;
  const state = fillingState(def, snap.answers);
  const refusal = filingRefusal(snap.status, windowOf(snap), loaded.today);

  if (!state.complete && !refusal) {
    const q = state.next!;
    const outcome = await ask(conversation, ctx, def, snap, state, q, false, personId);
    if (outcome === "saved" || outcome === "kept" || outcome === "reload") return conversation.rewind(head);
    if (outcome === "later") return finishLater(conversation, ctx, submissionId, personId);
    return;
  }

  // Review: every answer, with buttons to edit one, submit, or finish later.
  const statusLine = reviewStatusLine(ctx, snap, refusal);
  // A submitted report that can no longer be changed is shown as filed: changes saved to the draft but never
  // submitted before the window closed are not what leaders see, so they are not shown as the report either.
  const filed = refusal && snap.status === "submitted" ? await conversation.external(() => officialAnswers(db, submissionId)) : undefined;
  const screen = filed
    ? reviewScreen(ctx, def, { ...snap, answers: filed }, fillingState(def, filed).questions, false, statusLine)
    : reviewScreen(ctx, def, snap, state.questions, !refusal && state.complete, statusLine);
  for (const [i, text] of screen.messages.entries())
    await say(conversation, text, i === screen.messages.length - 1 ? { reply_markup: forSubmission(screen.keyboard, submissionId) } : {});
  const shown = conversation.checkpoint();
  const got = await next(conversation, snap.submissionId);
  if (got.in.type === "input") {
    await got.ctx.reply(ctx.t("report-review-use-buttons"));
    return conversation.rewind(shown);
  }
  const { action, args } = got.in;
  if (action === "later") return finishLater(conversation, got.ctx, submissionId, personId);
  if (refusal) {
    await got.ctx.reply(ctx.t("button-expired"));
    return conversation.rewind(shown);
  }
  if (action === "e") {
    const q = def.questions[Number(args[0])];
    if (!q || !state.questions.includes(q)) return conversation.rewind(shown);
    // The review may have been shown before the amendment deadline passed.
    const late = filingRefusal(snap.status, windowOf(snap), await todayNow(conversation, ctx));
    if (late) {
      await got.ctx.reply(ctx.t(`report-refused-${late}`));
      return conversation.rewind(head);
    }
    const outcome = await ask(conversation, got.ctx, def, snap, state, q, true, personId);
    if (outcome === "saved" || outcome === "kept" || outcome === "reload") return conversation.rewind(head);
    if (outcome === "later") return finishLater(conversation, got.ctx, submissionId, personId);
    return;
  }
  if (action === "sub") {
    const result = await conversation.external(() =>
      submitFiling(db, { submissionId, personId, now: clock.now(), timeZone: config.REPORT_TIMEZONE, expectedRev: revOf(snap) }),
    );
    if (!result.ok) {
      if (result.reason === "incomplete") return conversation.rewind(head);
      if ((await refused(conversation, got.ctx, submissionId, personId, result.reason)) === "reload") return conversation.rewind(head);
      return;
    }
    if (result.unchanged) {
      await got.ctx.reply(ctx.t("report-submit-unchanged", { ref: result.refNo }));
      return;
    }
    const submittedAt = result.at;
    const window = windowOf(snap);
    // A repeated filing (its confirmation was lost when the process stopped) is confirmed as it was filed.
    const amendOpen = localDateTime(new Date(submittedAt), config.REPORT_TIMEZONE).date <= amendUntil(window);
    const confirmation = ctx.t(result.event === "submitted" ? "report-submitted" : "report-resubmitted", {
        title: def.title[lang(ctx)],
        agency: snap.agencyName,
        period: periodLabel(snap.periodKey, ctx.t),
        ref: result.refNo,
        version: result.version,
        changed: result.changed.length,
        at: formatLocalTime(submittedAt, config.REPORT_TIMEZONE),
        timeliness: ctx.t(result.onTime ? "report-on-time" : "report-late"),
        deadline: formatVnDate(snap.deadlineOn),
      });
    const amendLine = amendOpen
      ? ctx.t("report-submitted-amend-until", { until: formatVnDate(amendUntil(window)) })
      : ctx.t("report-submitted-amend-closed");
    await got.ctx.reply(`${confirmation}\n${amendLine}`);
    return;
  }
  // A stale question button pressed on the review screen (or one of a newer screen this conversation missed).
  if (await movedOnByOwnStep(conversation, ctx, snap, personId)) {
    await got.ctx.reply(ctx.t("report-screen-behind"));
    return conversation.rewind(head);
  }
  await got.ctx.reply(ctx.t("button-expired"));
  return conversation.rewind(shown);
}

function windowOf(snap: FilingSnapshot) {
  return { status: snap.periodStatus, deadlineOn: snap.deadlineOn, reopenedUntil: snap.reopenedUntil };
}

function reviewStatusLine(ctx: BaseContext, snap: FilingSnapshot, refusal: string | undefined): string {
  if (refusal === "period-closed") return ctx.t("report-review-period-closed");
  if (refusal === "amend-closed") return ctx.t("report-review-amend-closed", { ref: snap.refNo ?? "", deadline: formatVnDate(amendUntil(windowOf(snap))) });
  if (snap.status === "returned") return ctx.t("report-review-returned", { comment: snap.returnComment ?? "" });
  if (snap.status === "submitted") return ctx.t("report-review-amending", { ref: snap.refNo ?? "", version: snap.version, until: formatVnDate(amendUntil(windowOf(snap))) });
  return "";
}

/** Asks one question until it gets a valid answer (or the person leaves), and saves it to the draft. */
async function ask(
  conversation: Convo,
  ctx: BaseContext,
  def: TemplateDefinition,
  snap: FilingSnapshot,
  /** `fillingState(def, snap.answers)`, which the caller has already worked out. */
  state: ReturnType<typeof fillingState>,
  q: Question,
  editing: boolean,
  personId: number,
): Promise<AskOutcome> {
  const { db, clock, config } = ctx.deps;
  const qi = def.questions.indexOf(q);
  const position = { index: Math.max(1, state.questions.indexOf(q) + 1), total: state.total };
  const has = q.key in snap.answers;
  const current = snap.answers[q.key];
  let selected = Array.isArray(current) ? [...current] : [];

  const askAgain = conversation.checkpoint();
  const screen = questionScreenOnce(ctx, def, q, position, { has, value: current }, editing, selected);
  await say(conversation, screen.text.text, { entities: screen.text.entities, reply_markup: forSubmission(screen.keyboard, snap.submissionId) });
  const prompted = conversation.checkpoint();

  let input: AnswerInput | undefined;
  let value: AnswerValue | undefined;
  let confirmed = false;
  let last = ctx;
  while (input === undefined && value === undefined) {
    const got = await next(conversation, snap.submissionId);
    last = got.ctx;
    if (got.in.type === "input") {
      input = got.in.input;
      break;
    }
    const { action, args } = got.in;
    if (action === "later") return "later";
    const forThis = Number(args[0]) === qi;
    if (!forThis) {
      if (await movedOnByOwnStep(conversation, ctx, snap, personId)) return refused(conversation, got.ctx, snap.submissionId, personId, "behind");
      await got.ctx.reply(ctx.t("button-expired"));
      return conversation.rewind(prompted);
    }
    if (action === "c") input = { kind: "choice", value: args.slice(1).join(":") };
    else if (action === "s" && !q.required) value = null;
    else if (action === "k" && editing) return "kept";
    else if (action === "t" && q.type === "multi-choice") {
      const v = args[1] ?? "";
      if (q.choices?.some((c) => c.value === v)) {
        selected = selected.includes(v) ? selected.filter((x) => x !== v) : [...selected, v];
        await got.ctx.editMessageReplyMarkup({ reply_markup: forSubmission(multiChoiceKeyboard(ctx, def, q, selected, editing), snap.submissionId) }).catch(() => undefined);
      }
    } else if (action === "d" && q.type === "multi-choice") input = { kind: "choices", values: selected };
    else {
      if (await movedOnByOwnStep(conversation, ctx, snap, personId)) return refused(conversation, got.ctx, snap.submissionId, personId, "behind");
      await got.ctx.reply(ctx.t("button-expired"));
      return conversation.rewind(prompted);
    }
  }

  if (value === undefined) {
    const parsed = parseAnswer(q, input!, numberFormatter(lang(ctx)));
    if (!parsed.ok) {
      await last.reply(errorText(ctx, parsed.error));
      return conversation.rewind(askAgain);
    }
    value = parsed.value;
    const breaches = ruleBreaches(def, snap.answers, q.key, value);
    const l = lang(ctx);
    const describe = (b: (typeof breaches)[number]) => ({
      label: b.left.label[l],
      value: showAnswer(ctx, b.left, b.leftValue),
      other: b.right.label[l],
      otherValue: showAnswer(ctx, b.right, b.rightValue),
    });
    const hard = breaches.find((b) => !b.confirmable);
    if (hard) {
      await last.reply(ctx.t("report-error-lte", describe(hard)));
      return conversation.rewind(askAgain);
    }
    const soft = breaches[0];
    if (soft) {
      const kb = forSubmission(
        new InlineKeyboard().text(ctx.t("report-button-confirm"), `report:y:${qi}`).text(ctx.t("report-button-retry"), `report:n:${qi}`),
        snap.submissionId,
      );
      await last.reply(ctx.t("report-confirm-lte", describe(soft)), { reply_markup: kb });
      const confirmShown = conversation.checkpoint();
      const got = await next(conversation, snap.submissionId);
      if (got.in.type === "action" && got.in.action === "y" && Number(got.in.args[0]) === qi) {
        confirmed = true;
        await got.ctx.editMessageReplyMarkup().catch(() => undefined);
      } else if (got.in.type === "action" && got.in.action === "n" && Number(got.in.args[0]) === qi) {
        await got.ctx.editMessageReplyMarkup().catch(() => undefined);
        return conversation.rewind(askAgain);
      } else if (got.in.type === "action" && got.in.action === "later") {
        return "later";
      } else {
        await got.ctx.reply(ctx.t("report-use-buttons"));
        return conversation.rewind(confirmShown);
      }
    }
  }

  const drop = orphanedKeys(def, { ...snap.answers, [q.key]: value });
  const result = await conversation.external(async (): Promise<{ step: SavedStep } | { why: NotSavedReason }> => {
    const now = clock.now();
    const attempt = { submissionId: snap.submissionId, personId, rev: revOf(snap), today: localDateTime(now, config.REPORT_TIMEZONE).date };
    const saved = await saveDraftAnswer(db, { ...attempt, key: q.key, value: value!, drop, now });
    return saved ? { step: { saved, base: snap, key: q.key, value: value!, drop } } : { why: await whyNotSaved(db, attempt) };
  });
  if ("why" in result && result.why === "behind") {
    const late = await takeLate(conversation, last, def, snap, q, { value, input, confirmed }, personId);
    return typeof late === "string" ? late : refused(conversation, last, snap.submissionId, personId, late.why);
  }
  if ("why" in result) return refused(conversation, last, snap.submissionId, personId, result.why);
  await handOffSaved(conversation, result.step, personId);
  return "saved";
}

async function finishLater(conversation: Convo, ctx: BaseContext, submissionId: number, personId: number): Promise<void> {
  await conversation.external(() => releaseEditing(ctx.deps.db, submissionId, personId));
  await ctx.reply(ctx.t("report-saved-for-later"));
}

async function tellTakenOver(conversation: Convo, ctx: BaseContext, submissionId: number): Promise<void> {
  const holder = await conversation.external(() => editorOf(ctx.deps.db, submissionId));
  await ctx.reply(ctx.t("report-taken-over", { name: holder?.displayName ?? "?" }));
}
