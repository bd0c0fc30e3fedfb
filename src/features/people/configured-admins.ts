import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { recordAudit } from "../../audit/audit.repository.ts";
import { grantRole, upsertPerson } from "./people.repository.ts";
import { memberships, people, type MembershipSource } from "./people.table.ts";

/** Actor label of the audit rows written because of ADMIN_TELEGRAM_IDS. */
export const CONFIG_ACTOR = "config";

/** An admin membership as the reconciliation sees it. */
export interface AdminHolding {
  membershipId: number;
  personId: number;
  telegramId: number;
  source: MembershipSource | null;
  /** The person joined through an admin invitation (for rows older than `source`). */
  usedAdminInvitation: boolean;
}

/**
 * The admin roles that ADMIN_TELEGRAM_IDS gave and no longer gives: the person's id has left the list and the
 * role came from the list. A row from before `source` existed (null) came from the list unless the person
 * used an admin invitation, the only other way to become an admin.
 */
export function configuredAdminsToRevoke(listed: readonly number[], holdings: readonly AdminHolding[]): AdminHolding[] {
  const stillListed = new Set(listed);
  return holdings.filter(
    (h) => !stillListed.has(h.telegramId) && (h.source === "config" || (h.source === null && !h.usedAdminInvitation)),
  );
}

/** Makes a listed account an admin (first contact), with an audit row when it did not hold the role. */
export async function grantConfiguredAdmin(
  db: Db,
  who: { telegramId: number; displayName: string; username: string | null; locale: string },
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const person = await upsertPerson(tx as unknown as Db, who);
    if (await grantRole(tx as unknown as Db, person.id, "admin", null, "config")) await auditGrant(tx as unknown as Db, person.id, who.telegramId, now);
  });
}

/**
 * Run at start: takes back the admin role from every account that the list made an admin and that is no longer
 * listed (roles given by invitation stay), and gives it to listed people the bot already knows. Each change is
 * one audit row (actor "config"). Idempotent; two instances starting together change and audit each row once.
 */
export async function reconcileConfiguredAdmins(db: Db, listed: readonly number[], now: Date): Promise<{ granted: number[]; revoked: number[] }> {
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const holdings: AdminHolding[] = await t
      .select({
        membershipId: memberships.id,
        personId: people.id,
        telegramId: people.telegramId,
        source: memberships.source,
        usedAdminInvitation: sql<boolean>`exists (select 1 from invitations i where i.used_by = ${people.id} and i.role = 'admin')`,
      })
      .from(memberships)
      .innerJoin(people, eq(people.id, memberships.personId))
      .where(and(eq(memberships.role, "admin"), isNull(memberships.agencyId)));
    const toRevoke = configuredAdminsToRevoke(listed, holdings);
    const revoked: number[] = [];
    if (toRevoke.length) {
      const gone = await t
        .delete(memberships)
        .where(inArray(memberships.id, toRevoke.map((h) => h.membershipId)))
        .returning({ id: memberships.id });
      const goneIds = new Set(gone.map((g) => g.id));
      for (const h of toRevoke.filter((h) => goneIds.has(h.membershipId))) {
        revoked.push(h.telegramId);
        await recordAudit(t, {
          actorLabel: CONFIG_ACTOR,
          action: "admin.config-revoke",
          target: `person:${h.personId}`,
          before: { telegramId: h.telegramId, role: "admin", source: h.source ?? "config" },
          after: null,
          at: now,
        });
      }
    }
    const granted: number[] = [];
    if (listed.length) {
      const known = await t.select({ id: people.id, telegramId: people.telegramId }).from(people).where(inArray(people.telegramId, [...listed]));
      for (const p of known) {
        if (await grantRole(t, p.id, "admin", null, "config")) {
          granted.push(p.telegramId);
          await auditGrant(t, p.id, p.telegramId, now);
        }
      }
    }
    return { granted, revoked };
  });
}

function auditGrant(db: Db, personId: number, telegramId: number, now: Date): Promise<void> {
  return recordAudit(db, {
    actorLabel: CONFIG_ACTOR,
    action: "admin.config-grant",
    target: `person:${personId}`,
    before: null,
    after: { telegramId, role: "admin", source: "config" },
    at: now,
  });
}
