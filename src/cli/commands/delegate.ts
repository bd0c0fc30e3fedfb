import { recordAudit } from "../../audit/audit.repository.ts";
import { formatVnDate, localDateTime, parseVnDate } from "../../time/calendar-date.ts";
import { createDelegation } from "../../features/reports/delegations.repository.ts";
import { CliUsageError, expectPositionals, parseFlags, type CliCommand } from "../cli-command.ts";

export const delegateCommand: CliCommand = {
  name: "delegate",
  async run(args, ctx) {
    const { flags, positional } = parseFlags(args, ["agency", "person", "from", "to"]);
    expectPositionals(positional, 0);
    const fromOn = flags.from ? parseVnDate(flags.from) : undefined;
    const toOn = flags.to ? parseVnDate(flags.to) : undefined;
    if (!flags.agency || !flags.person || !/^\d{1,16}$/.test(flags.person) || !fromOn || !toOn)
      throw new CliUsageError("cli-delegate-required");
    const now = ctx.clock.now();
    const today = localDateTime(now, ctx.config.REPORT_TIMEZONE).date;
    // Codes are matched without regard to case: `so-tttt` names the stored SO-TTTT.
    const r = await createDelegation(ctx.database.db, { agencyCode: flags.agency, telegramId: Number(flags.person), fromOn, toOn, createdBy: null, now, today });
    if (!r.ok) {
      throw new Error(ctx.t(ctx.config.DEFAULT_LOCALE, `report-delegate-error-${r.reason}`, { agency: flags.agency, id: flags.person }));
    }
    await recordAudit(ctx.database.db, { actorLabel: "cli", action: "delegation.create", target: `agency:${r.agencyCode}`, after: { personId: r.personId, fromOn, toOn }, at: now });
    ctx.out(ctx.t(ctx.config.DEFAULT_LOCALE, "report-delegated", { name: r.personName, agency: r.agencyName, from: formatVnDate(fromOn), to: formatVnDate(toOn) }));
  },
};
