import { inLocale, periodLabel } from "../../format/period-label.ts";
import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../../bot/context.ts";
import type { Feature } from "../../bot/features.ts";
import { requireRole } from "../../bot/require-role.ts";
import { clip, ECHO_MAX_CHARS, TELEGRAM_TEXT_LIMIT } from "../../bot/telegram-limits.ts";
import { hasRole, membershipsOf, seesWholeProvince } from "../../bot/roles.ts";
import { addDays, formatVnDate, localDateTime, parseVnDate } from "../../time/calendar-date.ts";
import { subtreeIds } from "../agencies/agency-tree.ts";
import { overdueEntries, type OverdueEntry } from "./overdue.ts";
import type { PlanInput } from "./plan-input.ts";
import { minutesUntilQuietEnds, parseQuietHours } from "./quiet-hours.ts";
import { remindAgencyNow } from "./remind-now.ts";
import { addMute, clearMutes, listMutes, loadPlanInput } from "./reminders.repository.ts";

const LIST_LINES = 30;
const AGENCY_BUTTONS = 10;
const MAX_MUTE_DAYS = 92;

function moment(ctx: BotContext) {
  const now = ctx.deps.clock.now();
  const tz = ctx.deps.config.REPORT_TIMEZONE;
  const { date: today, minutes } = localDateTime(now, tz);
  const wait = minutesUntilQuietEnds(minutes, parseQuietHours(ctx.deps.config.QUIET_HOURS));
  const notBefore = wait > 0 ? new Date(now.getTime() + wait * 60_000) : undefined;
  return { now, today, notBefore, tz };
}

/** The overdue reports this person may see: all for coordinators and province leaders, else their agencies' subtrees. */
function visibleOverdue(ctx: BotContext, input: PlanInput, today: string): OverdueEntry[] {
  const all = overdueEntries(input, today);
  if (seesWholeProvince(ctx.viewer)) return all;
  const roots = membershipsOf(ctx.viewer, "leader").flatMap((m) => (m.agencyId === null ? [] : [m.agencyId]));
  const scope = subtreeIds(input.agencies.values(), roots);
  return all.filter((e) => scope.has(e.agency.id));
}

async function overdueView(ctx: BotContext): Promise<{ text: string; kb: InlineKeyboard }> {
  const { today } = moment(ctx);
  const input = await loadPlanInput(ctx.deps.db, today, { sentKeys: false });
  const entries = visibleOverdue(ctx, input, today);
  const kb = new InlineKeyboard();
  if (entries.length === 0) return { text: ctx.t("remind-overdue-none"), kb };
  const locale = await ctx.i18n.getLocale();
  const lines = [ctx.t("remind-overdue-title", { count: entries.length })];
  for (const e of entries.slice(0, LIST_LINES)) {
    lines.push(ctx.t("remind-digest-line", {
      agency: e.agency.name, title: inLocale(e.period.title, locale), period: periodLabel(e.period.periodKey, (k, a) => ctx.t(k, a)), days: e.workingDaysLate,
    }));
  }
  if (entries.length > LIST_LINES) lines.push(ctx.t("remind-overdue-more", { count: entries.length - LIST_LINES }));
  if (hasRole(ctx.viewer, "coordinator")) {
    for (const e of entries.slice(0, AGENCY_BUTTONS))
      kb.text(ctx.t("remind-button-now", { agency: e.agency.name }), `remind:now:${e.period.id}:${e.agency.id}`).row();
    kb.text(ctx.t("remind-button-all", { count: entries.length }), "remind:all");
  }
  return { text: clip(lines.join("\n"), TELEGRAM_TEXT_LIMIT), kb };
}

function laterNote(ctx: BotContext, notBefore: Date | undefined, tz: string): string {
  if (!notBefore) return "";
  const m = localDateTime(notBefore, tz).minutes;
  const time = `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
  return `\n${ctx.t("remind-now-later", { time })}`;
}

/** /overdue with "Nhắc ngay", and /mute. */
export function remindersFeature(): Feature {
  const composer = new Composer<BotContext>();

  composer.command("overdue", requireRole("coordinator", "leader"), async (ctx) => {
    const { text, kb } = await overdueView(ctx);
    await ctx.reply(text, { reply_markup: kb });
  });

  // The ids in the button are only a hint: the period and agency are re-loaded and must still be overdue.
  composer.callbackQuery(/^remind:now:(\d{1,9}):(\d{1,9})$/, requireRole("coordinator"), async (ctx) => {
    const [periodId, agencyId] = [Number(ctx.match[1]), Number(ctx.match[2])];
    const { now, today, notBefore, tz } = moment(ctx);
    const input = await loadPlanInput(ctx.deps.db, today, { sentKeys: false });
    const entry = overdueEntries(input, today).find((e) => e.period.id === periodId && e.agency.id === agencyId);
    if (!entry) {
      await ctx.answerCallbackQuery({ text: ctx.t("remind-now-not-overdue"), show_alert: true });
      return;
    }
    const result = await remindAgencyNow(ctx.deps, input, entry, { now, today, notBefore });
    const agency = entry.agency.name;
    const text =
      result.status === "sent"
        ? ctx.t("remind-now-done", { agency, people: result.people }) + laterNote(ctx, notBefore, tz)
        : ctx.t(result.status === "already" ? "remind-now-already" : "remind-now-no-recipient", { agency });
    ctx.log.info({ periodId, agencyId, result: result.status }, "remind now");
    await ctx.answerCallbackQuery();
    await ctx.reply(text);
  });

  composer.callbackQuery(/^remind:all$/, requireRole("coordinator"), async (ctx) => {
    const { now, today, notBefore, tz } = moment(ctx);
    const input = await loadPlanInput(ctx.deps.db, today, { sentKeys: false });
    const counts = { agencies: 0, people: 0, already: 0, missing: 0 };
    for (const entry of overdueEntries(input, today)) {
      const r = await remindAgencyNow(ctx.deps, input, entry, { now, today, notBefore });
      if (r.status === "sent") {
        counts.agencies++;
        counts.people += r.people;
      } else if (r.status === "already") counts.already++;
      else counts.missing++;
    }
    ctx.log.info(counts, "remind all now");
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t("remind-all-done", counts) + (counts.people ? laterNote(ctx, notBefore, tz) : ""));
  });

  composer.callbackQuery(/^remind:/, requireRole("coordinator"), (ctx) => ctx.answerCallbackQuery({ text: ctx.t("button-expired") }));

  composer.command("mute", async (ctx) => {
    const person = ctx.viewer.person!;
    const { today } = moment(ctx);
    const args = ctx.match.trim().split(/\s+/).filter(Boolean);
    if (args.length === 1 && args[0]!.toLowerCase() === "off") {
      const count = await clearMutes(ctx.deps.db, person.id, today);
      await ctx.reply(ctx.t("remind-mute-off", { count }));
      return;
    }
    if (args.length === 0 || args.length > 2) {
      const current = await listMutes(ctx.deps.db, person.id, today);
      const list = current.length
        ? [ctx.t("remind-mute-list"), ...current.map((m) => ctx.t("remind-mute-line", { from: formatVnDate(m.fromOn), to: formatVnDate(m.toOn) }))]
        : [ctx.t("remind-mute-none")];
      await ctx.reply([...list, "", ctx.t("remind-mute-usage")].join("\n"));
      return;
    }
    const dates = args.map((a) => parseVnDate(a));
    const bad = args.find((_, i) => dates[i] === undefined);
    if (bad !== undefined) {
      await ctx.reply(ctx.t("remind-mute-bad-date", { text: clip(bad, ECHO_MAX_CHARS) }));
      return;
    }
    const [fromOn, toOn] = [dates[0]!, dates[1] ?? dates[0]!];
    if (fromOn > toOn || toOn < today) {
      await ctx.reply(ctx.t("remind-mute-bad-range"));
      return;
    }
    if (addDays(fromOn, MAX_MUTE_DAYS - 1) < toOn) {
      await ctx.reply(ctx.t("remind-mute-too-long", { days: MAX_MUTE_DAYS }));
      return;
    }
    await addMute(ctx.deps.db, person.id, fromOn, toOn);
    await ctx.reply(ctx.t("remind-mute-set", { from: formatVnDate(fromOn), to: formatVnDate(toOn) }));
  });

  return {
    name: "reminders",
    commands: [
      { command: "overdue", roles: ["coordinator", "leader"], descriptionKey: "cmd-overdue" },
      { command: "mute", roles: "any", descriptionKey: "cmd-mute" },
    ],
    composer,
  };
}
