import { and, asc, eq, gte } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { IsoDate } from "../../time/calendar-date.ts";
import { agencies } from "../agencies/agencies.table.ts";
import { findAgencyByCode } from "../agencies/agencies.repository.ts";
import { memberships, people } from "../people/people.table.ts";
import { delegations } from "./reports.table.ts";

export type DelegationError = "unknown-agency" | "unknown-person" | "bad-range" | "past";

/** Names a substitute reporter for an agency from `fromOn` to `toOn` (inclusive). */
export async function createDelegation(
  db: Db,
  input: { agencyCode: string; telegramId?: number; personId?: number; fromOn: IsoDate; toOn: IsoDate; createdBy: number | null; now: Date; today: IsoDate },
): Promise<
  | { ok: true; id: number; created: boolean; agencyCode: string; agencyName: string; personName: string; personId: number; personTelegramId: number; personLocale: string; agencyId: number }
  | { ok: false; reason: DelegationError }
> {
  if (input.toOn < input.fromOn) return { ok: false, reason: "bad-range" };
  // A range that has already ended would be confirmed and do nothing (a typo in the year).
  if (input.toOn < input.today) return { ok: false, reason: "past" };
  // Codes ignore letter case, as everywhere a person types one.
  const agency = await findAgencyByCode(db, input.agencyCode);
  if (!agency) return { ok: false, reason: "unknown-agency" };
  // Typed commands name the person by Telegram id, the picker by the id of the person it offered.
  const [person] =
    input.personId !== undefined
      ? await db.select().from(people).where(eq(people.id, input.personId))
      : input.telegramId !== undefined
        ? await db.select().from(people).where(eq(people.telegramId, input.telegramId))
        : [];
  // Only someone the access gate lets in can act on a delegation: an active person holding some role.
  const [role] = person ? await db.select({ id: memberships.id }).from(memberships).where(eq(memberships.personId, person.id)).limit(1) : [];
  if (!person || !person.active || !role) return { ok: false, reason: "unknown-person" };
  // The same delegation twice (a repeated command) is one row.
  const [same] = await db
    .select({ id: delegations.id })
    .from(delegations)
    .where(and(eq(delegations.agencyId, agency.id), eq(delegations.personId, person.id), eq(delegations.fromOn, input.fromOn), eq(delegations.toOn, input.toOn)));
  const id =
    same?.id ??
    (
      await db
        .insert(delegations)
        .values({ agencyId: agency.id, personId: person.id, fromOn: input.fromOn, toOn: input.toOn, createdBy: input.createdBy, createdAt: input.now })
        .returning({ id: delegations.id })
    )[0]!.id;
  return { ok: true, id, created: !same, agencyCode: agency.code, agencyName: agency.name, personName: person.displayName, personId: person.id, personTelegramId: person.telegramId, personLocale: person.locale, agencyId: agency.id };
}

/** Delegations that have not ended by `today`. */
export async function currentDelegations(db: Db, today: IsoDate) {
  return db
    .select({ id: delegations.id, agencyCode: agencies.code, agencyName: agencies.name, personName: people.displayName, telegramId: people.telegramId, fromOn: delegations.fromOn, toOn: delegations.toOn })
    .from(delegations)
    .innerJoin(agencies, eq(agencies.id, delegations.agencyId))
    .innerJoin(people, eq(people.id, delegations.personId))
    .where(gte(delegations.toOn, today))
    .orderBy(asc(delegations.fromOn), asc(agencies.code));
}
