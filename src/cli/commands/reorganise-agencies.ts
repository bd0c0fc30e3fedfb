import { findAgencyByCode } from "../../features/agencies/agencies.repository.ts";
import { AGENCY_KINDS, type AgencyKind } from "../../features/agencies/agencies.table.ts";
import { deactivateAgency, mergeAgencies, moveAgency, renameAgency, type ReorgError } from "../../features/agencies/agency-lifecycle.ts";
import { localDateTime, parseVnDate } from "../../features/calendar/calendar-date.ts";
import { CliUsageError, expectPositionals, parseFlags, type CliCommand, type CliContext } from "../cli-command.ts";

const WHY: Record<ReorgError, string> = {
  "unknown-agency": "no such agency",
  inactive: "that agency is already inactive",
  cycle: "the new parent is inside the agency's own subtree",
  "same-agency": "an agency cannot be merged into itself",
  "code-taken": "that code is already used",
  "already-merged": "one of the agencies has already been merged",
  "bad-code": "codes are letters, digits, dot, underscore or dash, at most 32 characters",
};

async function agency(ctx: CliContext, code: string | undefined, flag: string) {
  if (!code) throw new CliUsageError(`--${flag} CODE is required`);
  const found = await findAgencyByCode(ctx.database.db, code);
  if (!found) throw new CliUsageError(ctx.t(ctx.config.DEFAULT_LOCALE, "admin-cli-unknown-agency", { code }));
  return found;
}

function dateFlag(value: string | undefined, flag: string) {
  if (!value) throw new CliUsageError(`--${flag} dd/mm/yyyy is required`);
  const d = parseVnDate(value);
  if (!d) throw new CliUsageError(`--${flag} must be a date dd/mm/yyyy`);
  return d;
}

const actor = (ctx: CliContext) => ({ actorLabel: "cli", at: ctx.clock.now() });
const todayOf = (ctx: CliContext) => localDateTime(ctx.clock.now(), ctx.config.REPORT_TIMEZONE).date;

export const renameAgencyCommand: CliCommand = {
  name: "rename-agency",
  usage: "rename-agency --agency CODE --name NAME",
  summary: "Renames an agency (audited); its history keeps following it.",
  async run(args, ctx) {
    const { flags, positional } = parseFlags(args, ["agency", "name"]);
    expectPositionals(positional, 0);
    if (!flags.name?.trim()) throw new CliUsageError("--name is required");
    const a = await agency(ctx, flags.agency, "agency");
    const r = await renameAgency(ctx.database.db, { agencyId: a.id, name: flags.name.trim(), ...actor(ctx) });
    if (!r.ok) throw new Error(WHY[r.reason]);
    ctx.out(`renamed: ${a.code} — ${r.value.name}`);
  },
};

export const moveAgencyCommand: CliCommand = {
  name: "move-agency",
  usage: "move-agency --agency CODE (--parent CODE | --top yes)",
  summary: "Puts an agency under another parent, or at the top (audited).",
  async run(args, ctx) {
    const { flags, positional } = parseFlags(args, ["agency", "parent", "top"]);
    expectPositionals(positional, 0);
    if ((flags.parent === undefined) === (flags.top === undefined)) throw new CliUsageError("give exactly one of --parent CODE or --top yes");
    const a = await agency(ctx, flags.agency, "agency");
    const parent = flags.parent === undefined ? null : await agency(ctx, flags.parent, "parent");
    const r = await moveAgency(ctx.database.db, { agencyId: a.id, parentId: parent?.id ?? null, ...actor(ctx) });
    if (!r.ok) throw new Error(WHY[r.reason]);
    ctx.out(`moved: ${a.code} under ${parent?.code ?? "(top)"}`);
  },
};

export const deactivateAgencyCommand: CliCommand = {
  name: "deactivate-agency",
  usage: "deactivate-agency --agency CODE --from dd/mm/yyyy",
  summary: "From that day the agency is not required or reminded; its history is kept (audited).",
  async run(args, ctx) {
    const { flags, positional } = parseFlags(args, ["agency", "from"]);
    expectPositionals(positional, 0);
    const a = await agency(ctx, flags.agency, "agency");
    const fromOn = dateFlag(flags.from, "from");
    const r = await deactivateAgency(ctx.database.db, { agencyId: a.id, fromOn, today: todayOf(ctx), ...actor(ctx) });
    if (!r.ok) throw new Error(WHY[r.reason]);
    ctx.out(`deactivated from ${flags.from}: ${a.code}`);
  },
};

export const mergeAgenciesCommand: CliCommand = {
  name: "merge-agencies",
  usage: "merge-agencies --from CODE,CODE… (--into CODE | --new-code CODE --new-name NAME --kind KIND [--parent CODE]) --on dd/mm/yyyy",
  summary: "Merges agencies from a date: they stop reporting, their unfiled open reports close as merged, their history continues under the successor.",
  async run(args, ctx) {
    const { flags, positional } = parseFlags(args, ["from", "into", "new-code", "new-name", "kind", "parent", "on"]);
    expectPositionals(positional, 0);
    const codes = (flags.from ?? "").split(",").map((c) => c.trim()).filter(Boolean);
    if (codes.length === 0) throw new CliUsageError("--from CODE,CODE… is required");
    const preds = [];
    for (const c of codes) preds.push(await agency(ctx, c, "from"));
    const effectiveOn = dateFlag(flags.on, "on");
    let into: Parameters<typeof mergeAgencies>[1]["into"];
    if (flags.into !== undefined) {
      if (flags["new-code"] || flags["new-name"] || flags.kind) throw new CliUsageError("--into cannot be combined with --new-code/--new-name/--kind");
      into = { existingId: (await agency(ctx, flags.into, "into")).id };
    } else {
      if (!flags["new-code"] || !flags["new-name"] || !flags.kind) throw new CliUsageError("give --into CODE, or --new-code, --new-name and --kind for a new agency");
      if (!(AGENCY_KINDS as readonly string[]).includes(flags.kind)) throw new CliUsageError(`--kind must be one of ${AGENCY_KINDS.join(", ")}`);
      const parent = flags.parent === undefined ? null : await agency(ctx, flags.parent, "parent");
      into = { code: flags["new-code"], name: flags["new-name"], kind: flags.kind as AgencyKind, parentId: parent?.id ?? null };
    }
    const r = await mergeAgencies(ctx.database.db, { predecessorIds: preds.map((p) => p.id), into, effectiveOn, today: todayOf(ctx), ...actor(ctx) });
    if (!r.ok) throw new Error(WHY[r.reason]);
    ctx.out(`merged from ${flags.on}: ${preds.map((p) => p.code).join(", ")} → ${r.value.code} — ${r.value.name}`);
  },
};
