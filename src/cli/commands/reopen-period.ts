import { recordAudit } from "../../features/admin/audit.repository.ts";
import { formatVnDate, localDateTime, parseVnDate } from "../../features/calendar/calendar-date.ts";
import { PeriodError, reopenPeriod } from "../../features/reports/periods.repository.ts";
import { CliUsageError, expectPositionals, parseFlags, type CliCommand } from "../cli-command.ts";

export const reopenPeriodCommand: CliCommand = {
  name: "reopen-period",
  usage: "reopen-period --template ID --period 2026-11 --until dd/mm/yyyy",
  summary: "Reopens a period so reporters can amend (or file) past its deadline until the given day.",
  async run(args, ctx) {
    const { flags, positional } = parseFlags(args, ["template", "period", "until"]);
    expectPositionals(positional, 0);
    const until = flags.until ? parseVnDate(flags.until) : undefined;
    if (!flags.template || !flags.period || !until) throw new CliUsageError("--template, --period and --until dd/mm/yyyy are required");
    try {
      const today = localDateTime(ctx.clock.now(), ctx.config.REPORT_TIMEZONE).date;
      const p = await reopenPeriod(ctx.database.db, { templateId: flags.template, periodKey: flags.period, until, today });
      await recordAudit(ctx.database.db, { actorLabel: "cli", action: "period.reopen", target: `period:${p.id}`, after: { reopenedUntil: until }, at: ctx.clock.now() });
      ctx.out(`reopened: ${p.templateId} ${p.periodKey} accepts amendments until ${formatVnDate(until)}`);
    } catch (e) {
      if (e instanceof PeriodError) throw new Error(e.message);
      throw e;
    }
  },
};
