import { findAgencyByCode } from "../../features/agencies/agencies.repository.ts";
import { localDateTime } from "../../time/calendar-date.ts";
import { membershipLabel } from "../../features/people/membership-label.ts";
import { findPersonByTelegramId } from "../../features/people/people.repository.ts";
import { ROLES, type Role } from "../../features/people/people.table.ts";
import { addRole, changeRole, deactivatePerson, reactivatePerson, removeRole, tellPerson } from "../../features/people/person-lifecycle.ts";
import { agencyRuleFor } from "../../features/onboarding/invitation-code.ts";
import { CliUsageError, expectPositionals, parseFlags, type CliCommand, type CliContext } from "../cli-command.ts";

async function personOf(ctx: CliContext, telegramId: string | undefined) {
  if (!telegramId || !/^\d{1,16}$/.test(telegramId)) throw new CliUsageError("cli-person-required");
  const found = await findPersonByTelegramId(ctx.database.db, Number(telegramId));
  if (!found) throw new Error(ctx.t(ctx.config.DEFAULT_LOCALE, "cli-person-unknown", { id: telegramId }));
  return found;
}

async function agencyOf(ctx: CliContext, code: string | undefined) {
  if (code === undefined) return null;
  const agency = await findAgencyByCode(ctx.database.db, code);
  if (!agency) throw new CliUsageError("admin-cli-unknown-agency", { code });
  return agency;
}

export const deactivatePersonCommand: CliCommand = {
  name: "deactivate-person",
  async run(args, ctx) {
    const { flags, positional } = parseFlags(args, ["person", "reason"]);
    expectPositionals(positional, 0);
    const reason = flags.reason?.trim();
    if (!reason) throw new CliUsageError("cli-reason-required");
    const { person } = await personOf(ctx, flags.person);
    const now = ctx.clock.now();
    const today = localDateTime(now, ctx.config.REPORT_TIMEZONE).date;
    const done = await deactivatePerson(ctx.database.db, { personId: person.id, reason, today, actorLabel: "cli", at: now });
    if (!done) return ctx.out(ctx.t(ctx.config.DEFAULT_LOCALE, "cli-person-already-inactive", { name: person.displayName }));
    await tellPerson(ctx.database.db, ctx.t, now, done, "people-notice-deactivated", { reason });
    ctx.out(ctx.t(ctx.config.DEFAULT_LOCALE, "cli-person-deactivated", { name: person.displayName }));
  },
};

export const reactivatePersonCommand: CliCommand = {
  name: "reactivate-person",
  async run(args, ctx) {
    const { flags, positional } = parseFlags(args, ["person"]);
    expectPositionals(positional, 0);
    const { person } = await personOf(ctx, flags.person);
    const now = ctx.clock.now();
    const done = await reactivatePerson(ctx.database.db, { personId: person.id, actorLabel: "cli", at: now });
    if (!done) return ctx.out(ctx.t(ctx.config.DEFAULT_LOCALE, "cli-person-already-active", { name: person.displayName }));
    await tellPerson(ctx.database.db, ctx.t, now, done, "people-notice-reactivated");
    ctx.out(ctx.t(ctx.config.DEFAULT_LOCALE, "cli-person-reactivated", { name: person.displayName }));
  },
};

export const setRoleCommand: CliCommand = {
  name: "set-role",
  async run(args, ctx) {
    const locale = ctx.config.DEFAULT_LOCALE;
    const { flags, positional } = parseFlags(args, ["person", "role", "agency", "remove", "move-to"]);
    expectPositionals(positional, 0);
    const role = flags.role as Role | undefined;
    if (!role || !(ROLES as readonly string[]).includes(role)) throw new CliUsageError("admin-cli-unknown-role", { role: role ?? "" });
    if (flags.remove !== undefined && flags["move-to"] !== undefined) throw new CliUsageError("cli-remove-or-move");
    if (flags.remove !== undefined && flags.remove !== "yes") throw new CliUsageError("cli-write-yes", { option: "remove" });
    const rule = agencyRuleFor(role);
    if (rule === "none" && (flags.agency || flags["move-to"])) throw new CliUsageError("admin-cli-agency-not-allowed", { role });
    if (rule === "required" && !flags.agency) throw new CliUsageError("admin-cli-agency-required", { role });
    const { person, memberships } = await personOf(ctx, flags.person);
    const agency = await agencyOf(ctx, flags.agency);
    const to = await agencyOf(ctx, flags["move-to"]);
    const db = ctx.database.db;
    const actor = { actorLabel: "cli", at: ctx.clock.now() };
    const name = person.displayName;
    const label = membershipLabel({ role, agencyId: agency?.id ?? null }, agency, ctx.t, locale);
    const held = memberships.find((m) => m.role === role && m.agencyId === (agency?.id ?? null));
    if (flags.remove !== undefined || to) {
      if (!held) throw new Error(ctx.t(locale, "cli-role-not-held", { name, role: label }));
      if (!to) {
        await removeRole(db, { membershipId: held.id, ...actor });
        return ctx.out(ctx.t(locale, "cli-role-removed", { name, role: label }));
      }
      const moved = membershipLabel({ role, agencyId: to.id }, to, ctx.t, locale);
      const r = await changeRole(db, { membershipId: held.id, role, agencyId: to.id, action: "person.move", ...actor });
      if (!r.ok) throw new Error(ctx.t(locale, "cli-role-unchanged", { name, role: moved }));
      return ctx.out(ctx.t(locale, "cli-role-moved", { name, role: moved }));
    }
    const added = await addRole(db, { personId: person.id, role, agencyId: agency?.id ?? null, ...actor });
    ctx.out(added ? ctx.t(locale, "cli-role-added", { name, role: label }) : ctx.t(locale, "cli-role-unchanged", { name, role: label }));
  },
};
