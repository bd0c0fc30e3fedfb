import { and, asc, eq, gte, lte } from "drizzle-orm";
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
  const own = await db
    .select({ agency: agencies })
    .from(memberships)
    .innerJoin(agencies, eq(agencies.id, memberships.agencyId))
    .where(and(eq(memberships.personId, personId), eq(memberships.role, "reporter"), eq(agencies.active, true)))
    .orderBy(asc(agencies.code));
  const delegated = await db
    .select({ agency: agencies })
    .from(delegations)
    .innerJoin(agencies, eq(agencies.id, delegations.agencyId))
    .where(and(eq(delegations.personId, personId), lte(delegations.fromOn, today), gte(delegations.toOn, today), eq(agencies.active, true)))
    .orderBy(asc(agencies.code));
  const out: ReporterAgency[] = own.map((r) => ({ agency: r.agency, via: "reporter" as const }));
  for (const d of delegated) if (!out.some((o) => o.agency.id === d.agency.id)) out.push({ agency: d.agency, via: "delegate" });
  return out;
}
