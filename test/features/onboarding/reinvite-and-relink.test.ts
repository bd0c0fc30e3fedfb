// An invitation that brings back someone who left, and the invitation link tapped again by the person
// who used it.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import { recentAudit } from "../../../src/audit/audit.repository.ts";
import { createInvitation, redeemInvitation } from "../../../src/features/onboarding/invitations.repository.ts";
import { findPersonByTelegramId } from "../../../src/features/people/people.repository.ts";
import { inviteFailures, people } from "../../../src/features/people/people.table.ts";
import { reporterAgencies } from "../../../src/features/reports/reporter-agencies.ts";
import { delegations } from "../../../src/features/reports/reports.table.ts";
import { createBotHarness, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import type { TestUser } from "../../support/updates.ts";
import { personWithRoles, seedSmallProvince } from "../admin/fixtures.ts";

const DAY = 86_400_000;

describe("re-invitations and links opened again", () => {
  let database: Database;
  let h: BotHarness;
  let p: Awaited<ReturnType<typeof seedSmallProvince>>;
  let coordinatorId: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database);
    p = await seedSmallProvince(database.db, "RI");
    coordinatorId = await personWithRoles(database.db, { id: 8100, first_name: "Điều phối" }, [{ role: "coordinator", agencyId: null }]);
  });
  afterAll(() => database.close());

  const invite = (role: "reporter" | "leader" | "coordinator", agencyId: number | null) =>
    createInvitation(database.db, { role, agencyId, expiresAt: new Date(h.clock.now().getTime() + 7 * DAY), createdBy: coordinatorId }, h.clock.now());
  const today = () => h.clock.now().toISOString().slice(0, 10);
  const rolesOf = async (user: TestUser) => (await findPersonByTelegramId(database.db, user.id))?.memberships.map((m) => [m.role, m.agencyId]);

  it("an inactive person re-invited for a new agency holds only the invited role; the old ones are dropped and audited", async () => {
    // Lan was the IT lead of Sở Y tế and a substitute for TP. Biên Hòa, left, and was deactivated.
    const lan: TestUser = { id: 8201, first_name: "Lan" };
    const personId = await personWithRoles(database.db, lan, [{ role: "reporter", agencyId: p.health.id }]);
    await database.db.insert(delegations).values({ agencyId: p.bienHoa.id, personId, fromOn: today(), toOn: "2099-12-31", createdBy: coordinatorId });
    await database.db.update(people).set({ active: false }).where(eq(people.id, personId));

    const { code, invitation } = await invite("reporter", p.finance.id);
    await h.send(lan, `/start ${code}`);

    const texts = h.api.textsTo(lan.id);
    expect(texts[0]).toContain("Sở Tài chính");
    expect(texts.join("\n")).not.toContain("Sở Y tế");
    expect(await rolesOf(lan)).toEqual([["reporter", p.finance.id]]);
    expect((await findPersonByTelegramId(database.db, lan.id))?.person.active).toBe(true);
    // She files for Sở Tài chính only: neither the old role nor the old substitute range comes back.
    expect((await reporterAgencies(database.db, personId, today())).map((r) => r.agency.id)).toEqual([p.finance.id]);

    const audit = (await recentAudit(database.db, 10)).find((a) => a.action === "invitation.use" && a.target === `invitation:${invitation.id}`);
    expect(audit?.before).toMatchObject({
      personId,
      active: false,
      dropped: {
        memberships: [{ role: "reporter", agencyId: p.health.id }],
        delegations: [{ agencyId: p.bienHoa.id, fromOn: today(), toOn: "2099-12-31" }],
      },
    });
  });

  it("an active person invited to a further role keeps the roles they hold", async () => {
    const hung: TestUser = { id: 8202, first_name: "Hùng" };
    await personWithRoles(database.db, hung, [{ role: "reporter", agencyId: p.commune.id }]);
    const { code } = await invite("leader", p.bienHoa.id);
    await h.send(hung, `/start ${code}`);
    expect(await rolesOf(hung)).toEqual([
      ["reporter", p.commune.id],
      ["leader", p.bienHoa.id],
    ]);
  });

  it("the person who used a link and taps it again gets a reminder and their welcome; anyone else gets 'code used'", async () => {
    const minh: TestUser = { id: 8203, first_name: "Minh" };
    const { code } = await invite("reporter", p.bienHoa.id);
    await h.send(minh, `/start ${code}`);
    const welcome = h.api.textsTo(minh.id)[1]!;
    expect(welcome).toContain("Minh");

    await h.send(minh, `/start ${code}`);
    expect(h.api.textsTo(minh.id).slice(2)).toEqual([h.deps.t("vi", "onboarding-already-joined"), welcome]);
    expect(h.api.textsTo(minh.id).join("\n")).not.toContain(h.deps.t("vi", "onboarding-code-used"));
    expect(await rolesOf(minh)).toEqual([["reporter", p.bienHoa.id]]);

    const other: TestUser = { id: 8204, first_name: "Khác" };
    await h.send(other, `/start ${code}`);
    expect(h.api.textsTo(other.id)).toEqual([h.deps.t("vi", "onboarding-code-used")]);
    expect(await findPersonByTelegramId(database.db, other.id)).toBeNull();
  });

  it("the repository tells the redeemer's own code apart, changes nothing and counts no wrong code", async () => {
    const { code } = await invite("reporter", p.health.id);
    const who = { telegramId: 8205, displayName: "Nga", username: null, locale: "vi" };
    const first = await redeemInvitation(database.db, who, code, h.clock.now());
    expect(first.status).toBe("ok");
    const again = await redeemInvitation(database.db, who, code, h.clock.now());
    expect(again).toEqual({ status: "already-joined", personId: first.status === "ok" ? first.person.id : -1, role: "reporter", agencyId: p.health.id });
    expect(await database.db.select().from(inviteFailures).where(eq(inviteFailures.telegramId, who.telegramId))).toEqual([]);
    expect((await redeemInvitation(database.db, { ...who, telegramId: 8206 }, code, h.clock.now())).status).toBe("used");
  });

  it("someone who used a link and has since been deactivated is told the code is used", async () => {
    const an: TestUser = { id: 8207, first_name: "An" };
    const { code } = await invite("reporter", p.health.id);
    await h.send(an, `/start ${code}`);
    const person = await findPersonByTelegramId(database.db, an.id);
    await database.db.update(people).set({ active: false }).where(eq(people.id, person!.person.id));
    await h.send(an, `/start ${code}`);
    expect(h.api.textsTo(an.id).at(-1)).toBe(h.deps.t("vi", "onboarding-code-used"));
    expect((await findPersonByTelegramId(database.db, an.id))?.person.active).toBe(false);
  });
});
