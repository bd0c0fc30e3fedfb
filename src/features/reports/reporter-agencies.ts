import { and, asc, desc, eq, gte, inArray, lte, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { agencies, type Agency } from "../agencies/agencies.table.ts";
import { memberships } from "../people/people.table.ts";
import { delegations } from "./reports.table.ts";

export interface ReporterAgency {
  agency: Agency;
  /** "reporter": the person's own role; "delegate": a substitute named by a coordinator for today. */
  via: "reporter" | "delegate";
}

/** The active agencies a person files for on `today` (YYYY-MM-DD): own reporter roles plus current delegations. */
export async function reporterAgencies(db: Db, personId: number, today: string): Promise<ReporterAgency[]> {
  // One statement: own roles first, then delegations, each by code.
  const own = db
    .select({ id: memberships.agencyId })
    .from(memberships)
    .where(and(eq(memberships.personId, personId), eq(memberships.role, "reporter")));
  const delegated = db
    .select({ id: delegations.agencyId })
    .from(delegations)
    .where(and(eq(delegations.personId, personId), lte(delegations.fromOn, today), gte(delegations.toOn, today)));
  const isOwn = sql<boolean>`${agencies.id} in ${own}`;
  const rows = await db
    .select({ agency: agencies, own: isOwn })
    .from(agencies)
    .where(and(eq(agencies.active, true), or(inArray(agencies.id, own), inArray(agencies.id, delegated))))
    .orderBy(desc(isOwn), asc(agencies.code));
  return rows.map((r) => ({ agency: r.agency, via: r.own ? ("reporter" as const) : ("delegate" as const) }));
}
