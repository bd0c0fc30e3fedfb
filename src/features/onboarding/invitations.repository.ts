import { and, eq, gt, gte, isNull, lt } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { recordAudit } from "../../audit/audit.repository.ts";
import { grantRole, upsertPerson } from "../people/people.repository.ts";
import { invitations, inviteFailures, memberships, people, type Invitation, type Person, type Role } from "../people/people.table.ts";
import { delegations } from "../reports/reports.table.ts";
import {
  WRONG_CODE_WINDOW_MS,
  agencyRuleFor,
  blockedUntil,
  generateInviteCode,
  hashInviteCode,
  isDeepLinkPayload,
} from "./invitation-code.ts";

export interface NewInvitation {
  role: Role;
  agencyId: number | null;
  expiresAt: Date;
  /** The person who created it, or null with actorLabel "cli". */
  createdBy: number | null;
  actorLabel?: string | null;
}

export class InvitationScopeError extends Error {}

/** Creates a single-use invitation; returns the code, which is not stored anywhere. */
export async function createInvitation(db: Db, inv: NewInvitation, now: Date): Promise<{ code: string; invitation: Invitation }> {
  const rule = agencyRuleFor(inv.role);
  if (rule === "required" && inv.agencyId === null) throw new InvitationScopeError(`role ${inv.role} needs an agency`);
  if (rule === "none" && inv.agencyId !== null) throw new InvitationScopeError(`role ${inv.role} takes no agency`);
  const code = generateInviteCode();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(invitations)
      .values({ codeHash: hashInviteCode(code), role: inv.role, agencyId: inv.agencyId, expiresAt: inv.expiresAt, createdBy: inv.createdBy, createdAt: now })
      .returning();
    await recordAudit(tx as unknown as Db, {
      actorPersonId: inv.createdBy,
      actorLabel: inv.actorLabel ?? null,
      action: "invitation.create",
      target: `invitation:${row!.id}`,
      after: { role: inv.role, agencyId: inv.agencyId, expiresAt: inv.expiresAt },
      at: now,
    });
    return { code, invitation: row! };
  });
}

export interface Redeemer {
  telegramId: number;
  displayName: string;
  username: string | null;
  /** Language for a person created by this invitation. */
  locale: string;
}

export type RedeemResult =
  | { status: "ok"; person: Person; role: Role; agencyId: number | null }
  /** The code was used earlier by this same Telegram account (the link tapped again); nothing changed. */
  | { status: "already-joined"; personId: number; role: Role; agencyId: number | null }
  | { status: "unknown" | "used" | "expired" }
  | { status: "blocked"; until: Date };

/**
 * Uses an invitation once. The conditional UPDATE … WHERE used_at IS NULL AND expires_at > now
 * decides the winner, so two concurrent uses of one code cannot both succeed. A failed use changes
 * nothing except the wrong-code counter of that Telegram account.
 */
export async function redeemInvitation(db: Db, who: Redeemer, code: string, now: Date): Promise<RedeemResult> {
  const failures = await db
    .select({ at: inviteFailures.at })
    .from(inviteFailures)
    .where(and(eq(inviteFailures.telegramId, who.telegramId), gt(inviteFailures.at, new Date(now.getTime() - WRONG_CODE_WINDOW_MS))));
  const until = blockedUntil(failures.map((f) => f.at), now);
  if (until) return { status: "blocked", until };

  const hash = isDeepLinkPayload(code) ? hashInviteCode(code) : null;
  const result = hash
    ? await db.transaction(async (tx): Promise<RedeemResult | null> => {
        const [won] = await tx
          .update(invitations)
          .set({ usedAt: now })
          .where(and(eq(invitations.codeHash, hash), isNull(invitations.usedAt), gt(invitations.expiresAt, now)))
          .returning();
        if (!won) return null;
        const existing = await tx.select().from(people).where(eq(people.telegramId, who.telegramId));
        let person = await upsertPerson(tx as unknown as Db, who);
        // An inactive person is someone who left. The invitation says what they are now: the roles and
        // substitute ranges they held before are dropped, or they would silently get them all back.
        let dropped: { memberships: unknown[]; delegations: unknown[] } | null = null;
        if (!person.active) {
          const oldRoles = await tx
            .delete(memberships)
            .where(eq(memberships.personId, person.id))
            .returning({ role: memberships.role, agencyId: memberships.agencyId });
          // Delegations that may not have ended yet (a day of margin for the report time zone).
          const notEnded = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
          const oldDelegations = await tx
            .delete(delegations)
            .where(and(eq(delegations.personId, person.id), gte(delegations.toOn, notEnded)))
            .returning({ agencyId: delegations.agencyId, fromOn: delegations.fromOn, toOn: delegations.toOn });
          dropped = { memberships: oldRoles, delegations: oldDelegations };
          [person] = await tx.update(people).set({ active: true }).where(eq(people.id, person.id)).returning() as [Person];
        }
        await tx.update(invitations).set({ usedBy: person.id }).where(eq(invitations.id, won.id));
        await grantRole(tx as unknown as Db, person.id, won.role, won.agencyId, "invitation");
        await recordAudit(tx as unknown as Db, {
          actorPersonId: person.id,
          action: "invitation.use",
          target: `invitation:${won.id}`,
          before: existing[0] ? { personId: existing[0].id, active: existing[0].active, ...(dropped ? { dropped } : {}) } : null,
          after: { personId: person.id, role: won.role, agencyId: won.agencyId },
          at: now,
        });
        return { status: "ok", person, role: won.role, agencyId: won.agencyId };
      })
    : null;
  if (result) return result;

  const [found] = hash ? await db.select().from(invitations).where(eq(invitations.codeHash, hash)) : [];
  if (found?.usedAt) {
    // Tapping one's own invitation link again sends the same code: that is not someone else's reuse.
    const [self] = found.usedBy === null ? [] : await db.select({ id: people.id }).from(people).where(and(eq(people.id, found.usedBy), eq(people.telegramId, who.telegramId)));
    return self ? { status: "already-joined", personId: self.id, role: found.role, agencyId: found.agencyId } : { status: "used" };
  }
  if (found) return { status: "expired" };
  // Only codes that match nothing count as wrong: they are what a guesser produces.
  await db.insert(inviteFailures).values({ telegramId: who.telegramId, at: now });
  await db
    .delete(inviteFailures)
    .where(and(eq(inviteFailures.telegramId, who.telegramId), lt(inviteFailures.at, new Date(now.getTime() - WRONG_CODE_WINDOW_MS))));
  return { status: "unknown" };
}

