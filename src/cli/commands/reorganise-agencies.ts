import { findAgencyByCode } from "../../features/agencies/agencies.repository.ts";
import { AGENCY_KINDS, type AgencyKind } from "../../features/agencies/agencies.table.ts";
import { deactivateAgency, mergeAgencies, moveAgency, renameAgency, type ReorgError } from "../../features/agencies/agency-lifecycle.ts";
import { formatVnDate, localDateTime, parseVnDate } from "../../time/calendar-date.ts";
import { CliUsageError, expectPositionals, parseFlags, type CliCommand, type CliContext } from "../cli-command.ts";


/** A reorganisation the domain refused: the same sentences as /reorg in chat. */
const refused = (ctx: CliContext, reason: ReorgError) => new Error(ctx.t(ctx.config.DEFAULT_LOCALE, `reorg-error-${reason}`));

async function agency(ctx: CliContext, code: string | undefined, option: string) {
  if (!code) throw new CliUsageError("cli-agency-code-required", { option });
  const found = await findAgencyByCode(ctx.database.db, code);
  if (!found) throw new CliUsageError("admin-cli-unknown-agency", { code });
  return found;
}

function dateFlag(value: string | undefined, option: string) {
  if (!value) throw new CliUsageError("cli-date-required", { option });
  const d = parseVnDate(value);
  if (!d) throw new CliUsageError("cli-bad-date", { option, value });
  return d;
}

const actor = (ctx: CliContext) => ({ actorLabel: "cli", at: ctx.clock.now() });
const todayOf = (ctx: CliContext) => localDateTime(ctx.clock.now(), ctx.config.REPORT_TIMEZONE).date;

export const renameAgencyCommand: CliCommand = {
  name: "rename-agency",
  async run(args, ctx) {
    const { flags, positional } = parseFlags(args, ["agency", "name"]);
    expectPositionals(positional, 0);
    const a = await agency(ctx, flags.agency, "agency");
    const name = flags.name?.trim();
    if (!name) throw new CliUsageError("cli-name-required");
    const r = await renameAgency(ctx.database.db, { agencyId: a.id, name, ...actor(ctx) });
    if (!r.ok) throw refused(ctx, r.reason);
    ctx.out(ctx.t(ctx.config.DEFAULT_LOCALE, "cli-agency-renamed", { code: a.code, before: a.name, name: r.value.name }));
  },
};

export const moveAgencyCommand: CliCommand = {
  name: "move-agency",
  async run(args, ctx) {
    const { flags, positional } = parseFlags(args, ["agency", "parent", "top"]);
    expectPositionals(positional, 0);
    if ((flags.parent === undefined) === (flags.top === undefined)) throw new CliUsageError("cli-move-agency-one-target");
    if (flags.top !== undefined && flags.top !== "yes") throw new CliUsageError("cli-write-yes", { option: "top" });
    const a = await agency(ctx, flags.agency, "agency");
    const parent = flags.parent === undefined ? null : await agency(ctx, flags.parent, "parent");
    const r = await moveAgency(ctx.database.db, { agencyId: a.id, parentId: parent?.id ?? null, ...actor(ctx) });
    if (!r.ok) throw refused(ctx, r.reason);
    ctx.out(
      parent
        ? ctx.t(ctx.config.DEFAULT_LOCALE, "cli-agency-moved", { agency: a.name, code: a.code, parent: parent.name, parentCode: parent.code })
        : ctx.t(ctx.config.DEFAULT_LOCALE, "cli-agency-moved-top", { agency: a.name, code: a.code }),
    );
  },
};

export const deactivateAgencyCommand: CliCommand = {
  name: "deactivate-agency",
  async run(args, ctx) {
    const { flags, positional } = parseFlags(args, ["agency", "from"]);
    expectPositionals(positional, 0);
    const a = await agency(ctx, flags.agency, "agency");
    const fromOn = dateFlag(flags.from, "from");
    const r = await deactivateAgency(ctx.database.db, { agencyId: a.id, fromOn, today: todayOf(ctx), ...actor(ctx) });
    if (!r.ok) throw refused(ctx, r.reason);
    ctx.out(ctx.t(ctx.config.DEFAULT_LOCALE, "cli-agency-deactivated", { agency: a.name, code: a.code, date: formatVnDate(fromOn) }));
  },
};

export const mergeAgenciesCommand: CliCommand = {
  name: "merge-agencies",
  async run(args, ctx) {
    const { flags, positional } = parseFlags(args, ["from", "into", "new-code", "new-name", "kind", "parent", "on"]);
    expectPositionals(positional, 0);
    const codes = (flags.from ?? "").split(",").map((c) => c.trim()).filter(Boolean);
    if (codes.length === 0) throw new CliUsageError("cli-merge-from-required");
    const effectiveOn = dateFlag(flags.on, "on");
    let into: Parameters<typeof mergeAgencies>[1]["into"];
    let parentCode: string | undefined;
    if (flags.into !== undefined) {
      if (flags["new-code"] || flags["new-name"] || flags.kind || flags.parent) throw new CliUsageError("cli-merge-into-alone");
    } else {
      if (!flags["new-code"] || !flags["new-name"]?.trim() || !flags.kind) throw new CliUsageError("cli-merge-target-required");
      if (!(AGENCY_KINDS as readonly string[]).includes(flags.kind))
        throw new CliUsageError("cli-kind-unknown", { kind: flags.kind, kinds: AGENCY_KINDS.join(", ") });
      parentCode = flags.parent;
    }
    // Every argument is checked before the agencies are looked up, and every code before anything changes.
    const preds = [];
    for (const c of codes) preds.push(await agency(ctx, c, "from"));
    if (flags.into !== undefined) into = { existingId: (await agency(ctx, flags.into, "into")).id };
    else {
      const parent = parentCode === undefined ? null : await agency(ctx, parentCode, "parent");
      into = { code: flags["new-code"]!, name: flags["new-name"]!.trim(), kind: flags.kind as AgencyKind, parentId: parent?.id ?? null };
    }
    const r = await mergeAgencies(ctx.database.db, { predecessorIds: preds.map((p) => p.id), into, effectiveOn, today: todayOf(ctx), ...actor(ctx) });
    if (!r.ok) throw refused(ctx, r.reason);
    ctx.out(ctx.t(ctx.config.DEFAULT_LOCALE, "cli-agencies-merged", { date: formatVnDate(effectiveOn), from: preds.map((p) => p.code).join(", "), code: r.value.code, name: r.value.name }));
  },
};
