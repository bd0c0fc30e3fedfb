import { recordAudit } from "../../audit/audit.repository.ts";
import { formatVnDate, parseVnDate } from "../../time/calendar-date.ts";
import { openPeriod, PeriodError } from "../../features/reports/periods.repository.ts";
import { CliUsageError, expectPositionals, parseFlags, periodErrorText, type CliCommand } from "../cli-command.ts";

export const openPeriodCommand: CliCommand = {
  name: "open-period",
  async run(args, ctx) {
    const { flags, positional } = parseFlags(args, ["template", "period", "deadline"]);
    expectPositionals(positional, 0);
    if (!flags.template || !flags.period) throw new CliUsageError("cli-template-period-required");
    const deadlineOn = flags.deadline ? parseVnDate(flags.deadline) : undefined;
    if (flags.deadline && !deadlineOn) throw new CliUsageError("cli-bad-date", { option: "deadline", value: flags.deadline });
    const now = ctx.clock.now();
    try {
      const { period, created } = await openPeriod(ctx.database.db, {
        templateId: flags.template,
        periodKey: flags.period,
        deadlineOn,
        openedBy: null,
        now,
        timeZone: ctx.config.REPORT_TIMEZONE,
        byHand: true,
      });
      if (created)
        await recordAudit(ctx.database.db, { actorLabel: "cli", action: "period.open", target: `period:${period.id}`, after: { templateId: flags.template, periodKey: flags.period, deadlineOn: period.deadlineOn }, at: now });
      ctx.out(
        ctx.t(ctx.config.DEFAULT_LOCALE, created ? "cli-period-opened" : "cli-period-already-open", {
          template: period.templateId,
          period: period.periodKey,
          id: String(period.id),
          from: formatVnDate(period.startsOn),
          to: formatVnDate(period.cutoffOn),
          deadline: formatVnDate(period.deadlineOn),
        }),
      );
    } catch (e) {
      if (e instanceof PeriodError) throw new Error(periodErrorText(ctx, e, flags));
      throw e;
    }
  },
};
