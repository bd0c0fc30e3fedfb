import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { agencies, type Agency, type AgencyKind } from "../agencies/agencies.table.ts";
import type { TemplateDefinition } from "../templates/template-definition.ts";

/** The active agencies that must file a template: all of them, those of some kinds, or a list of codes. */
export async function requiredAgencies(db: Db, def: Pick<TemplateDefinition, "agencies">): Promise<Agency[]> {
  const sel = def.agencies;
  const filter =
    sel.mode === "all"
      ? undefined
      : sel.mode === "kinds"
        ? inArray(agencies.kind, sel.kinds as AgencyKind[])
        : inArray(agencies.code, sel.codes);
  return db.select().from(agencies).where(and(eq(agencies.active, true), filter)).orderBy(asc(agencies.code));
}

/** Same test for one agency, without a query. */
export function agencyMustReport(def: Pick<TemplateDefinition, "agencies">, agency: Pick<Agency, "kind" | "code" | "active">): boolean {
  if (!agency.active) return false;
  const sel = def.agencies;
  if (sel.mode === "all") return true;
  if (sel.mode === "kinds") return sel.kinds.includes(agency.kind);
  return sel.codes.includes(agency.code);
}
