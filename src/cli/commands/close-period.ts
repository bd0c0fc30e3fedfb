import { recordAudit } from "../../audit/audit.repository.ts";
import { closePeriod, PeriodError } from "../../features/reports/periods.repository.ts";
import { CliUsageError, expectPositionals, parseFlags, periodErrorText, type CliCommand } from "../cli-command.ts";

export const closePeriodCommand: CliCommand = {
  name: "close-period",
  async run(args, ctx) {
    const { flags, positional } = parseFlags(args, ["template", "period"]);
    expectPositionals(positional, 0);
    if (!flags.template || !flags.period) throw new CliUsageError("cli-template-period-required");
    try {
      const { period, wasOpen } = await closePeriod(ctx.database.db, { templateId: flags.template, periodKey: flags.period });
      if (wasOpen) await recordAudit(ctx.database.db, { actorLabel: "cli", action: "period.close", target: `period:${period.id}`, after: { status: "closed" }, at: ctx.clock.now() });
      ctx.out(ctx.t(ctx.config.DEFAULT_LOCALE, wasOpen ? "cli-period-closed" : "cli-period-already-closed", { template: period.templateId, period: period.periodKey }));
    } catch (e) {
      if (e instanceof PeriodError) throw new Error(periodErrorText(ctx, e, flags));
      throw e;
    }
  },
};
