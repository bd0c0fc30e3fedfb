import { recordAudit } from "../../features/admin/audit.repository.ts";
import { formatVnDate, parseVnDate } from "../../features/calendar/calendar-date.ts";
import { openPeriod, PeriodError } from "../../features/reports/periods.repository.ts";
import { CliUsageError, expectPositionals, parseFlags, type CliCommand } from "../cli-command.ts";

export const openPeriodCommand: CliCommand = {
  name: "open-period",
  usage: "open-period --template ID --period 2026-11 [--deadline dd/mm/yyyy]",
  summary: "Opens a reporting period (idempotent). The default deadline follows the template's rule and the holiday calendar.",
  async run(args, ctx) {
    const { flags, positional } = parseFlags(args, ["template", "period", "deadline"]);
    expectPositionals(positional, 0);
    if (!flags.template || !flags.period) throw new CliUsageError("--template and --period are required");
    const deadlineOn = flags.deadline ? parseVnDate(flags.deadline) : undefined;
    if (flags.deadline && !deadlineOn) throw new CliUsageError(`expected --deadline as dd/mm/yyyy, got "${flags.deadline}"`);
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
        `${created ? "opened" : "already open"}: ${period.templateId} ${period.periodKey} (id ${period.id}), ` +
          `window ${formatVnDate(period.startsOn)}–${formatVnDate(period.cutoffOn)}, deadline ${formatVnDate(period.deadlineOn)}`,
      );
    } catch (e) {
      if (e instanceof PeriodError) throw new Error(e.message);
      throw e;
    }
  },
};
