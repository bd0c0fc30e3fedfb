import { recordAudit } from "../../audit/audit.repository.ts";
import { formatVnDate, localDateTime, parseVnDate, weekday } from "../../time/calendar-date.ts";
import {
  ensureDefaultHolidays, listCalendarDays, removeCalendarDay, setCalendarDay,
} from "../../features/calendar/calendar.repository.ts";
import { CliUsageError, parseFlags, type CliCommand } from "../cli-command.ts";

export const holidaysCommand: CliCommand = {
  name: "holidays",
  async run(args, ctx) {
    const { flags, positional } = parseFlags(args, ["year"]);
    const [action, dateText, ...rest] = positional;
    const locale = ctx.config.DEFAULT_LOCALE;
    const now = ctx.clock.now();
    const db = ctx.database.db;
    const year = (fallback: boolean) => {
      if (flags.year === undefined && fallback) return Number(localDateTime(now, ctx.config.REPORT_TIMEZONE).date.slice(0, 4));
      if (!/^\d{4}$/.test(flags.year ?? "")) throw new CliUsageError("cli-year-required");
      return Number(flags.year);
    };
    const wd = (day: string) => ctx.t(locale, `calendar-weekday-${weekday(day)}`);

    if (action === "list" || action === undefined) {
      const y = year(true);
      const days = await listCalendarDays(db, y);
      if (days.length === 0) return ctx.out(ctx.t(locale, "calendar-holidays-empty", { year: String(y) }));
      for (const d of days) ctx.out(`${formatVnDate(d.day)}\t${wd(d.day)}\t${ctx.t(locale, `cli-day-kind-${d.kind}`)}\t${d.name}`);
      return;
    }
    if (action === "seed") {
      const y = year(false);
      const seeded = await ensureDefaultHolidays(db, [y]);
      ctx.out(ctx.t(locale, seeded.length ? "cli-holidays-seeded" : "cli-holidays-seed-nothing", { year: String(y) }));
      return;
    }
    if (!["add", "workday", "remove"].includes(action)) throw new CliUsageError("cli-holidays-unknown-action", { action });
    const day = dateText ? parseVnDate(dateText) : undefined;
    if (!day) throw new CliUsageError("cli-date-expected", { value: dateText ?? "" });
    const audit = { actorLabel: "cli", target: `calendar-day:${day}`, at: now };
    if (action === "remove") {
      const removed = await removeCalendarDay(db, day);
      if (!removed) throw new Error(ctx.t(locale, "calendar-holidays-not-found", { date: formatVnDate(day) }));
      await recordAudit(db, { ...audit, action: "calendar-day.remove", before: removed });
      ctx.out(ctx.t(locale, "calendar-holidays-removed", { date: formatVnDate(day), name: removed.name }));
      return;
    }
    const name = rest.join(" ").trim();
    if (!name) throw new CliUsageError("cli-holidays-name-required");
    const kind = action === "add" ? "holiday" : "workday";
    const before = await setCalendarDay(db, { day, kind, name });
    await recordAudit(db, { ...audit, action: `calendar-day.${kind}`, before, after: { day, kind, name } });
    const key = kind === "holiday" ? "calendar-holidays-added" : "calendar-holidays-workday-added";
    ctx.out(ctx.t(locale, key, { date: formatVnDate(day), weekday: wd(day), name }));
    ctx.out(ctx.t(locale, "calendar-holidays-note"));
  },
};
