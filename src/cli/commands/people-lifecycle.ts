import { findAgencyByCode } from "../../features/agencies/agencies.repository.ts";
import { localDateTime } from "../../features/calendar/calendar-date.ts";
import { findPersonByTelegramId } from "../../features/people/people.repository.ts";
import { ROLES, type Role } from "../../features/people/people.table.ts";
import { addRole, changeRole, deactivatePerson, reactivatePerson, removeRole, tellPerson } from "../../features/people/person-lifecycle.ts";
import { agencyRuleFor } from "../../features/onboarding/invitation-code.ts";
import { CliUsageError, expectPositionals, parseFlags, type CliCommand, type CliContext } from "../cli-command.ts";

async function personOf(ctx: CliContext, telegramId: string | undefined) {
  if (!telegramId || !/^\d{1,16}$/.test(telegramId)) throw new CliUsageError("--person TELEGRAM_ID (numeric) is required");
  const found = await findPersonByTelegramId(ctx.database.db, Number(telegramId));
  if (!found) throw new Error(`no person with Telegram id ${telegramId}`);
  return found;
}

async function agencyOf(ctx: CliContext, code: string | undefined) {
  if (code === undefined) return null;
  const agency = await findAgencyByCode(ctx.database.db, code);
  if (!agency) throw new CliUsageError(ctx.t(ctx.config.DEFAULT_LOCALE, "admin-cli-unknown-agency", { code }));
  return agency;
}

export const deactivatePersonCommand: CliCommand = {
  name: "deactivate-person",
  usage: "deactivate-person --person TELEGRAM_ID --reason TEXT",
  summary: "Deactivates a person (audited): every command and button is refused, their delegations end, they are told.",
  async run(args, ctx) {
    const { flags, positional } = parseFlags(args, ["person", "reason"]);
    expectPositionals(positional, 0);
    if (!flags.reason?.trim()) throw new CliUsageError("--reason is required");
    const { person } = await personOf(ctx, flags.person);
    const now = ctx.clock.now();
    const today = localDateTime(now, ctx.config.REPORT_TIMEZONE).date;
    const done = await deactivatePerson(ctx.database.db, { personId: person.id, reason: flags.reason.trim(), today, actorLabel: "cli", at: now });
    if (!done) return ctx.out(`already inactive: ${person.displayName}`);
    await tellPerson(ctx.database.db, ctx.t, now, done, "people-notice-deactivated", { reason: flags.reason.trim() });
    ctx.out(`deactivated: ${person.displayName}`);
  },
};

export const reactivatePersonCommand: CliCommand = {
  name: "reactivate-person",
  usage: "reactivate-person --person TELEGRAM_ID",
  summary: "Lets a deactivated person in again with the roles they still hold (audited); they are told.",
  async run(args, ctx) {
    const { flags, positional } = parseFlags(args, ["person"]);
    expectPositionals(positional, 0);
    const { person } = await personOf(ctx, flags.person);
    const now = ctx.clock.now();
    const done = await reactivatePerson(ctx.database.db, { personId: person.id, actorLabel: "cli", at: now });
    if (!done) return ctx.out(`already active: ${person.displayName}`);
    await tellPerson(ctx.database.db, ctx.t, now, done, "people-notice-reactivated");
    ctx.out(`reactivated: ${person.displayName}`);
  },
};

export const setRoleCommand: CliCommand = {
  name: "set-role",
  usage: "set-role --person TELEGRAM_ID --role ROLE [--agency CODE] [--remove | --move-to CODE]",
  summary: "Adds a role, removes it (--remove), or moves a reporter to another agency (--move-to); audited.",
  async run(args, ctx) {
    const locale = ctx.config.DEFAULT_LOCALE;
    const { flags, positional } = parseFlags(args, ["person", "role", "agency", "remove", "move-to"]);
    expectPositionals(positional, 0);
    const role = flags.role as Role | undefined;
    if (!role || !(ROLES as readonly string[]).includes(role)) throw new CliUsageError(ctx.t(locale, "admin-cli-unknown-role", { role: role ?? "" }));
    if (flags.remove !== undefined && flags["move-to"] !== undefined) throw new CliUsageError("--remove and --move-to cannot be combined");
    if (flags.remove !== undefined && flags.remove !== "yes") throw new CliUsageError("write --remove yes");
    const rule = agencyRuleFor(role);
    if (rule === "none" && (flags.agency || flags["move-to"])) throw new CliUsageError(ctx.t(locale, "admin-cli-agency-not-allowed", { role }));
    if (rule === "required" && !flags.agency) throw new CliUsageError(ctx.t(locale, "admin-cli-agency-required", { role }));
    const { person, memberships } = await personOf(ctx, flags.person);
    const agency = await agencyOf(ctx, flags.agency);
    const db = ctx.database.db;
    const actor = { actorLabel: "cli", at: ctx.clock.now() };
    const held = memberships.find((m) => m.role === role && m.agencyId === (agency?.id ?? null));
    if (flags.remove !== undefined || flags["move-to"] !== undefined) {
      if (!held) throw new Error(`${person.displayName} does not hold that role`);
      if (flags.remove !== undefined) {
        await removeRole(db, { membershipId: held.id, ...actor });
        return ctx.out(`removed: ${role} from ${person.displayName}`);
      }
      const to = (await agencyOf(ctx, flags["move-to"]))!;
      const r = await changeRole(db, { membershipId: held.id, role, agencyId: to.id, action: "person.move", ...actor });
      if (!r.ok) throw new Error(`${person.displayName} already holds that role at ${to.code}`);
      return ctx.out(`moved: ${person.displayName} to ${to.code}`);
    }
    const added = await addRole(db, { personId: person.id, role, agencyId: agency?.id ?? null, ...actor });
    ctx.out(added ? `added: ${role} to ${person.displayName}` : `unchanged: ${person.displayName} already holds that role`);
  },
};
