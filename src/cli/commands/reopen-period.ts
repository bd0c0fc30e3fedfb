import { recordAudit } from "../../audit/audit.repository.ts";
import { formatVnDate, localDateTime, parseVnDate } from "../../time/calendar-date.ts";
import { PeriodError, reopenPeriod } from "../../features/reports/periods.repository.ts";
import { CliUsageError, expectPositionals, parseFlags, periodErrorText, type CliCommand } from "../cli-command.ts";

export const reopenPeriodCommand: CliCommand = {
  name: "reopen-period",
  async run(args, ctx) {
    const { flags, positional } = parseFlags(args, ["template", "period", "until"]);
    expectPositionals(positional, 0);
    const until = flags.until ? parseVnDate(flags.until) : undefined;
    if (!flags.template || !flags.period || !until) throw new CliUsageError("cli-reopen-required");
    try {
      const today = localDateTime(ctx.clock.now(), ctx.config.REPORT_TIMEZONE).date;
      const p = await reopenPeriod(ctx.database.db, { templateId: flags.template, periodKey: flags.period, until, today });
      await recordAudit(ctx.database.db, { actorLabel: "cli", action: "period.reopen", target: `period:${p.id}`, after: { reopenedUntil: until }, at: ctx.clock.now() });
      ctx.out(ctx.t(ctx.config.DEFAULT_LOCALE, "report-period-reopened", { template: p.templateId, period: p.periodKey, until: formatVnDate(until) }));
    } catch (e) {
      if (e instanceof PeriodError) throw new Error(periodErrorText(ctx, e, flags));
      throw e;
    }
  },
};
