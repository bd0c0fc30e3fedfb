import { inLocale, periodLabel } from "../../format/period-label.ts";
import { clip, ECHO_MAX_CHARS } from "../../bot/telegram-limits.ts";
import { and, asc, count, eq, inArray } from "drizzle-orm";
import { InlineKeyboard, type Composer } from "grammy";
import type { BaseContext, BotContext } from "../../bot/context.ts";
import { requireRole } from "../../bot/require-role.ts";
import { recordAudit } from "../../audit/audit.repository.ts";
import { enqueueMessages } from "../outbox/outbox.repository.ts";
import { agencies } from "../agencies/agencies.table.ts";
import { formatVnDate, localDateTime, parseVnDate } from "../../time/calendar-date.ts";
import { periodBounds, periodContaining } from "../calendar/period-bounds.ts";
import { addDays } from "../../time/calendar-date.ts";
import { openableRange } from "../calendar/period-window.ts";
import { currentTemplateVersion, getTemplateVersion, listCurrentTemplates } from "../templates/templates.repository.ts";
import { createDelegation, currentDelegations } from "./delegations.repository.ts";
import { afterDelegation, delegateConversation, DELEGATE_CONVERSATION } from "./delegate.conversation.ts";
import { createConversation } from "@grammyjs/conversations";
import { applicableQuestions } from "./answer-rules.ts";
import { isAttachment, type AnswerValue, type AttachmentValue } from "./answer-value.ts";
import { closePeriod, getPeriod, listOpenPeriods, openPeriod, PeriodError, recentPeriodsForReopen, reopenPeriod } from "./periods.repository.ts";
import { decodePeriodButton, encodePeriodButton, periodButtonPattern } from "./period-button.ts";
import { parseDateWords } from "../calendar/date-words.ts";
import { submissions, type Period, type Submission } from "./reports.table.ts";
import { compact, formatLocalTime, lang, showAnswer } from "./report-screens.ts";
import { RETURN_CONVERSATION } from "./return.conversation.ts";
import { leaveFiling } from "./filing-updates.ts";
import { officialAnswers, submissionHistory, getSubmission } from "./submissions.repository.ts";

function today(ctx: BaseContext): string {
  return localDateTime(ctx.deps.clock.now(), ctx.deps.config.REPORT_TIMEZONE).date;
}

/** "/cmd a b c" → ["a", "b", "c"]; each clipped, since a wrong one is quoted back in the reply. */
function argsOf(ctx: BotContext): string[] {
  return String(ctx.match ?? "").split(/\s+/).filter(Boolean).map((a) => clip(a, ECHO_MAX_CHARS));
}

/** A template as people know it: its title in their language (what was typed, for a template that does not exist). */
async function titleOf(ctx: BotContext, templateId: string): Promise<string> {
  const tv = await currentTemplateVersion(ctx.deps.db, templateId);
  return tv ? inLocale(tv.definition.title, await ctx.i18n.getLocale()) : templateId;
}

async function doOpenPeriod(ctx: BotContext, templateId: string, periodKey: string, deadlineOn?: string): Promise<void> {
  const { db, clock, config } = ctx.deps;
  try {
    const now = clock.now();
    const { period, created } = await openPeriod(db, { templateId, periodKey, deadlineOn, openedBy: ctx.viewer.person!.id, now, timeZone: config.REPORT_TIMEZONE, byHand: true });
    if (created)
      await recordAudit(db, { actorPersonId: ctx.viewer.person!.id, action: "period.open", target: `period:${period.id}`, after: { templateId, periodKey, deadlineOn: period.deadlineOn }, at: now });
    await ctx.reply(
      ctx.t(created ? "report-period-opened" : "report-period-already-open", {
        period: periodLabel(period.periodKey, ctx.t),
        template: await titleOf(ctx, templateId),
        cutoff: formatVnDate(period.cutoffOn),
        deadline: formatVnDate(period.deadlineOn),
      }),
    );
  } catch (e) {
    if (e instanceof PeriodError)
      return void (await ctx.reply(ctx.t(`report-period-error-${e.code}`, { template: await titleOf(ctx, templateId), period: periodLabel(periodKey, ctx.t), earliest: e.range ? periodLabel(e.range.earliest, ctx.t) : "", latest: e.range ? periodLabel(e.range.latest, ctx.t) : "" })));
    throw e;
  }
}

/** Coordinator commands of the reports feature: periods, return for revision, delegation. */
export function registerCoordinatorCommands(composer: Composer<BotContext>): void {
  const coord = requireRole("coordinator");

  // /openperiod [TEMPLATE PERIOD [dd/mm/yyyy]] — without arguments, buttons for the current and next period.
  composer.command("openperiod", coord, async (ctx) => {
    const args = argsOf(ctx);
    if (args.length >= 2) {
      const deadline = args[2] ? parseVnDate(args[2]) : undefined;
      if (args[2] && !deadline) return void (await ctx.reply(ctx.t("report-error-date")));
      return doOpenPeriod(ctx, args[0]!, args[1]!, deadline);
    }
    const templates = await listCurrentTemplates(ctx.deps.db);
    if (templates.length === 0) return void (await ctx.reply(ctx.t("report-no-templates")));
    const kb = new InlineKeyboard();
    const locale = await ctx.i18n.getLocale();
    for (const t of templates) {
      const cadence = t.definition.cadence;
      if (cadence === "one-off") continue;
      // The current period and the next one: the newest end of the window that may be opened by hand.
      const cur = periodContaining(cadence, today(ctx));
      const nxt = openableRange(cadence, today(ctx)).latest;
      for (const key of [...new Set([cur.periodKey, nxt.periodKey])]) {
        const data = `report:op:${t.templateId}:${key}`;
        if (Buffer.byteLength(data) <= 64) kb.text(clip(`${inLocale(t.definition.title, locale)} · ${periodLabel(key, ctx.t)}`, 60), data).row();
      }
    }
    // Only one-off templates: there is no period to offer, only the way to open one.
    if (kb.inline_keyboard.flat().length === 0) return void (await ctx.reply(ctx.t("report-openperiod-one-off")));
    await ctx.reply(ctx.t("report-openperiod-pick"), { reply_markup: compact(kb) });
  });

  composer.callbackQuery(/^report:op:([a-z0-9-]{1,40}):([0-9A-Za-z-]{1,12})$/, coord, async (ctx) => {
    await ctx.answerCallbackQuery();
    const [templateId, periodKey] = [ctx.match[1]!, ctx.match[2]!];
    const tv = (await listCurrentTemplates(ctx.deps.db)).find((t) => t.templateId === templateId);
    if (!tv || tv.definition.cadence === "one-off" || !periodBounds(tv.definition.cadence, periodKey))
      return void (await ctx.reply(ctx.t("button-expired")));
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    await doOpenPeriod(ctx, templateId, periodKey);
  });

  // /reopenperiod TEMPLATE PERIOD dd/mm/yyyy — amendments accepted until that day. Without arguments: the
  // recent periods as buttons, then the day as buttons.
  composer.command("reopenperiod", coord, async (ctx) => {
    const [templateId, periodKey, until] = argsOf(ctx);
    if (!templateId) return pickPeriod(ctx, "reopen");
    const untilOn = until ? parseDateWords(until, today(ctx)) : undefined;
    if (!templateId || !periodKey || !untilOn) return void (await ctx.reply(ctx.t("report-reopen-usage")));
    try {
      const p = await reopenPeriod(ctx.deps.db, { templateId, periodKey, until: untilOn, today: today(ctx) });
      await recordAudit(ctx.deps.db, { actorPersonId: ctx.viewer.person!.id, action: "period.reopen", target: `period:${p.id}`, after: { reopenedUntil: untilOn }, at: ctx.deps.clock.now() });
      await ctx.reply(ctx.t("report-period-reopened", { period: periodLabel(periodKey, ctx.t), template: await titleOf(ctx, templateId), until: formatVnDate(untilOn) }));
    } catch (e) {
      if (e instanceof PeriodError)
        return void (await ctx.reply(ctx.t(`report-period-error-${e.code}`, { template: await titleOf(ctx, templateId), period: periodLabel(periodKey, ctx.t) })));
      throw e;
    }
  });

  // /closeperiod TEMPLATE PERIOD — no more filing or reminders for that period.
  composer.command("closeperiod", coord, async (ctx) => {
    const [templateId, periodKey] = argsOf(ctx);
    if (!templateId) return pickPeriod(ctx, "close");
    if (!templateId || !periodKey) return void (await ctx.reply(ctx.t("report-close-usage")));
    try {
      const { period, wasOpen } = await closePeriod(ctx.deps.db, { templateId, periodKey });
      if (wasOpen)
        await recordAudit(ctx.deps.db, { actorPersonId: ctx.viewer.person!.id, action: "period.close", target: `period:${period.id}`, after: { status: "closed" }, at: ctx.deps.clock.now() });
      await ctx.reply(ctx.t(wasOpen ? "report-period-closed" : "report-period-already-closed", { period: periodLabel(periodKey, ctx.t), template: await titleOf(ctx, templateId) }));
    } catch (e) {
      if (e instanceof PeriodError)
        return void (await ctx.reply(ctx.t(`report-period-error-${e.code}`, { template: await titleOf(ctx, templateId), period: periodLabel(periodKey, ctx.t) })));
      throw e;
    }
  });

  // A period picked from /closeperiod or /reopenperiod (re-loaded; the id in the button is only a pointer).
  composer.callbackQuery(periodButtonPattern, coord, async (ctx) => {
    const b = decodePeriodButton(ctx.callbackQuery.data);
    const period = b ? await getPeriod(ctx.deps.db, b.periodId) : undefined;
    if (!b || !period) return void (await ctx.answerCallbackQuery({ text: ctx.t("button-expired") }));
    await ctx.answerCallbackQuery();
    const named = await periodName(ctx, period);
    if (b.verb === "close") {
      const { wasOpen } = await closePeriod(ctx.deps.db, { templateId: period.templateId, periodKey: period.periodKey });
      if (wasOpen)
        await recordAudit(ctx.deps.db, { actorPersonId: ctx.viewer.person!.id, action: "period.close", target: `period:${period.id}`, after: { status: "closed" }, at: ctx.deps.clock.now() });
      await ctx.editMessageReplyMarkup().catch(() => undefined);
      return void (await ctx.reply(ctx.t(wasOpen ? "report-period-closed" : "report-period-already-closed", named)));
    }
    if (b.verb === "reopen") {
      const kb = new InlineKeyboard();
      for (const days of [3, 7, 14]) {
        const until = addDays(today(ctx), days);
        kb.text(ctx.t("report-reopen-until-button", { date: formatVnDate(until) }), encodePeriodButton({ verb: "until", periodId: period.id, until }));
      }
      return void (await ctx.editMessageText(ctx.t("report-reopen-pick-until", named), { reply_markup: kb }).catch(() => ctx.reply(ctx.t("report-reopen-pick-until", named), { reply_markup: kb })));
    }
    try {
      const p = await reopenPeriod(ctx.deps.db, { templateId: period.templateId, periodKey: period.periodKey, until: b.until, today: today(ctx) });
      await recordAudit(ctx.deps.db, { actorPersonId: ctx.viewer.person!.id, action: "period.reopen", target: `period:${p.id}`, after: { reopenedUntil: b.until }, at: ctx.deps.clock.now() });
      await ctx.editMessageReplyMarkup().catch(() => undefined);
      await ctx.reply(ctx.t("report-period-reopened", { ...named, until: formatVnDate(b.until) }));
    } catch (e) {
      if (e instanceof PeriodError) return void (await ctx.reply(ctx.t(`report-period-error-${e.code}`, named)));
      throw e;
    }
  });

  // /delegate AGENCY TELEGRAM_ID dd/mm/yyyy dd/mm/yyyy — without arguments: the current delegations, then pickers.
  composer.use(createConversation<BaseContext, BaseContext>(delegateConversation, DELEGATE_CONVERSATION));
  composer.command("delegate", coord, async (ctx) => {
    const [code, tg, from, to] = argsOf(ctx);
    if (!code) {
      const rows = await currentDelegations(ctx.deps.db, today(ctx));
      const lines = rows.map((r) => ctx.t("report-delegation-line", { agency: r.agencyName, name: r.personName, from: formatVnDate(r.fromOn), to: formatVnDate(r.toOn) }));
      await ctx.reply([ctx.t("report-delegate-usage"), "", ...(lines.length ? lines : [ctx.t("report-delegations-none")])].join("\n"));
      await ctx.conversation.exitAll();
      return void (await ctx.conversation.enter(DELEGATE_CONVERSATION));
    }
    const fromOn = from ? parseDateWords(from, today(ctx)) : undefined;
    const toOn = to ? parseDateWords(to, today(ctx)) : undefined;
    if (!tg || !/^\d{1,16}$/.test(tg) || !fromOn || !toOn) return void (await ctx.reply(ctx.t("report-delegate-usage")));
    const now = ctx.deps.clock.now();
    const r = await createDelegation(ctx.deps.db, { agencyCode: code, telegramId: Number(tg), fromOn, toOn, createdBy: ctx.viewer.person!.id, now, today: today(ctx) });
    if (!r.ok) return void (await ctx.reply(ctx.t(`report-delegate-error-${r.reason}`, { agency: code, id: tg })));
    await afterDelegation(ctx, ctx.viewer.person!.id, r, fromOn, toOn, now);
    await ctx.reply(ctx.t("report-delegated", { agency: r.agencyName, name: r.personName, from: formatVnDate(fromOn), to: formatVnDate(toOn) }));
  });
  // Buttons of a finished /delegate.
  composer.callbackQuery(/^dg:/, coord, (ctx) => ctx.answerCallbackQuery({ text: ctx.t("button-expired") }));

  // /returnreport — the submitted reports of open periods, by agency, a page at a time; pick one to see it and send it back.
  composer.command("returnreport", coord, async (ctx) => {
    const page = await returnListPage(ctx, 0);
    if (!page) return void (await ctx.reply(ctx.t("report-return-none")));
    await ctx.reply(page.text, { reply_markup: page.keyboard });
  });

  composer.callbackQuery(/^report:rl:(\d{1,4})$/, coord, async (ctx) => {
    await ctx.answerCallbackQuery();
    const page = await returnListPage(ctx, Number(ctx.match[1]));
    if (!page) return void (await ctx.reply(ctx.t("report-return-none")));
    await ctx.editMessageText(page.text, { reply_markup: page.keyboard }).catch(() => undefined);
  });

  composer.callbackQuery(/^report:view:(\d{1,9})$/, coord, async (ctx) => {
    await ctx.answerCallbackQuery();
    const view = await submissionView(ctx, Number(ctx.match[1]));
    if (!view) return void (await ctx.reply(ctx.t("button-expired")));
    // The files attached to the report (a signed scan...), by the file_id Telegram gave them, before the view.
    for (const file of view.files) {
      if (file.value.kind === "photo") await ctx.replyWithPhoto(file.value.fileId, { caption: file.caption });
      else await ctx.replyWithDocument(file.value.fileId, { caption: file.caption });
    }
    const { sub } = view;
    const kb = sub.status === "submitted" ? new InlineKeyboard().text(ctx.t("report-button-return"), `report:ret:${sub.id}`) : undefined;
    await ctx.reply(view.text, kb ? { reply_markup: kb } : {});
  });

  composer.callbackQuery(/^report:ret:(\d{1,9})$/, coord, async (ctx) => {
    await ctx.answerCallbackQuery();
    const sub = await getSubmission(ctx.deps.db, Number(ctx.match[1]));
    if (!sub || sub.status !== "submitted") return void (await ctx.reply(ctx.t("report-return-not-submitted")));
    // The comment is the next message: whatever else was waiting for one (the coordinator's own report, a
    // half-done /invite) is left.
    await ctx.conversation.exitAll();
    await leaveFiling(ctx);
    await ctx.conversation.enter(RETURN_CONVERSATION, sub.id);
  });
}

/** The periods a coordinator may close (open ones) or reopen (the latest), as buttons named by title and label. */
async function pickPeriod(ctx: BotContext, verb: "close" | "reopen"): Promise<void> {
  const list = verb === "close" ? await listOpenPeriods(ctx.deps.db) : await recentPeriodsForReopen(ctx.deps.db);
  if (list.length === 0) return void (await ctx.reply(ctx.t(verb === "close" ? "report-close-none" : "report-reopen-none")));
  const kb = new InlineKeyboard();
  for (const p of list.slice(0, 12)) {
    const n = await periodName(ctx, p);
    kb.text(clip(`${n.template} · ${n.period}`, 60), encodePeriodButton({ verb, periodId: p.id })).row();
  }
  await ctx.reply(ctx.t(verb === "close" ? "report-close-pick" : "report-reopen-pick"), { reply_markup: kb });
}

/** A period as people read it: the template's title and "tháng 11/2026", for the locale strings' arguments. */
async function periodName(ctx: BaseContext, p: Period): Promise<{ template: string; period: string }> {
  const tv = await getTemplateVersion(ctx.deps.db, p.templateVersionId);
  return { template: tv ? tv.definition.title[lang(ctx)] : p.templateId, period: periodLabel(p.periodKey, (k, a) => ctx.t(k, a)) };
}

const RETURN_PAGE_SIZE = 20;

/** One page of the submitted reports of the open periods, by agency name; undefined when there are none. */
async function returnListPage(ctx: BaseContext, page: number): Promise<{ text: string; keyboard: InlineKeyboard } | undefined> {
  const { db } = ctx.deps;
  const open = await listOpenPeriods(db);
  if (open.length === 0) return undefined;
  const where = and(inArray(submissions.periodId, open.map((p) => p.id)), eq(submissions.status, "submitted"));
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(submissions).where(where);
  if (total === 0) return undefined;
  const pages = Math.ceil(total / RETURN_PAGE_SIZE);
  const at = Math.min(Math.max(page, 0), pages - 1);
  const rows = await db
    .select({ id: submissions.id, agency: agencies.name, periodId: submissions.periodId })
    .from(submissions)
    .innerJoin(agencies, eq(agencies.id, submissions.agencyId))
    .where(where)
    .orderBy(asc(agencies.name), asc(submissions.periodId), asc(submissions.id))
    .limit(RETURN_PAGE_SIZE)
    .offset(at * RETURN_PAGE_SIZE);
  const kb = new InlineKeyboard();
  for (const r of rows) {
    const key = open.find((p) => p.id === r.periodId)?.periodKey;
    kb.text(clip(`${r.agency} · ${key ? periodLabel(key, ctx.t) : ""}`, 60), `report:view:${r.id}`).row();
  }
  if (at > 0) kb.text(ctx.t("report-page-prev"), `report:rl:${at - 1}`);
  if (at < pages - 1) kb.text(ctx.t("report-page-next"), `report:rl:${at + 1}`);
  const text = pages > 1 ? `${ctx.t("report-return-pick")}\n${ctx.t("report-return-page", { page: at + 1, pages, total })}` : ctx.t("report-return-pick");
  return { text, keyboard: compact(kb) };
}

/**
 * A submitted report for a coordinator: the official answers and the history of versions as text, and the files
 * attached to it (each captioned with its question).
 */
export async function submissionView(
  ctx: BaseContext,
  submissionId: number,
): Promise<{ text: string; sub: Submission; files: Array<{ value: AttachmentValue; caption: string }> } | undefined> {
  const { db, config } = ctx.deps;
  const sub = await getSubmission(db, submissionId);
  if (!sub) return undefined;
  const tv = await getTemplateVersion(db, sub.templateVersionId);
  if (!tv) return undefined;
  const [agency] = await db.select().from(agencies).where(eq(agencies.id, sub.agencyId));
  const official = await officialAnswers(db, sub.id);
  const history = await submissionHistory(db, sub.id);
  const l = lang(ctx);
  const def = tv.definition;
  const lines = [`🏢 ${agency?.name ?? ""} · ${def.title[l]}`, sub.refNo ? ctx.t("report-view-ref", { ref: sub.refNo }) : "", ""];
  const asked = applicableQuestions(def, official);
  asked.forEach((q, i) => lines.push(`${i + 1}. ${q.label[l]}: ${clip(showAnswer(ctx, q, official[q.key] as AnswerValue), 200)}`));
  lines.push("", ctx.t("report-history-title"));
  for (const h of history) {
    const changed = h.changes ? Object.keys(h.changes).map((k) => def.questions.find((q) => q.key === k)?.label[l] ?? k) : [];
    lines.push(
      ctx.t("report-history-line", {
        version: h.version,
        event: ctx.t(`report-event-${h.event}`),
        at: formatLocalTime(h.at, config.REPORT_TIMEZONE),
        name: h.personName ?? "",
      }) +
        (changed.length ? `\n   ${ctx.t("report-history-changed", { fields: clip(changed.join("; "), 300) })}` : "") +
        (h.comment ? `\n   ${ctx.t("report-history-comment", { comment: clip(h.comment, 300) })}` : ""),
    );
  }
  const files = asked.flatMap((q) => {
    const value = official[q.key];
    return q.type === "attachment" && isAttachment(value) ? [{ value, caption: clip(q.label[l], 1000) }] : [];
  });
  return { text: clip(lines.filter((x, i) => x !== "" || i > 1).join("\n"), 4000), sub, files };
}
