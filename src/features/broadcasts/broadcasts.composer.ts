import { createConversation } from "@grammyjs/conversations";
import { Composer, InlineKeyboard } from "grammy";
import type { BaseContext, BotContext } from "../../bot/context.ts";
import type { Feature } from "../../bot/features.ts";
import { requireRole } from "../../bot/require-role.ts";
import { formatDateTime } from "../../time/format-date-time.ts";
import { clip, TELEGRAM_TEXT_LIMIT } from "../../bot/telegram-limits.ts";
import { parseAudience, reportingToday } from "./audience.ts";
import { excerpt } from "./broadcast-message.ts";
import { BROADCAST_CONVERSATION, broadcastConversation } from "./broadcast.conversation.ts";
import {
  acknowledge, broadcastFigures, getBroadcast, queueAckReminders, recentBroadcasts, unacknowledged, undelivered,
  type Broadcast, type BroadcastFigures,
} from "./broadcasts.repository.ts";
import { describeAudience } from "./describe-audience.ts";

const LIST_SIZE = 10;
const NAMES_SHOWN = 40;

/** /broadcast, /broadcasts, the acknowledgement button, and reminders to those who have not acknowledged. */
export function broadcastsFeature(): Feature {
  const composer = new Composer<BotContext>();

  // Anyone with a role may acknowledge, but only their own copy: the row is found by broadcast AND chat.
  composer.callbackQuery(/^bc:ack:(\d{1,9})$/, async (ctx) => {
    const outcome = await acknowledge(ctx.deps.db, Number(ctx.match[1]), ctx.from.id, ctx.deps.clock.now());
    if (outcome === "unknown") {
      ctx.log.warn({ data: ctx.callbackQuery.data }, "acknowledgement refused: no such copy for this chat");
      return void (await ctx.answerCallbackQuery({ text: ctx.t("broadcast-ack-unknown"), show_alert: true }));
    }
    await ctx.answerCallbackQuery({ text: ctx.t(outcome === "acknowledged" ? "broadcast-ack-thanks" : "broadcast-ack-already") });
    await ctx.editMessageReplyMarkup({ reply_markup: new InlineKeyboard().text(ctx.t("broadcast-acked-button"), "bc:acked") }).catch(() => undefined);
  });
  composer.callbackQuery(["bc:acked", "bc:preview"], (ctx) =>
    ctx.answerCallbackQuery({ text: ctx.t(ctx.callbackQuery.data === "bc:preview" ? "broadcast-preview-only" : "broadcast-ack-already") }),
  );

  composer.use(createConversation<BaseContext, BaseContext>(broadcastConversation, BROADCAST_CONVERSATION) as never);

  composer.command("broadcast", requireRole("coordinator"), async (ctx) => {
    await ctx.conversation.exitAll();
    await ctx.conversation.enter(BROADCAST_CONVERSATION);
  });

  composer.command("broadcasts", requireRole("coordinator"), async (ctx) => {
    const list = await recentBroadcasts(ctx.deps.db, LIST_SIZE);
    if (list.length === 0) return void (await ctx.reply(ctx.t("broadcast-list-empty")));
    const figures = await broadcastFigures(ctx.deps.db, list.map((b) => b.id));
    const locale = await ctx.i18n.getLocale();
    const blocks: string[] = [];
    const kb = new InlineKeyboard();
    for (const [i, b] of list.entries()) {
      blocks.push(await headerBlock(ctx, locale, b, figures.get(b.id)!));
      kb.text(`#${b.id}`, `bc:show:${b.id}`);
      if (i % 5 === 4) kb.row();
    }
    await ctx.reply([ctx.t("broadcast-list-title"), ...blocks].join("\n\n"), { reply_markup: kb });
  });

  composer.callbackQuery(/^bc:show:(\d{1,9})$/, requireRole("coordinator"), async (ctx) => {
    const b = await getBroadcast(ctx.deps.db, Number(ctx.match[1]));
    if (!b) return void (await ctx.answerCallbackQuery({ text: ctx.t("button-expired") }));
    await ctx.answerCallbackQuery();
    const locale = await ctx.i18n.getLocale();
    const f = (await broadcastFigures(ctx.deps.db, [b.id])).get(b.id)!;
    const parts = [await headerBlock(ctx, locale, b, f)];
    const kb = new InlineKeyboard();
    if (b.requireAck) {
      const waiting = await unacknowledged(ctx.deps.db, b.id);
      parts.push(
        waiting.length === 0
          ? ctx.t("broadcast-unacked-none")
          : [ctx.t("broadcast-unacked-title", { count: waiting.length }), ...nameLines(ctx, waiting.map((w) => (w.agencies ? `${w.name ?? ctx.t("broadcast-unknown-person")} — ${w.agencies}` : w.name)))].join("\n"),
      );
      if (waiting.length > 0) kb.text(ctx.t("broadcast-remind-button", { count: waiting.length }), `bc:remind:${b.id}`);
    }
    const failed = await undelivered(ctx.deps.db, b.id);
    if (failed.length > 0)
      parts.push(
        [
          ctx.t("broadcast-undelivered-title", { count: failed.length }),
          ...nameLines(ctx, failed.map((x) => `${x.name ?? ctx.t("broadcast-unknown-person")} (${x.status === "undeliverable" ? ctx.t("broadcast-blocked") : (x.error ?? "").slice(0, 60)})`), 20),
        ].join("\n"),
      );
    // Forty long names and twenty failures can exceed Telegram's limit.
    await ctx.reply(clip(parts.join("\n\n"), TELEGRAM_TEXT_LIMIT), { reply_markup: kb });
  });

  composer.callbackQuery(/^bc:remind:(\d{1,9})$/, requireRole("coordinator"), async (ctx) => {
    const b = await getBroadcast(ctx.deps.db, Number(ctx.match[1]));
    if (!b?.requireAck) return void (await ctx.answerCallbackQuery({ text: ctx.t("button-expired") }));
    const now = ctx.deps.clock.now();
    const t = ctx.deps.t;
    const { targets, queued } = await queueAckReminders(ctx.deps.db, b, {
      now,
      today: reportingToday(now, ctx.deps.config.REPORT_TIMEZONE),
      wording: { ackLabel: (l) => t(l, "broadcast-ack-button"), reminderPrefix: (l) => t(l, "broadcast-remind-prefix") + "\n\n" },
    });
    ctx.log.info({ broadcast: b.id, targets, queued }, "acknowledgement reminders queued");
    await ctx.answerCallbackQuery();
    await ctx.reply(targets === 0 ? ctx.t("broadcast-remind-nothing") : ctx.t("broadcast-remind-queued", { queued, skipped: targets - queued }));
  });

  // Buttons of a finished flow, or forged ones: refused for others, expired for staff.
  composer.callbackQuery(/^bc:/, requireRole("coordinator"), (ctx) => ctx.answerCallbackQuery({ text: ctx.t("button-expired") }));

  return {
    name: "broadcasts",
    commands: [
      { command: "broadcast", roles: ["coordinator"], descriptionKey: "cmd-broadcast" },
      { command: "broadcasts", roles: ["coordinator"], descriptionKey: "cmd-broadcasts" },
    ],
    composer,
  };
}

async function headerBlock(ctx: BotContext, locale: string, b: Broadcast, f: BroadcastFigures): Promise<string> {
  const audience = parseAudience(b.audience);
  const who = audience ? await describeAudience(ctx.deps.db, ctx.deps.t, locale, audience) : "?";
  const media = b.mediaKind ? ` ${ctx.t(`broadcast-media-${b.mediaKind}`)}` : "";
  const lines = [
    ctx.t("broadcast-list-head", { id: String(b.id), when: formatDateTime(b.createdAt, ctx.deps.config.REPORT_TIMEZONE), audience: who }),
    `“${excerpt(b.text) || "…"}”${media}`,
    ctx.t("broadcast-list-figures", { sent: f.sent, total: f.total, failed: f.failed, pending: f.pending }),
  ];
  if (b.requireAck) lines.push(ctx.t("broadcast-progress-acked", { acked: f.acked, sent: f.sent }));
  return lines.join("\n");
}

/** At most `limit` lines, so the details always fit in one message. */
function nameLines(ctx: BotContext, names: (string | null)[], limit = NAMES_SHOWN): string[] {
  const shown = names.slice(0, limit).map((n) => `• ${n ?? ctx.t("broadcast-unknown-person")}`);
  if (names.length > limit) shown.push(ctx.t("broadcast-more", { count: names.length - limit }));
  return shown;
}
