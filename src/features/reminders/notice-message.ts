import type { Translate } from "../../bot/i18n.ts";
import { clip, TELEGRAM_TEXT_LIMIT } from "../../bot/telegram-limits.ts";
import type { OutgoingMessage } from "../outbox/outbox.repository.ts";
import { periodLabel } from "../../format/period-label.ts";
import type { NoticeKind, NoticeMessage, PlannedNotice } from "./reminder-plan.ts";

const OUTBOX_KIND: Record<NoticeKind, string> = {
  opened: "period-opened",
  before: "reminder",
  deadline: "reminder",
  overdue: "reminder",
  manual: "reminder",
  escalation: "escalation",
  digest: "digest",
};

/** The outbox message of a notice: plain text in the recipient's language, and the "file the report" button. */
export function renderNotice(t: Translate, n: PlannedNotice): OutgoingMessage {
  // Plans carry the period's key; people read "tháng 11/2026".
  const say = (m: NoticeMessage) =>
    t(n.locale, m.key, m.args.period === undefined ? m.args : { ...m.args, period: periodLabel(String(m.args.period), (key, args) => t(n.locale, key, args)) });
  const lines = [say(n.message), ...(n.lines ?? []).map(say)];
  const text = clip(lines.join("\n"), TELEGRAM_TEXT_LIMIT);
  const params: Record<string, unknown> = { chat_id: n.chatId, text };
  if (n.reportPeriodId !== undefined)
    params.reply_markup = {
      inline_keyboard: [[{ text: t(n.locale, "remind-button-report"), callback_data: `report:start:${n.reportPeriodId}` }]],
    };
  return {
    chatId: n.chatId,
    personId: n.personId,
    kind: OUTBOX_KIND[n.kind],
    payload: { method: "sendMessage", params },
    dedupeKey: `notice:${n.dedupeKey}`,
  };
}
