import { subtreeIds } from "../agencies/agency-tree.ts";
import type { Viewer } from "../../bot/context.ts";
import { hasRole } from "../../bot/roles.ts";
import type { Membership, Role } from "../people/people.table.ts";
import { agencyMustReport } from "../reports/required-agencies.ts";
import type { TemplateDefinition } from "../templates/template-definition.ts";
import type { AgencyRow } from "./summaries.repository.ts";

/**
 * What a person may see in summaries: `all` for province-wide roles; otherwise the agencies of their
 * leader memberships with all descendants, plus the agencies they report for (without children).
 * `aggregate` says whether they may see summaries over several agencies at all (leaders, coordinators).
 */
export interface Visibility {
  all: boolean;
  agencyIds: ReadonlySet<number>;
  aggregate: boolean;
}

export function visibilityOf(memberships: readonly Membership[], agencies: readonly AgencyRow[]): Visibility {
  const wide = memberships.some(
    (m) => m.role === "admin" || m.role === "coordinator" || (m.role === "leader" && m.agencyId === null),
  );
  if (wide) return { all: true, agencyIds: new Set(agencies.map((a) => a.id)), aggregate: true };
  const led = memberships.flatMap((m) => (m.role === "leader" && m.agencyId !== null ? [m.agencyId] : []));
  const ids = subtreeIds(agencies, led);
  for (const m of memberships) if (m.role === "reporter" && m.agencyId !== null) ids.add(m.agencyId);
  // History follows a merge: whoever sees the successor sees the reports its predecessors filed.
  for (const a of agencies) if (a.successorId != null && ids.has(a.successorId)) ids.add(a.id);
  return { all: false, agencyIds: ids, aggregate: led.length > 0 };
}

/** Leaders (and coordinators, admins) see aggregates; reporters only their own agency. */
export const AGGREGATE_ROLES: Role[] = ["leader", "coordinator"];
export const AGENCY_ROLES: Role[] = ["leader", "coordinator", "reporter"];

/**
 * Whether this person may see summaries over several agencies (province-wide or their own subtree): the one
 * rule the chat's leader commands and the console's leader pages both apply.
 */
export function mayAggregate(viewer: Viewer, v: Visibility): boolean {
  return hasRole(viewer, ...AGGREGATE_ROLES) && (v.all || v.aggregate);
}

/** The scope argument of the repository: null for everything. */
export function scopeOf(v: Visibility): readonly number[] | null {
  return v.all ? null : [...v.agencyIds];
}

export function canSee(v: Visibility, agencyId: number): boolean {
  return v.all || v.agencyIds.has(agencyId);
}

/**
 * The agencies a template requires (the reports feature's rule, applied to rows already loaded): those active
 * now, or, for a period (`at`), those that existed at its cut-off, as they were then, less the reports closed
 * because the agency was merged or deactivated before filing.
 */
export function requiredBy(
  selector: TemplateDefinition["agencies"],
  agencies: readonly AgencyRow[],
  at?: { cutoffOn: string; closed?: ReadonlySet<number> },
): AgencyRow[] {
  if (!at) return agencies.filter((a) => agencyMustReport({ agencies: selector }, a));
  return agencies.filter(
    (a) => !at.closed?.has(a.id) && agencyMustReport({ agencies: selector }, { ...a, active: existedOn(a, at.cutoffOn) }),
  );
}

/** Whether the agency existed and reported on `day`: inside its life, and not switched off without a date. */
export function existedOn(a: Pick<AgencyRow, "active" | "startsOn" | "endsOn">, day: string): boolean {
  if (a.startsOn != null && a.startsOn > day) return false;
  if (a.endsOn != null) return a.endsOn > day;
  return a.active;
}
