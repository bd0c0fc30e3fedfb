import { Composer } from "grammy";
import type { BotContext } from "../../bot/context.ts";
import type { Feature } from "../../bot/features.ts";
import { hasRole } from "../../bot/roles.ts";
import { recordAudit } from "../../audit/audit.repository.ts";
import { clip, ECHO_MAX_CHARS } from "../../bot/telegram-limits.ts";
import { PAGE_MAX_CHARS, paginateBlocks } from "../../format/paginate-text.ts";
import { formatVnDate, localDateTime, parseVnDate, weekday } from "../../time/calendar-date.ts";
import { listCalendarDays, removeCalendarDay, setCalendarDay } from "./calendar.repository.ts";
import { isPlausibleYear } from "./period-window.ts";

/** /holidays [year] for every member; add, workday and remove for coordinators. */
export function calendarFeature(): Feature {
  const composer = new Composer<BotContext>();

  composer.command("holidays", async (ctx) => {
    const [action = "", dateText = "", ...rest] = ctx.match.trim().split(/\s+/).filter(Boolean);
    const wd = (day: string) => ctx.t(`calendar-weekday-${weekday(day)}`);

    // A year: "/holidays 0026" (a slip) is not one.
    if (/^\d{4}$/.test(action) && !isPlausibleYear(Number(action))) return void (await ctx.reply(ctx.t("calendar-holidays-bad-year", { text: action })));
    if (action === "" || /^\d{4}$/.test(action)) {
      const year = action ? Number(action) : Number(localDateTime(ctx.deps.clock.now(), ctx.deps.config.REPORT_TIMEZONE).date.slice(0, 4));
      const days = await listCalendarDays(ctx.deps.db, year);
      const lines = days.length
        ? [ctx.t("calendar-holidays-title", { year: String(year) }), ...days.map((d) =>
            ctx.t(`calendar-holidays-line-${d.kind}`, { date: formatVnDate(d.day), weekday: wd(d.day), name: d.name }))]
        : [ctx.t("calendar-holidays-empty", { year: String(year) })];
      if (hasRole(ctx.viewer, "coordinator")) lines.push("", ctx.t("calendar-holidays-usage"));
      // Coordinators may add many days with long names: one message per page under Telegram's limit.
      for (const page of paginateBlocks(lines, PAGE_MAX_CHARS, Number.MAX_SAFE_INTEGER)) await ctx.reply(page);
      return;
    }
    if (!["add", "workday", "remove"].includes(action)) {
      await ctx.reply(ctx.t("calendar-holidays-usage"));
      return;
    }
    if (!hasRole(ctx.viewer, "coordinator")) {
      ctx.log.warn({ action }, "holiday edit denied");
      await ctx.reply(ctx.t("calendar-holidays-edit-denied"));
      return;
    }
    const day = parseVnDate(dateText);
    if (!day) {
      await ctx.reply(ctx.t("calendar-holidays-bad-date", { text: clip(dateText, ECHO_MAX_CHARS) }));
      return;
    }
    const audit = { actorPersonId: ctx.viewer.person!.id, target: `calendar-day:${day}`, at: ctx.deps.clock.now() };
    if (action === "remove") {
      const removed = await removeCalendarDay(ctx.deps.db, day);
      if (!removed) {
        await ctx.reply(ctx.t("calendar-holidays-not-found", { date: formatVnDate(day) }));
        return;
      }
      await recordAudit(ctx.deps.db, { ...audit, action: "calendar-day.remove", before: removed });
      await ctx.reply(`${ctx.t("calendar-holidays-removed", { date: formatVnDate(day), name: removed.name })}\n${ctx.t("calendar-holidays-note")}`);
      return;
    }
    const name = rest.join(" ").slice(0, 200);
    if (!name) {
      await ctx.reply(ctx.t("calendar-holidays-name-required"));
      return;
    }
    const kind = action === "add" ? "holiday" : "workday";
    const before = await setCalendarDay(ctx.deps.db, { day, kind, name });
    await recordAudit(ctx.deps.db, { ...audit, action: `calendar-day.${kind}`, before, after: { day, kind, name } });
    const key = kind === "holiday" ? "calendar-holidays-added" : "calendar-holidays-workday-added";
    await ctx.reply(`${ctx.t(key, { date: formatVnDate(day), weekday: wd(day), name })}\n${ctx.t("calendar-holidays-note")}`);
  });

  return {
    name: "calendar",
    commands: [{ command: "holidays", roles: "any", descriptionKey: "cmd-holidays" }],
    composer,
  };
}
