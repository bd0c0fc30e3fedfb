import { recordAudit } from "../../features/admin/audit.repository.ts";
import { formatVnDate, localDateTime, parseVnDate } from "../../features/calendar/calendar-date.ts";
import { createDelegation } from "../../features/reports/delegations.repository.ts";
import { CliUsageError, expectPositionals, parseFlags, type CliCommand } from "../cli-command.ts";

export const delegateCommand: CliCommand = {
  name: "delegate",
  usage: "delegate --agency CODE --person TELEGRAM_ID --from dd/mm/yyyy --to dd/mm/yyyy",
  summary: "Names a substitute reporter for an agency over a date range (inclusive), e.g. while its IT lead is away.",
  async run(args, ctx) {
    const { flags, positional } = parseFlags(args, ["agency", "person", "from", "to"]);
    expectPositionals(positional, 0);
    const fromOn = flags.from ? parseVnDate(flags.from) : undefined;
    const toOn = flags.to ? parseVnDate(flags.to) : undefined;
    if (!flags.agency || !flags.person || !/^\d{1,16}$/.test(flags.person) || !fromOn || !toOn)
      throw new CliUsageError("--agency, --person (numeric Telegram id), --from and --to (dd/mm/yyyy) are required");
    const now = ctx.clock.now();
    const today = localDateTime(now, ctx.config.REPORT_TIMEZONE).date;
    // Codes are matched without regard to case: `so-tttt` names the stored SO-TTTT.
    const r = await createDelegation(ctx.database.db, { agencyCode: flags.agency, telegramId: Number(flags.person), fromOn, toOn, createdBy: null, now, today });
    if (!r.ok) {
      const why = {
        "unknown-agency": `no agency with code "${flags.agency}"`,
        "unknown-person": `no person with Telegram id ${flags.person} holding a role (invite them first: \`invite\` or /invite)`,
        "bad-range": "--to is before --from",
        past: `the range ended on ${formatVnDate(toOn)}, before today`,
      }[r.reason];
      throw new Error(why);
    }
    await recordAudit(ctx.database.db, { actorLabel: "cli", action: "delegation.create", target: `agency:${r.agencyCode}`, after: { personId: r.personId, fromOn, toOn }, at: now });
    ctx.out(`delegated: ${r.personName} files for ${r.agencyName} from ${formatVnDate(fromOn)} to ${formatVnDate(toOn)}`);
  },
};
