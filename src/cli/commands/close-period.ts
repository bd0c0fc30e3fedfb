import { recordAudit } from "../../features/admin/audit.repository.ts";
import { closePeriod, PeriodError } from "../../features/reports/periods.repository.ts";
import { CliUsageError, expectPositionals, parseFlags, type CliCommand } from "../cli-command.ts";

export const closePeriodCommand: CliCommand = {
  name: "close-period",
  usage: "close-period --template ID --period 2026-11",
  summary: "Closes a period: no more filing, amendments or reminders for it (reopen-period opens it again).",
  async run(args, ctx) {
    const { flags, positional } = parseFlags(args, ["template", "period"]);
    expectPositionals(positional, 0);
    if (!flags.template || !flags.period) throw new CliUsageError("--template and --period are required");
    try {
      const { period, wasOpen } = await closePeriod(ctx.database.db, { templateId: flags.template, periodKey: flags.period });
      if (wasOpen) await recordAudit(ctx.database.db, { actorLabel: "cli", action: "period.close", target: `period:${period.id}`, after: { status: "closed" }, at: ctx.clock.now() });
      ctx.out(`${wasOpen ? "closed" : "already closed"}: ${period.templateId} ${period.periodKey}`);
    } catch (e) {
      if (e instanceof PeriodError) throw new Error(e.message);
      throw e;
    }
  },
};
