import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { memberships, people, type Membership, type MembershipSource, type Person, type Role } from "./people.table.ts";

export interface PersonWithRoles {
  person: Person;
  memberships: Membership[];
}

export async function findPersonByTelegramId(db: Db, telegramId: number): Promise<PersonWithRoles | null> {
  const rows = await db
    .select({ person: people, membership: memberships })
    .from(people)
    .leftJoin(memberships, eq(memberships.personId, people.id))
    .where(eq(people.telegramId, telegramId));
  if (rows.length === 0) return null;
  return {
    person: rows[0]!.person,
    memberships: rows.flatMap((r) => (r.membership ? [r.membership] : [])),
  };
}

/** Creates the person on first contact, or refreshes the name Telegram reports. */
export async function upsertPerson(
  db: Db,
  p: { telegramId: number; displayName: string; username?: string | null; locale?: string },
): Promise<Person> {
  const [row] = await db
    .insert(people)
    .values({ telegramId: p.telegramId, displayName: p.displayName, username: p.username ?? null, locale: p.locale ?? "vi" })
    .onConflictDoUpdate({ target: people.telegramId, set: { displayName: p.displayName, username: p.username ?? null } })
    .returning();
  return row!;
}

/**
 * Gives a role; true when the person did not hold it. A role given by an invitation (or seeded) that the person
 * already held from ADMIN_TELEGRAM_IDS becomes theirs by that grant, so leaving the list no longer takes it.
 */
export async function grantRole(
  db: Db,
  personId: number,
  role: Role,
  agencyId: number | null,
  source: MembershipSource = "seed",
): Promise<boolean> {
  const insert = db.insert(memberships).values({ personId, role, agencyId, source });
  const rows =
    source === "config"
      ? await insert.onConflictDoNothing().returning({ id: memberships.id })
      : await insert
          .onConflictDoUpdate({
            target: [memberships.personId, memberships.role, memberships.agencyId],
            set: { source },
            // xmax = 0 only on a fresh insert: tells a new membership from one that was there.
          })
          .returning({ id: memberships.id, fresh: sql<boolean>`(xmax = 0)` });
  return rows.length > 0 && (source === "config" || (rows[0] as { fresh?: boolean }).fresh === true);
}


export async function setPersonLocale(db: Db, personId: number, locale: string): Promise<void> {
  await db.update(people).set({ locale }).where(eq(people.id, personId));
}

/** People holding one of the roles, with their memberships, e.g. every coordinator for a digest. */
export async function listPeopleWithRoles(db: Db, roles?: Role[]): Promise<PersonWithRoles[]> {
  const rows = await db
    .select({ person: people, membership: memberships })
    .from(people)
    .innerJoin(memberships, eq(memberships.personId, people.id))
    .where(roles ? inArray(memberships.role, roles) : undefined)
    .orderBy(people.id);
  const byId = new Map<number, PersonWithRoles>();
  for (const r of rows) {
    const entry = byId.get(r.person.id) ?? { person: r.person, memberships: [] };
    entry.memberships.push(r.membership);
    byId.set(r.person.id, entry);
  }
  return [...byId.values()];
}

/**
 * Vietnamese alphabetical order (D < Đ < E, o < ô < ơ < u, tones after the letter), the same on every
 * server: a database's ORDER BY uses its own collation, often C (byte order), which puts Đ after V.
 */
const vietnameseOrder = new Intl.Collator("vi");

/** Sorts people by name in Vietnamese alphabetical order, then by id. */
export function byVietnameseName<T extends { person: Pick<Person, "displayName" | "id"> }>(list: T[]): T[] {
  return list.sort((a, b) => vietnameseOrder.compare(a.person.displayName, b.person.displayName) || a.person.id - b.person.id);
}

/** Everyone the bot knows, with their roles (possibly none), for /people and list-people, by name. */
export async function listAllPeople(db: Db): Promise<PersonWithRoles[]> {
  const rows = await db
    .select({ person: people, membership: memberships })
    .from(people)
    .leftJoin(memberships, eq(memberships.personId, people.id))
    .orderBy(people.id, memberships.id);
  const byId = new Map<number, PersonWithRoles>();
  for (const r of rows) {
    const entry = byId.get(r.person.id) ?? { person: r.person, memberships: [] };
    if (r.membership) entry.memberships.push(r.membership);
    byId.set(r.person.id, entry);
  }
  return byVietnameseName([...byId.values()]);
}
