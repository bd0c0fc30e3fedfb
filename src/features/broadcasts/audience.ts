import { and, desc, eq, inArray, lt, ne, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { agencies, type AgencyKind } from "../agencies/agencies.table.ts";
import { loadKindCatalogue } from "../agencies/agency-kinds.repository.ts";
import { localDateTime } from "../../time/calendar-date.ts";
import { memberships, people, ROLES, type Role } from "../people/people.table.ts";
import { requiredAgencies } from "../reports/required-agencies.ts";
import { periods, submissions } from "../reports/reports.table.ts";
import { templateVersions } from "../templates/templates.table.ts";

/** Who a broadcast goes to; stored as JSON on the broadcast, so it must stay plain data. */
export type Audience =
  | { type: "all" }
  | { type: "roles"; roles: Role[] }
  | { type: "kinds"; kinds: AgencyKind[] }
  | { type: "agencies"; agencyIds: number[] }
  /** The people of the required agencies that had not submitted the period when its deadline passed. */
  | { type: "overdue"; periodId: number };

export interface Recipient {
  personId: number;
  chatId: number;
  locale: string;
}

/** Parses untrusted JSON (a stored audience) back into an Audience, or undefined. */
export function parseAudience(raw: unknown): Audience | undefined {
  if (!raw || typeof raw !== "object") return undefined;
  const a = raw as Record<string, unknown>;
  const ints = (v: unknown) => Array.isArray(v) && v.every((x) => Number.isInteger(x)) ? (v as number[]) : undefined;
  switch (a.type) {
    case "all":
      return { type: "all" };
    case "roles":
      return Array.isArray(a.roles) && a.roles.every((r) => (ROLES as readonly unknown[]).includes(r)) ? { type: "roles", roles: a.roles as Role[] } : undefined;
    case "kinds":
      return Array.isArray(a.kinds) && a.kinds.every((k) => typeof k === "string") ? { type: "kinds", kinds: a.kinds as AgencyKind[] } : undefined;
    case "agencies": {
      const ids = ints(a.agencyIds);
      return ids ? { type: "agencies", agencyIds: ids } : undefined;
    }
    case "overdue":
      return Number.isInteger(a.periodId) ? { type: "overdue", periodId: a.periodId as number } : undefined;
    default:
      return undefined;
  }
}

/** The kinds an audience may pick: those agencies have, in summary order (a kind nobody has reaches nobody). */
export async function audienceKinds(db: Db): Promise<{ code: string; label: (locale: string, translate: (key: string) => string) => string }[]> {
  const catalogue = await loadKindCatalogue(db);
  const used = new Set((await db.selectDistinct({ kind: agencies.kind }).from(agencies).where(eq(agencies.active, true))).map((r) => r.kind));
  return catalogue
    .list()
    .filter((k) => used.has(k.code))
    .map((k) => ({ code: k.code, label: (locale, translate) => catalogue.label(k.code, locale, translate) }));
}

/** Active agencies that were required for the period and had no submitted report; empty before the deadline. */
export async function overdueAgencyIds(db: Db, periodId: number, today: string): Promise<number[]> {
  const [row] = await db
    .select({ deadlineOn: periods.deadlineOn, cutoffOn: periods.cutoffOn, definition: templateVersions.definition })
    .from(periods)
    .innerJoin(templateVersions, eq(templateVersions.id, periods.templateVersionId))
    .where(eq(periods.id, periodId));
  if (!row || today <= row.deadlineOn) return [];
  const required = await requiredAgencies(db, row.definition, row);
  if (required.length === 0) return [];
  const submitted = await db
    .select({ agencyId: submissions.agencyId })
    .from(submissions)
    .where(and(eq(submissions.periodId, periodId), eq(submissions.status, "submitted")));
  const done = new Set(submitted.map((s) => s.agencyId));
  return required.map((a) => a.id).filter((id) => !done.has(id));
}

/** Today's date in the reporting time zone. */
export function reportingToday(now: Date, timeZone: string): string {
  return localDateTime(now, timeZone).date;
}

/**
 * The active people an audience names, each once, in a stable order. The sender is left out:
 * they saw the preview. Agency filters count only people whose role is scoped to such an agency.
 */
export async function audienceRecipients(
  db: Db,
  audience: Audience,
  opts: { today: string; excludePersonId?: number | null },
): Promise<Recipient[]> {
  let filter;
  switch (audience.type) {
    case "all":
      filter = undefined;
      break;
    case "roles":
      if (audience.roles.length === 0) return [];
      filter = inArray(memberships.role, audience.roles);
      break;
    case "kinds":
      if (audience.kinds.length === 0) return [];
      filter = sql`${memberships.agencyId} in (select id from agencies where active and kind in ${audience.kinds})`;
      break;
    case "agencies":
      if (audience.agencyIds.length === 0) return [];
      filter = inArray(memberships.agencyId, audience.agencyIds);
      break;
    case "overdue": {
      const ids = await overdueAgencyIds(db, audience.periodId, opts.today);
      if (ids.length === 0) return [];
      filter = inArray(memberships.agencyId, ids);
      break;
    }
  }
  const rows = await db
    .selectDistinct({ personId: people.id, chatId: people.telegramId, locale: people.locale })
    .from(people)
    .innerJoin(memberships, eq(memberships.personId, people.id))
    .where(and(eq(people.active, true), filter, opts.excludePersonId ? ne(people.id, opts.excludePersonId) : undefined))
    .orderBy(people.id);
  return rows;
}

export interface AgencyOption {
  id: number;
  code: string;
  name: string;
  /** Active people holding a role scoped to the agency: whom picking it reaches. */
  people: number;
}

/** Active agencies that reach somebody (an agency with nobody is left out), with their head counts, by code. */
export async function agencyOptions(db: Db): Promise<AgencyOption[]> {
  return db
    .select({ id: agencies.id, code: agencies.code, name: agencies.name, people: sql<number>`count(distinct ${people.id})::int` })
    .from(agencies)
    .innerJoin(memberships, eq(memberships.agencyId, agencies.id))
    .innerJoin(people, and(eq(people.id, memberships.personId), eq(people.active, true)))
    .where(eq(agencies.active, true))
    .groupBy(agencies.id, agencies.code, agencies.name)
    .orderBy(agencies.code);
}

export interface PeriodOption {
  id: number;
  periodKey: string;
  title: { vi: string; en: string };
  deadlineOn: string;
  overdue: number;
}

/** Recent periods whose deadline has passed, with how many agencies are overdue in each. */
export async function overduePeriodOptions(db: Db, today: string, limit = 8): Promise<PeriodOption[]> {
  const rows = await db
    .select({ id: periods.id, periodKey: periods.periodKey, deadlineOn: periods.deadlineOn, definition: templateVersions.definition })
    .from(periods)
    .innerJoin(templateVersions, eq(templateVersions.id, periods.templateVersionId))
    .where(lt(periods.deadlineOn, today))
    .orderBy(desc(periods.deadlineOn), desc(periods.id))
    .limit(limit);
  const out: PeriodOption[] = [];
  for (const r of rows) {
    const overdue = (await overdueAgencyIds(db, r.id, today)).length;
    out.push({ id: r.id, periodKey: r.periodKey, deadlineOn: r.deadlineOn, title: r.definition.title, overdue });
  }
  return out;
}
