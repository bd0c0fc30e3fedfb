import { listAgencies } from "../../features/agencies/agencies.repository.ts";
import { membershipLabel } from "../../features/people/membership-label.ts";
import { listAllPeople } from "../../features/people/people.repository.ts";
import { expectPositionals, parseFlags, type CliCommand } from "../cli-command.ts";

export const listPeopleCommand: CliCommand = {
  name: "list-people",
  async run(args, ctx) {
    expectPositionals(parseFlags(args, []).positional, 0);
    const locale = ctx.config.DEFAULT_LOCALE;
    const db = ctx.database.db;
    const people = await listAllPeople(db);
    if (people.length === 0) return ctx.out(ctx.t(locale, "admin-cli-people-empty"));
    const agencies = new Map((await listAgencies(db)).map((a) => [a.id, a]));
    for (const { person, memberships } of people) {
      const inactive = person.active ? "" : ` ${ctx.t(locale, "admin-inactive-mark")}`;
      const username = person.username ? ` @${person.username}` : "";
      ctx.out(`${person.telegramId}\t${person.displayName}${username}\t${person.locale}${inactive}`);
      for (const m of memberships) ctx.out(`\t${membershipLabel(m, m.agencyId === null ? null : agencies.get(m.agencyId), ctx.t, locale)}`);
      if (memberships.length === 0) ctx.out(`\t${ctx.t(locale, "admin-people-no-role")}`);
    }
  },
};
