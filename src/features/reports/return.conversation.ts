import { checkText } from "../../bot/user-text.ts";
import { periodLabel } from "../../format/period-label.ts";
import type { Conversation } from "@grammyjs/conversations";
import { and, eq, gte, lte, or } from "drizzle-orm";
import type { BaseContext } from "../../bot/context.ts";
import type { Db } from "../../db/client.ts";
import { recordAudit } from "../../audit/audit.repository.ts";
import { hasRole } from "../../bot/roles.ts";
import { findPersonByTelegramId } from "../people/people.repository.ts";
import { agencies } from "../agencies/agencies.table.ts";
import { localDateTime } from "../../time/calendar-date.ts";
import { enqueueMessages, type OutgoingMessage } from "../outbox/outbox.repository.ts";
import { memberships, people } from "../people/people.table.ts";
import type { Translate } from "../../bot/i18n.ts";
import { delegations, periods } from "./reports.table.ts";
import { getSubmission, returnSubmission } from "./submissions.repository.ts";

export const RETURN_CONVERSATION = "report-return";
const COMMENT_MAX = 1000;

type Convo = Conversation<BaseContext, BaseContext>;

/** The people who file for an agency on a day: its reporters and its current delegates. */
export async function agencyReporters(db: Db, agencyId: number, today: string) {
  const rows = await db
    .selectDistinct({ id: people.id, telegramId: people.telegramId, locale: people.locale })
    .from(people)
    .leftJoin(memberships, and(eq(memberships.personId, people.id), eq(memberships.role, "reporter"), eq(memberships.agencyId, agencyId)))
    .leftJoin(delegations, and(eq(delegations.personId, people.id), eq(delegations.agencyId, agencyId), lte(delegations.fromOn, today), gte(delegations.toOn, today)))
    .where(and(eq(people.active, true), or(eq(memberships.agencyId, agencyId), eq(delegations.agencyId, agencyId))));
  return rows;
}

/**
 * Sends a submitted report back with the coordinator's comment, and tells its reporters through the outbox
 * (with a button that opens the report). Returns false when it was not in "submitted" state any more.
 */
export async function returnForRevision(
  deps: { db: Db; t: Translate; timeZone: string },
  input: { submissionId: number; coordinatorId: number; comment: string; now: Date },
): Promise<{ ok: boolean; notified: number }> {
  const r = await returnSubmission(deps.db, { submissionId: input.submissionId, personId: input.coordinatorId, comment: input.comment, now: input.now });
  if (!r.ok) return { ok: false, notified: 0 };
  const sub = (await getSubmission(deps.db, input.submissionId))!;
  const [info] = await deps.db
    .select({ agency: agencies.name, periodKey: periods.periodKey })
    .from(periods)
    .innerJoin(agencies, eq(agencies.id, sub.agencyId))
    .where(eq(periods.id, sub.periodId));
  await recordAudit(deps.db, { actorPersonId: input.coordinatorId, action: "submission.return", target: `submission:${sub.id}`, after: { comment: input.comment }, at: input.now });
  const today = localDateTime(input.now, deps.timeZone).date;
  const to = await agencyReporters(deps.db, sub.agencyId, today);
  const messages: OutgoingMessage[] = to.map((p) => ({
    chatId: p.telegramId,
    personId: p.id,
    kind: "report-returned",
    dedupeKey: `report-returned:${sub.id}:${r.version}:${p.id}`,
    payload: {
      method: "sendMessage",
      params: {
        chat_id: p.telegramId,
        text: deps.t(p.locale, "report-notice-returned", {
          agency: info?.agency ?? "",
          period: info ? periodLabel(info.periodKey, (key, args) => deps.t(p.locale, key, args)) : "",
          comment: input.comment,
        }),
        reply_markup: { inline_keyboard: [[{ text: deps.t(p.locale, "report-button-fix"), callback_data: `report:start:${sub.periodId}:${sub.agencyId}` }]] },
      },
    },
  }));
  const notified = await enqueueMessages(deps.db, input.now, messages);
  return { ok: true, notified };
}

/** Asks the coordinator for the comment, then returns the report. Commands pass through (so /cancel works). */
export async function returnConversation(conversation: Convo, ctx: BaseContext, submissionId: number): Promise<void> {
  const coordinatorId = ctx.viewer.person?.id;
  if (coordinatorId === undefined) return;
  await ctx.reply(ctx.t("report-return-ask-comment"));
  const asked = conversation.checkpoint();
  const got = await conversation.wait();
  const text = got.message?.text;
  if (text === undefined || text.startsWith("/") || got.callbackQuery) return conversation.skip({ next: true });
  const checked = checkText(text, { max: COMMENT_MAX });
  const comment = checked.ok ? checked.text : "";
  if (!checked.ok) {
    await got.reply(ctx.t("report-return-comment-invalid", { max: COMMENT_MAX }));
    return conversation.rewind(asked);
  }
  const { db, t, config, clock } = ctx.deps;
  const telegramId = got.from?.id ?? 0;
  // The role may have been taken away while the comment was being written: check it again now.
  const result = await conversation.external(async () => {
    const fresh = await findPersonByTelegramId(db, telegramId);
    if (!fresh || fresh.person.id !== coordinatorId || !hasRole(fresh, "coordinator")) return { ok: false, denied: true, notified: 0 };
    return { ...(await returnForRevision({ db, t, timeZone: config.REPORT_TIMEZONE }, { submissionId, coordinatorId, comment, now: clock.now() })), denied: false };
  });
  if (result.denied) {
    await got.reply(ctx.t("access-denied"));
    return;
  }
  await got.reply(ctx.t(result.ok ? "report-returned-done" : "report-return-not-submitted", { notified: result.notified }));
}
