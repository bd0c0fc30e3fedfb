import { periodLabel } from "../../format/period-label.ts";
import { TELEGRAM_TEXT_LIMIT } from "../../bot/telegram-limits.ts";
import { fitButtons } from "../../bot/telegram-limits.ts";
import { withHidden } from "../../bot/hidden-buttons.ts";
import { createConversation } from "@grammyjs/conversations";
import { atUnlock, filingUpdates, leaveFiling, showScreen } from "./filing-updates.ts";
import { loadForStart, writeSession } from "./filing-sessions.repository.ts";
import { standing } from "./filing-step.ts";
import { Composer, InlineKeyboard } from "grammy";
import type { BaseContext, BotContext } from "../../bot/context.ts";
import type { Feature } from "../../bot/features.ts";
import { formatVnDate, localDateTime } from "../../time/calendar-date.ts";
import { enqueueMessages } from "../outbox/outbox.repository.ts";
import { people } from "../people/people.table.ts";
import { getTemplateVersion } from "../templates/templates.repository.ts";
import { eq } from "drizzle-orm";
import { fillingState } from "./answer-rules.ts";
import { clip } from "../../bot/telegram-limits.ts";
import { filingLines, recentlyFiled, type FilingLine } from "./filing-status.ts";
import { getPeriod } from "./periods.repository.ts";
import type { Period } from "./reports.table.ts";
import { registerCoordinatorCommands } from "./coordinator-commands.ts";
import { registerFiledView, showFiled, viewButtonData } from "./filed-view.ts";
import { loadDayOverrides } from "../calendar/calendar.repository.ts";
import { workingDaysBetween } from "../calendar/working-days.ts";
import { compact, lang, formatLocalTime, reportHeader } from "./report-screens.ts";
import { RETURN_CONVERSATION, returnConversation } from "./return.conversation.ts";
import { reporterAgencies, type ReporterAgency } from "./reporter-agencies.ts";
import { agencyMustReport } from "./required-agencies.ts";
import { filingRefusal, amendUntil } from "./submission-rules.ts";
import { claimEditing, ensureSubmissionId, getSubmission, releaseEditingBy } from "./submissions.repository.ts";

function today(ctx: BaseContext): string {
  return localDateTime(ctx.deps.clock.now(), ctx.deps.config.REPORT_TIMEZONE).date;
}

/** The open periods this person may file, per agency, and the agencies they file for (own reporter roles and current delegations). */
async function filable(ctx: BaseContext): Promise<{ lines: FilingLine[]; mine: ReporterAgency[] }> {
  const person = ctx.viewer.person;
  if (!person) return { lines: [], mine: [] };
  const mine = await reporterAgencies(ctx.deps.db, person.id, today(ctx));
  return { lines: await filingLines(ctx.deps.db, mine.map((r) => r.agency)), mine };
}

async function filableLines(ctx: BaseContext): Promise<FilingLine[]> {
  return (await filable(ctx)).lines;
}

export function statusText(ctx: BaseContext, line: FilingLine): string {
  const s = line.status;
  const tz = ctx.deps.config.REPORT_TIMEZONE;
  switch (s.kind) {
    case "not-started":
      return ctx.t("report-status-not-started");
    case "draft":
      return ctx.t("report-status-draft", { answered: s.answered, total: s.total });
    case "submitted": {
      const line = ctx.t(s.onTime ? "report-status-submitted-on-time" : "report-status-submitted-late", { at: formatLocalTime(s.at, tz), ref: s.refNo ?? "" });
      return s.latestAt ? `${line}; ${ctx.t("report-status-latest", { at: formatLocalTime(s.latestAt, tz) })}` : line;
    }
    case "returned":
      return ctx.t("report-status-returned", { comment: s.comment ?? "" });
  }
}

/** A short button label: agency (when several), template (when several), period and a short status. */
function lineLabel(ctx: BaseContext, line: FilingLine, lines: FilingLine[]): string {
  const parts: string[] = [];
  if (new Set(lines.map((l) => l.agency.id)).size > 1) parts.push(line.agency.name);
  if (new Set(lines.map((l) => l.period.templateId)).size > 1) parts.push(line.definition.title[lang(ctx)]);
  parts.push(ctx.t("report-period-label", { period: periodLabel(line.period.periodKey, ctx.t) }));
  const s = line.status;
  parts.push(s.kind === "draft" ? ctx.t("report-short-draft", { answered: s.answered, total: s.total }) : ctx.t(`report-short-${s.kind}`));
  return clip(parts.join(" · "), 60);
}

/**
 * Starts (or resumes) filing one agency's report for a period, after the scope check: the filing session of
 * this chat points at it and its first screen is where the report stands.
 * A second reporter is told who is editing and may take over explicitly; a stale editor is taken over.
 */
export async function startFiling(
  ctx: BotContext,
  periodId: number,
  agencyId: number,
  force: boolean,
  /** What the caller read in this update already: the period and the person's agencies. */
  known?: { period: Period; mine: ReporterAgency[] },
): Promise<void> {
  const { db, clock, config } = ctx.deps;
  const person = ctx.viewer.person!;
  const period = known?.period.id === periodId ? known.period : await getPeriod(db, periodId);
  if (!period || period.status !== "open") return void (await ctx.reply(ctx.t("report-period-not-open")));
  const tv = await getTemplateVersion(db, period.templateVersionId);
  const mine = (known?.mine ?? (await reporterAgencies(db, person.id, today(ctx)))).find((r) => r.agency.id === agencyId);
  if (!tv || !mine || !agencyMustReport(tv.definition, mine.agency, period)) {
    ctx.log.warn({ periodId, agencyId }, "report start refused: not a reporter of this agency");
    return void (await ctx.reply(ctx.t("access-denied")));
  }
  const now = clock.now();
  const submissionId = await ensureSubmissionId(db, periodId, agencyId, now);
  const { snap, previous } = (await loadForStart(db, submissionId))!;
  const window = { status: snap.periodStatus, deadlineOn: snap.deadlineOn, reopenedUntil: snap.reopenedUntil };
  const refusal = filingRefusal(snap.status, window, today(ctx));
  if (refusal === "amend-closed") {
    const sub = (await getSubmission(db, submissionId))!;
    // What was filed stays readable; then why it cannot be changed.
    await showFiled(ctx, submissionId);
    return void (await ctx.reply(
      ctx.t("report-amend-closed", { ref: snap.refNo ?? "", until: formatVnDate(amendUntil(window)), at: formatLocalTime(sub.submittedAt!, config.REPORT_TIMEZONE) }),
    ));
  }
  const claim = await claimEditing(db, submissionId, person.id, now, force);
  const state = fillingState(tv.definition, snap.answers);
  if (!claim.ok) {
    const kb = new InlineKeyboard().text(ctx.t("report-button-take-over"), `report:take:${submissionId}`);
    return void (await ctx.reply(
      ctx.t("report-editing-by-other", {
        name: claim.holder.displayName,
        since: formatLocalTime(claim.holder.since, config.REPORT_TIMEZONE),
        answered: state.answered,
        total: state.total,
      }),
      { reply_markup: kb },
    ));
  }
  if (claim.previous) {
    await ctx.reply(ctx.t("report-took-over", { name: claim.previous.displayName, answered: state.answered, total: state.total }));
    await notifyTakenOver(ctx, claim.previous.personId, snap.agencyName, snap.periodKey, submissionId, now);
  }
  const intro = [reportHeader(ctx, tv.definition, snap)];
  if (snap.status === "draft" && state.answered > 0) intro.push(ctx.t("report-resume", { answered: state.answered, total: state.total }));
  if (snap.status === "draft" && state.answered === 0) intro.push(ctx.t("report-intro"));
  await ctx.reply(intro.join("\n\n"));
  // Whatever else was waiting in this chat (an /invite, a /broadcast, another report) would take the answers.
  await ctx.conversation.exitAll();
  await releaseOtherPens(ctx, submissionId);
  const held = { ...snap, editingPersonId: person.id };
  const screen = standing(tv.definition, snap.answers, refusal);
  const selection = await showScreen(ctx, tv.definition, held, previous, screen);
  const session = { screen, rev: snap.draftRev, selection };
  const write = writeSession({ chatId: ctx.chat!.id, personId: person.id, submissionId, session, now: clock.now() });
  await atUnlock(ctx, write);
}

/** Another report this person was filing (in this chat) lets go of their pen: one report at a time. */
async function releaseOtherPens(ctx: BotContext, keep: number): Promise<void> {
  const person = ctx.viewer.person;
  if (person) await releaseEditingBy(ctx.deps.db, person.id, keep);
}

/** The person who lost the pen hears it from the bot (one message, through the outbox). */
async function notifyTakenOver(ctx: BotContext, personId: number, agency: string, period: string, submissionId: number, now: Date) {
  const [p] = await ctx.deps.db.select().from(people).where(eq(people.id, personId));
  if (!p) return;
  const period_ = periodLabel(period, (key, args) => ctx.deps.t(p.locale, key, args));
  const text = ctx.deps.t(p.locale, "report-notice-taken-over", { name: ctx.viewer.person!.displayName, agency, period: period_ });
  await enqueueMessages(ctx.deps.db, now, [
    {
      chatId: p.telegramId,
      personId: p.id,
      kind: "report-taken-over",
      payload: { method: "sendMessage", params: { chat_id: p.telegramId, text } },
      dedupeKey: `report-taken-over:${submissionId}:${ctx.viewer.person!.id}:${now.toISOString()}`,
    },
  ]);
}

export function reportsFeature(): Feature {
  const composer = new Composer<BotContext>();
  composer.use(createConversation<BaseContext, BaseContext>(returnConversation, RETURN_CONVERSATION));

  composer.command("report", async (ctx) => {
    const { lines, mine } = await filable(ctx);
    if (!ctx.viewer.person || lines.length === 0) {
      const isReporter = ctx.viewer.person && mine.length > 0;
      return void (await ctx.reply(ctx.t(isReporter ? "report-no-open-period" : "report-not-reporter")));
    }
    if (lines.length === 1) return startFiling(ctx, lines[0]!.period.id, lines[0]!.agency.id, false, { period: lines[0]!.period, mine });
    const kb = new InlineKeyboard();
    const fit = fitButtons(lines);
    for (const l of fit.shown) kb.text(lineLabel(ctx, l, lines), `report:start:${l.period.id}:${l.agency.id}`).row();
    await ctx.reply(withHidden(ctx, ctx.t("report-pick"), fit.hidden), { reply_markup: compact(kb) });
  });

  // Also the button of the calendar's "period opened" notice: report:start:<periodId>.
  composer.callbackQuery(/^report:start:(\d{1,9})(?::(\d{1,9}))?$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const periodId = Number(ctx.match[1]);
    const agencyId = ctx.match[2] ? Number(ctx.match[2]) : undefined;
    if (agencyId !== undefined) return startFiling(ctx, periodId, agencyId, false);
    const mine = (await filableLines(ctx)).filter((l) => l.period.id === periodId);
    if (mine.length === 0) {
      const period = await getPeriod(ctx.deps.db, periodId);
      return void (await ctx.reply(ctx.t(period?.status === "open" ? "access-denied" : "report-period-not-open")));
    }
    if (mine.length === 1) return startFiling(ctx, periodId, mine[0]!.agency.id, false);
    const kb = new InlineKeyboard();
    const fit = fitButtons(mine);
    for (const l of fit.shown) kb.text(lineLabel(ctx, l, mine), `report:start:${periodId}:${l.agency.id}`).row();
    await ctx.reply(withHidden(ctx, ctx.t("report-pick"), fit.hidden), { reply_markup: compact(kb) });
  });

  composer.callbackQuery(/^report:take:(\d{1,9})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const sub = await getSubmission(ctx.deps.db, Number(ctx.match[1]));
    if (!sub) return void (await ctx.reply(ctx.t("button-expired")));
    // startFiling re-checks that the person files for this agency.
    await startFiling(ctx, sub.periodId, sub.agencyId, true);
  });

  composer.command("status", async (ctx) => {
    const { lines, mine } = await filable(ctx);
    if (lines.length === 0) {
      const isReporter = ctx.viewer.person && mine.length > 0;
      return void (await ctx.reply(ctx.t(isReporter ? "report-no-open-period" : "report-not-reporter")));
    }
    const out: string[] = [ctx.t("report-status-title")];
    const kb = new InlineKeyboard();
    const overrides = await loadDayOverrides(ctx.deps.db);
    const day = today(ctx);
    let lastAgency = -1;
    for (const l of lines) {
      if (l.agency.id !== lastAgency) out.push("", `🏢 ${l.agency.name}`);
      lastAgency = l.agency.id;
      const status = statusText(ctx, l);
      const late = l.status.kind !== "submitted" && day > l.period.deadlineOn;
      const days = late ? workingDaysBetween(l.period.deadlineOn, day, overrides) : 0;
      out.push(
        ctx.t("report-status-line", {
          title: l.definition.title[lang(ctx)],
          period: periodLabel(l.period.periodKey, ctx.t),
          deadline: formatVnDate(l.period.deadlineOn),
          status: late ? `${status} — ${ctx.t("report-status-overdue", { days })}` : status,
        }),
      );
      if (l.status.kind !== "submitted") kb.text(`📝 ${lineLabel(ctx, l, lines)}`, `report:start:${l.period.id}:${l.agency.id}`).row();
      else if (l.submission) kb.text(`👁 ${lineLabel(ctx, l, lines)}`, viewButtonData(l.submission.id)).row();
    }
    // Reports filed in periods now closed stay readable.
    const filed = await recentlyFiled(ctx.deps.db, [...new Set(mine.map((m) => m.agency.id))], 5);
    for (const f of filed) {
      const agency = mine.find((m) => m.agency.id === f.agencyId)?.agency.name ?? "";
      const label = [mine.length > 1 ? agency : "", f.definition.title[lang(ctx)], periodLabel(f.periodKey, ctx.t)].filter(Boolean).join(" · ");
      kb.text(`👁 ${clip(label, 60)}`, viewButtonData(f.submissionId)).row();
    }
    // A person filing for many agencies and periods must still get one message.
    await ctx.reply(clip(out.join("\n"), TELEGRAM_TEXT_LIMIT), { reply_markup: compact(kb) });
  });

  registerCoordinatorCommands(composer);
  registerFiledView(composer);

  // A submit or edit button pressed after its conversation ended (double press, old message).
  composer.callbackQuery(/^report:/, async (ctx) => {
    await ctx.answerCallbackQuery({ text: ctx.t("report-button-stale") });
  });

  return {
    name: "reports",
    commands: [
      // Any role may run them (a delegate may hold any role; the handlers check reporter roles and current
      // delegations), but only reporters see them listed; the delegation notice tells a delegate about them.
      { command: "report", roles: "any", listedFor: ["reporter"], descriptionKey: "report-cmd-report" },
      { command: "status", roles: "any", listedFor: ["reporter"], descriptionKey: "report-cmd-status" },
      { command: "openperiod", roles: ["coordinator"], descriptionKey: "report-cmd-openperiod" },
      { command: "reopenperiod", roles: ["coordinator"], descriptionKey: "report-cmd-reopenperiod" },
      { command: "closeperiod", roles: ["coordinator"], descriptionKey: "report-cmd-closeperiod" },
      { command: "returnreport", roles: ["coordinator"], descriptionKey: "report-cmd-returnreport" },
      { command: "delegate", roles: ["coordinator"], descriptionKey: "report-cmd-delegate" },
    ],
    composer,
    // The answers, buttons and files of a report being filed, before anything else.
    early: filingUpdates(),
    // Leaving the report with /cancel keeps the draft but lets go of the pen at once, so another reporter
    // of the agency is not told for half an hour that this person is still editing.
    async onCancel(ctx) {
      return leaveFiling(ctx);
    },
  };
}
