import { and, asc, eq, inArray, isNull, lte, or } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { agencies, type Agency, type AgencyKind } from "../agencies/agencies.table.ts";
import type { TemplateDefinition } from "../templates/template-definition.ts";

/**
 * The period an agency is asked about: an agency that starts after the period's cut-off (a merge's new successor,
 * an agency created for next month) did not exist then and is not required for it.
 */
export interface RequiredFor {
  cutoffOn: string;
}

/** The active agencies that must file a template (for `period`: those that existed by its cut-off): all, some kinds, or a list of codes. */
export async function requiredAgencies(db: Db, def: Pick<TemplateDefinition, "agencies">, period?: RequiredFor): Promise<Agency[]> {
  const sel = def.agencies;
  const filter =
    sel.mode === "all"
      ? undefined
      : sel.mode === "kinds"
        ? inArray(agencies.kind, sel.kinds as AgencyKind[])
        : inArray(agencies.code, sel.codes);
  const started = period ? or(isNull(agencies.startsOn), lte(agencies.startsOn, period.cutoffOn)) : undefined;
  return db.select().from(agencies).where(and(eq(agencies.active, true), filter, started)).orderBy(asc(agencies.code));
}

/** Same test for one agency, without a query. */
export function agencyMustReport(
  def: Pick<TemplateDefinition, "agencies">,
  agency: Pick<Agency, "kind" | "code" | "active"> & { startsOn?: string | null },
  period?: RequiredFor,
): boolean {
  if (!agency.active) return false;
  if (period && agency.startsOn != null && agency.startsOn > period.cutoffOn) return false;
  const sel = def.agencies;
  if (sel.mode === "all") return true;
  if (sel.mode === "kinds") return sel.kinds.includes(agency.kind);
  return sel.codes.includes(agency.code);
}
