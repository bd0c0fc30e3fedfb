import { fieldText, ORGANISATION_FIELDS, withField, type Organisation } from "../../features/organisation/organisation.ts";
import { loadOrganisation, saveOrganisation } from "../../features/organisation/organisation.repository.ts";
import { CliUsageError, expectPositionals, parseFlags, type CliCommand } from "../cli-command.ts";

const NAMED = ORGANISATION_FIELDS.filter((f) => f !== "prefix");
const OPTIONS = [...ORGANISATION_FIELDS, ...NAMED.map((f) => `${f}-en`)];

/** `organisation`: prints the settings; with options, sets those fields (all checked before any is stored). */
export const organisationCommand: CliCommand = {
  name: "organisation",
  async run(args, ctx) {
    const { flags, positional } = parseFlags(args, OPTIONS);
    expectPositionals(positional, 0);
    const db = ctx.database.db;
    const stored = (await loadOrganisation(db, ctx.clock.now())) ?? {};
    let next: Organisation = stored;
    for (const f of ORGANISATION_FIELDS) {
      const vi = flags[f];
      const en = flags[`${f}-en`];
      if (vi === undefined && en === undefined) continue;
      // An English form alone keeps the stored Vietnamese one.
      const viText = vi ?? fieldText(stored, f)?.split("|")[0]?.trim();
      if (viText === undefined) throw new CliUsageError("cli-organisation-en-needs-vi", { field: f });
      const changed = withField(next, f, en === undefined ? viText : `${viText} | ${en}`);
      if (!changed) throw new CliUsageError(f === "prefix" ? "org-bad-prefix" : "org-bad-name", { field: f });
      next = changed;
    }
    if (next !== stored) await saveOrganisation(db, next, { actorLabel: "cli", at: ctx.clock.now() });
    for (const f of ORGANISATION_FIELDS) ctx.out(`${f}\t${fieldText(next, f) ?? "-"}`);
  },
};
