import type { Composer } from "grammy";
import type { BaseContext, BotContext } from "../../bot/context.ts";
import { formatVnDate, localDateTime } from "../../time/calendar-date.ts";
import { getTemplateVersion } from "../templates/templates.repository.ts";
import { fillingState } from "./answer-rules.ts";
import { reviewScreen } from "./report-screens.ts";
import { reporterAgencies } from "./reporter-agencies.ts";
import { loadFiling, officialAnswers } from "./submissions.repository.ts";

/** The callback data of the read-only view of a filed report. */
export function viewButtonData(submissionId: number): string {
  return `report:fv:${submissionId}`;
}

/**
 * The read-only view of a report the person's agency filed: its official answers (what leaders see), at any
 * time, also after the amendment window and once the period is closed. Only for someone who files for the agency.
 */
export function registerFiledView(composer: Composer<BotContext>): void {
  composer.callbackQuery(/^report:fv:(\d{1,9})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await showFiled(ctx, Number(ctx.match[1]));
  });
}

export async function showFiled(ctx: BaseContext, submissionId: number): Promise<void> {
  const { db, clock, config } = ctx.deps;
  const person = ctx.viewer.person;
  const snap = await loadFiling(db, submissionId);
  const today = localDateTime(clock.now(), config.REPORT_TIMEZONE).date;
  const mine = person ? await reporterAgencies(db, person.id, today) : [];
  if (!snap || !mine.some((r) => r.agency.id === snap.agencyId)) return void (await ctx.reply(ctx.t("access-denied")));
  if (snap.version === 0) return void (await ctx.reply(ctx.t("report-view-not-filed")));
  const def = (await getTemplateVersion(db, snap.templateVersionId))!.definition;
  const filed = await officialAnswers(db, submissionId);
  const statusLine = ctx.t("report-view-status", { ref: snap.refNo ?? "", version: snap.version, deadline: formatVnDate(snap.deadlineOn) });
  const screen = reviewScreen(ctx, def, { ...snap, answers: filed }, fillingState(def, filed).questions, false, statusLine);
  for (const text of screen.messages) await ctx.reply(text);
}
