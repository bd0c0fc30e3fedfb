// The steps of the report conversation that meet a screen behind the person's own saved step: the process
// stopped after a save and before the conversation moved on (see late-answer.ts for where such an answer goes).
import type { BaseContext } from "../../bot/context.ts";
import { localDateTime } from "../calendar/calendar-date.ts";
import type { Question, TemplateDefinition } from "../templates/template-definition.ts";
import { fillingState, orphanedKeys } from "./answer-rules.ts";
import type { AnswerInput, AnswerValue } from "./answer-value.ts";
import { handOffFiling } from "./filing-handoff.ts";
import { numberFormatter } from "./format-answer.ts";
import { placeLateAnswer } from "./late-answer.ts";
import type { AskOutcome, Convo } from "./report.conversation.ts";
import { lang, showAnswer } from "./report-screens.ts";
import { loadFiling, saveDraftAnswer, whyNotSaved, type FilingSnapshot, type NotSavedReason, type SavedDraft } from "./submissions.repository.ts";

/** The draft revision a screen was built from (a snapshot kept by an older version has none: the column's default). */
export function revOf(snap: FilingSnapshot): number {
  return snap.draftRev ?? 0;
}

/** What one saved answer leaves: the snapshot it was saved over, and what it wrote and dropped. */
export interface SavedStep {
  saved: SavedDraft;
  base: FilingSnapshot;
  key: string;
  value: AnswerValue;
  drop: string[];
}

/** The saved state, for the reload right after the rewind (same process, same update). */
export function handOffSaved(conversation: Convo, step: SavedStep, personId: number): Promise<void> {
  return conversation.external(() => {
    const answers = { ...step.base.answers, [step.key]: step.value };
    for (const k of step.drop) delete answers[k];
    handOffFiling({ ...step.base, ...step.saved, answers, editingPersonId: personId }, personId);
  });
}

/**
 * An answer given on a screen behind the person's own saved state (see `placeLateAnswer`): saved where it
 * belongs over the report as it stands, or the current question shown again, without blaming anyone.
 * `{ why }`: it could not be saved after all (the caller tells the person, as for any refused save).
 */
export async function takeLate(
  conversation: Convo,
  ctx: BaseContext,
  def: TemplateDefinition,
  snap: FilingSnapshot,
  screen: Question,
  given: { value: AnswerValue; input: AnswerInput | undefined; confirmed: boolean },
  personId: number,
): Promise<Extract<AskOutcome, "saved" | "reload"> | { why: NotSavedReason }> {
  const { db, clock, config } = ctx.deps;
  const result = await conversation.external(async (): Promise<{ saved: SavedStep } | { why: NotSavedReason } | { place: "same" | "show" }> => {
    const fresh = await loadFiling(db, snap.submissionId);
    if (!fresh) return { why: "missing" };
    const place = placeLateAnswer({
      def,
      answers: fresh.answers,
      screen,
      value: given.value,
      typed: given.input?.kind === "text" ? given.input : undefined,
      confirmed: given.confirmed,
      format: numberFormatter(lang(ctx)),
    });
    if (place.kind !== "save") return { place: place.kind };
    const now = clock.now();
    const key = place.question.key;
    const drop = orphanedKeys(def, { ...fresh.answers, [key]: place.value });
    const attempt = { submissionId: snap.submissionId, personId, rev: revOf(fresh), today: localDateTime(now, config.REPORT_TIMEZONE).date };
    const saved = await saveDraftAnswer(db, { ...attempt, key, value: place.value, drop, now });
    return saved ? { saved: { saved, base: fresh, key, value: place.value, drop } } : { why: await whyNotSaved(db, attempt) };
  });
  if ("why" in result) return result;
  if ("place" in result) {
    // The same answer again: the step went through; the next screen is where the report stands.
    if (result.place === "show") await ctx.reply(ctx.t("report-screen-behind"));
    return "reload";
  }
  const step = result.saved;
  if (step.key !== screen.key) {
    const q = def.questions.find((x) => x.key === step.key)!;
    const position = fillingState(def, step.base.answers).questions.indexOf(q) + 1;
    await ctx.reply(ctx.t("report-saved-as-current", { index: position, label: q.label[lang(ctx)], value: showAnswer(ctx, q, step.value) }));
  }
  await handOffSaved(conversation, step, personId);
  return "saved";
}

/** The report moved on since this screen by the person's own saved step (its reply was lost when the process stopped). */
export function movedOnByOwnStep(conversation: Convo, ctx: BaseContext, snap: FilingSnapshot, personId: number): Promise<boolean> {
  return conversation.external(async () => {
    const now = await loadFiling(ctx.deps.db, snap.submissionId);
    if (!now || now.draftRev === revOf(snap)) return false;
    return now.editingPersonId === personId;
  });
}
