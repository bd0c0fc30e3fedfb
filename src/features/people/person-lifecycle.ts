import { and, eq, gte, lt, ne, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { Translate } from "../../bot/i18n.ts";
import { recordAudit } from "../../audit/audit.repository.ts";
import { enqueueMessages } from "../outbox/outbox.repository.ts";
import { addDays, type IsoDate } from "../../time/calendar-date.ts";
import { delegations, submissions } from "../reports/reports.table.ts";
import { memberships, people, type Membership, type Person, type Role } from "./people.table.ts";

/**
 * A coordinator's changes to a person: deactivate (with a reason), reactivate, change or remove a role, move a
 * reporter to another agency. Each is one transaction with its audit entry. The rules of who may act on whom
 * are `personActionRefusal`; callers check it against the acting person as loaded now.
 */

export interface Actor {
  actorPersonId?: number | null;
  actorLabel?: string | null;
  at: Date;
}

export type PersonActionRefusal = "self" | "admin-only" | "unknown";

/**
 * Why the actor may not change this person, or null. Nobody deactivates themselves or takes away their own
 * coordinator/admin role (that would lock the last coordinator out); only admins act on admins or grant admin.
 */
export function personActionRefusal(
  actor: { personId: number | null; isAdmin: boolean },
  target: { person: Pick<Person, "id">; memberships: Pick<Membership, "role">[] } | null,
  opts: { touchesOwnAccess?: boolean; grantsAdmin?: boolean } = {},
): PersonActionRefusal | null {
  if (!target) return "unknown";
  if (actor.personId === target.person.id && opts.touchesOwnAccess !== false) return "self";
  if (!actor.isAdmin && (opts.grantsAdmin || target.memberships.some((m) => m.role === "admin"))) return "admin-only";
  return null;
}

export async function loadPerson(db: Db, personId: number): Promise<{ person: Person; memberships: Membership[] } | null> {
  const [person] = await db.select().from(people).where(eq(people.id, personId));
  if (!person) return null;
  const own = await db.select().from(memberships).where(eq(memberships.personId, personId)).orderBy(memberships.id);
  return { person, memberships: own };
}

/**
 * Ends the delegations a person holds or gave from `today` on: those already running stop yesterday, those not
 * yet started are removed. Returns what was ended, for the audit.
 */
async function endDelegationsOf(tx: Db, personId: number, today: IsoDate) {
  const involved = or(eq(delegations.personId, personId), eq(delegations.createdBy, personId));
  const yesterday = addDays(today, -1);
  const removed = await tx
    .delete(delegations)
    .where(and(involved, gte(delegations.fromOn, today)))
    .returning({ id: delegations.id, agencyId: delegations.agencyId, personId: delegations.personId, fromOn: delegations.fromOn, toOn: delegations.toOn });
  const cut = await tx
    .update(delegations)
    .set({ toOn: yesterday })
    .where(and(involved, lt(delegations.fromOn, today), gte(delegations.toOn, today)))
    .returning({ id: delegations.id, agencyId: delegations.agencyId, personId: delegations.personId, fromOn: delegations.fromOn });
  return { removed, cut };
}

/**
 * Deactivates a person: the access gate refuses them from their next update on, whatever roles they still hold
 * (kept so the record shows what they were; a re-invitation drops them). Their delegations end and any report
 * they were editing is let go. Returns null when they were already inactive.
 */
export async function deactivatePerson(db: Db, input: { personId: number; reason: string; today: IsoDate } & Actor): Promise<Person | null> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [row] = await tx.update(people).set({ active: false }).where(and(eq(people.id, input.personId), eq(people.active, true))).returning();
    if (!row) return null;
    const ended = await endDelegationsOf(tx, input.personId, input.today);
    await tx.update(submissions).set({ editingPersonId: null, editingSince: null }).where(eq(submissions.editingPersonId, input.personId));
    await recordAudit(tx, {
      ...input,
      action: "person.deactivate",
      target: `person:${input.personId}`,
      before: { active: true },
      after: { active: false, reason: input.reason, delegationsEnded: ended },
    });
    return row;
  });
}

/** Lets a person in again with the roles they still hold. Returns null when they were already active. */
export async function reactivatePerson(db: Db, input: { personId: number } & Actor): Promise<Person | null> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [row] = await tx.update(people).set({ active: true }).where(and(eq(people.id, input.personId), eq(people.active, false))).returning();
    if (!row) return null;
    await recordAudit(tx, { ...input, action: "person.reactivate", target: `person:${input.personId}`, before: { active: false }, after: { active: true } });
    return row;
  });
}

/** Removes one role. Returns the removed membership, or null if it was already gone. */
export async function removeRole(db: Db, input: { membershipId: number } & Actor): Promise<Membership | null> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [gone] = await tx.delete(memberships).where(eq(memberships.id, input.membershipId)).returning();
    if (!gone) return null;
    await recordAudit(tx, {
      ...input,
      action: "person.role-remove",
      target: `person:${gone.personId}`,
      before: { role: gone.role, agencyId: gone.agencyId },
    });
    return gone;
  });
}

export type RoleChangeResult = { ok: true; membership: Membership } | { ok: false; reason: "gone" | "duplicate" };

/**
 * Changes a role (and its agency) in place: a reporter becomes the agency's leader, a reporter moves to another
 * agency. Refused when the person already holds the resulting role, or the membership is gone.
 */
export async function changeRole(
  db: Db,
  input: { membershipId: number; role: Role; agencyId: number | null; action: "person.role-change" | "person.move" } & Actor,
): Promise<RoleChangeResult> {
  return db.transaction(async (txRaw): Promise<RoleChangeResult> => {
    const tx = txRaw as unknown as Db;
    const [old] = await tx.select().from(memberships).where(eq(memberships.id, input.membershipId));
    if (!old) return { ok: false, reason: "gone" };
    const clash = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(
        and(
          eq(memberships.personId, old.personId),
          eq(memberships.role, input.role),
          sql`${memberships.agencyId} is not distinct from ${input.agencyId}`,
          ne(memberships.id, old.id),
        ),
      );
    if (clash.length > 0) return { ok: false, reason: "duplicate" };
    const [row] = await tx.update(memberships).set({ role: input.role, agencyId: input.agencyId }).where(eq(memberships.id, old.id)).returning();
    await recordAudit(tx, {
      ...input,
      target: `person:${old.personId}`,
      before: { role: old.role, agencyId: old.agencyId },
      after: { role: input.role, agencyId: input.agencyId },
    });
    return { ok: true, membership: row! };
  });
}

/** Adds a role (audited); false when the person already holds it. */
export async function addRole(db: Db, input: { personId: number; role: Role; agencyId: number | null } & Actor): Promise<boolean> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const rows = await tx.insert(memberships).values({ personId: input.personId, role: input.role, agencyId: input.agencyId }).onConflictDoNothing().returning();
    if (rows.length === 0) return false;
    await recordAudit(tx, { ...input, action: "person.role-add", target: `person:${input.personId}`, after: { role: input.role, agencyId: input.agencyId } });
    return true;
  });
}

/** Tells a person, in their language and through the outbox, that their account was deactivated or reactivated. */
export async function tellPerson(
  db: Db,
  t: Translate,
  now: Date,
  person: Pick<Person, "id" | "telegramId" | "locale">,
  key: "people-notice-deactivated" | "people-notice-reactivated",
  args: Record<string, string> = {},
): Promise<void> {
  const text = t(person.locale, key, args);
  await enqueueMessages(db, now, [
    { chatId: person.telegramId, personId: person.id, kind: key, payload: { method: "sendMessage", params: { chat_id: person.telegramId, text } }, dedupeKey: `${key}:${person.id}:${now.getTime()}` },
  ]);
}
