import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import { recentAudit } from "../../../src/audit/audit.repository.ts";
import { createInvitation } from "../../../src/features/onboarding/invitations.repository.ts";
import { configuredAdminsToRevoke, reconcileConfiguredAdmins, type AdminHolding } from "../../../src/features/people/configured-admins.ts";
import { findPersonByTelegramId, upsertPerson } from "../../../src/features/people/people.repository.ts";
import { auditLog, memberships } from "../../../src/features/people/people.table.ts";
import { createBotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import { seedSmallProvince } from "../admin/fixtures.ts";

describe("configuredAdminsToRevoke", () => {
  const h = (telegramId: number, source: AdminHolding["source"], usedAdminInvitation = false): AdminHolding => ({
    membershipId: telegramId,
    personId: telegramId,
    telegramId,
    source,
    usedAdminInvitation,
  });
  it.each([
    ["listed, from the list", false, [1], h(1, "config")],
    ["unlisted, from the list", true, [], h(1, "config")],
    ["unlisted, by invitation", false, [], h(1, "invitation")],
    ["unlisted, seeded", false, [2], h(1, "seed")],
    ["unlisted, older than the column, no admin invitation", true, [2], h(1, null)],
    ["unlisted, older than the column, joined by an admin invitation", false, [], h(1, null, true)],
    ["listed, older than the column", false, [1], h(1, null)],
  ] as const)("%s: revoked = %s", (_name, revoked, listed, holding) => {
    expect(configuredAdminsToRevoke(listed, [holding])).toEqual(revoked ? [holding] : []);
  });
});

describe("ADMIN_TELEGRAM_IDS: grants and revocations are audited; leaving the list takes back what it gave", () => {
  let database: Database;
  const only = { id: 7101, first_name: "Chỉ cấu hình" };
  const alsoReporter = { id: 7102, first_name: "Cũng báo cáo" };
  const alsoInvited = { id: 7103, first_name: "Được mời làm quản trị" };
  const legacy = { id: 7104, first_name: "Cũ" };
  const legacyInvited = { id: 7105, first_name: "Cũ được mời" };
  const laterListed = { id: 7106, first_name: "Thêm sau" };
  const START = new Date("2026-11-21T01:00:00Z");

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  const roles = async (telegramId: number) =>
    ((await findPersonByTelegramId(database.db, telegramId))?.memberships ?? []).map((m) => m.role).sort();
  const auditOf = async (action: string) =>
    (await database.db.select().from(auditLog).where(eq(auditLog.action, action))).map((a) => ({ actor: a.actorLabel, target: a.target, after: a.after, before: a.before }));

  it("first contact of a listed id writes the admin role and an audit row; a second message writes nothing more", async () => {
    const h = await createBotHarness(database, { config: { ADMIN_TELEGRAM_IDS: "7101,7102,7103" } });
    const p = await seedSmallProvince(database.db, "CA");
    for (const u of [only, alsoReporter, alsoInvited]) await h.send(u, "/help");
    await h.send(only, "/help");
    for (const u of [only, alsoReporter, alsoInvited]) expect(await roles(u.id)).toEqual(["admin"]);
    const grants = await auditOf("admin.config-grant");
    expect(grants).toHaveLength(3);
    const person = (await findPersonByTelegramId(database.db, only.id))!.person;
    expect(grants).toContainEqual({ actor: "config", target: `person:${person.id}`, before: null, after: { telegramId: only.id, role: "admin", source: "config" } });

    // One listed admin also joins as a reporter, another uses an admin invitation: those roles are the invitation's.
    const inviteFor = async (role: "reporter" | "admin", agencyId: number | null) =>
      (await createInvitation(database.db, { role, agencyId, expiresAt: new Date(h.clock.now().getTime() + 86_400_000), createdBy: person.id }, h.clock.now())).code;
    await h.send(alsoReporter, `/start ${await inviteFor("reporter", p.health.id)}`);
    await h.send(alsoInvited, `/start ${await inviteFor("admin", null)}`);
    expect(await roles(alsoReporter.id)).toEqual(["admin", "reporter"]);
    const [invited] = await database.db.select().from(memberships).where(eq(memberships.personId, (await findPersonByTelegramId(database.db, alsoInvited.id))!.person.id));
    expect(invited?.source).toBe("invitation");
  });

  it("at start, ids taken off the list lose the admin role the list gave, with audit rows; other roles stay", async () => {
    // Admins from before the source column: one came from the list, one from an admin invitation.
    for (const u of [legacy, legacyInvited, laterListed]) await upsertPerson(database.db, { telegramId: u.id, displayName: u.first_name });
    const legacyPerson = (await findPersonByTelegramId(database.db, legacy.id))!.person;
    const legacyInvitedPerson = (await findPersonByTelegramId(database.db, legacyInvited.id))!.person;
    await database.db.insert(memberships).values([
      { personId: legacyPerson.id, role: "admin", agencyId: null, source: null },
      { personId: legacyInvitedPerson.id, role: "admin", agencyId: null, source: null },
    ]);
    const { invitation } = await createInvitation(database.db, { role: "admin", agencyId: null, expiresAt: new Date("2026-12-01T00:00:00Z"), createdBy: null }, START);
    const { invitations } = await import("../../../src/features/people/people.table.ts");
    await database.db.update(invitations).set({ usedAt: START, usedBy: legacyInvitedPerson.id }).where(eq(invitations.id, invitation.id));

    // Restart with only 7106 listed (a known person who had no admin role).
    const result = await reconcileConfiguredAdmins(database.db, [laterListed.id], START);
    expect(result.revoked.sort()).toEqual([only.id, alsoReporter.id, legacy.id]);
    expect(result.granted).toEqual([laterListed.id]);
    expect(await roles(only.id)).toEqual([]);
    expect(await roles(alsoReporter.id)).toEqual(["reporter"]);
    expect(await roles(alsoInvited.id)).toEqual(["admin"]);
    expect(await roles(legacy.id)).toEqual([]);
    expect(await roles(legacyInvited.id)).toEqual(["admin"]);
    expect(await roles(laterListed.id)).toEqual(["admin"]);

    const revocations = await auditOf("admin.config-revoke");
    expect(revocations).toHaveLength(3);
    expect(revocations).toContainEqual({ actor: "config", target: `person:${legacyPerson.id}`, before: { telegramId: legacy.id, role: "admin", source: "config" }, after: null });
    const atStart = (await recentAudit(database.db, 10)).filter((a) => a.at.getTime() === START.getTime() && a.action.startsWith("admin."));
    expect(atStart.map((a) => a.action).sort()).toEqual(["admin.config-grant", "admin.config-revoke", "admin.config-revoke", "admin.config-revoke"]);

    // A second start with the same list changes and audits nothing.
    expect(await reconcileConfiguredAdmins(database.db, [laterListed.id], START)).toEqual({ granted: [], revoked: [] });
    expect(await auditOf("admin.config-revoke")).toHaveLength(3);
  });

  it("after the restart the removed admin can no longer invite; the reporter keeps filing rights", async () => {
    const h = await createBotHarness(database, { config: { ADMIN_TELEGRAM_IDS: String(laterListed.id) } });
    await h.send(only, "/invite");
    expect(h.api.textsTo(only.id)).toEqual([h.deps.t("vi", "access-none")]);
    await h.press(only, "admin:inv-role:admin");
    expect(h.api.callsOf("answerCallbackQuery").at(-1)?.text).toBe(h.deps.t("vi", "access-none-short"));
    await h.send(alsoReporter, "/invite");
    expect(h.api.textsTo(alsoReporter.id).at(-1)).toBe(h.deps.t("vi", "access-denied"));
    const reporterRows = await database.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.personId, (await findPersonByTelegramId(database.db, alsoReporter.id))!.person.id), eq(memberships.role, "reporter")));
    expect(reporterRows).toHaveLength(1);
  });
});
