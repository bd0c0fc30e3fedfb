import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import { recentAudit } from "../../../src/audit/audit.repository.ts";
import { hashInviteCode, MAX_WRONG_CODES } from "../../../src/features/onboarding/invitation-code.ts";
import { createInvitation, redeemInvitation } from "../../../src/features/onboarding/invitations.repository.ts";
import { findPersonByTelegramId } from "../../../src/features/people/people.repository.ts";
import { invitations } from "../../../src/features/people/people.table.ts";
import { createBotHarness, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import { personWithRoles, seedSmallProvince } from "../admin/fixtures.ts";

const DAY = 86_400_000;

describe("invitation life cycle through the bot", () => {
  let database: Database;
  let h: BotHarness;
  let province: Awaited<ReturnType<typeof seedSmallProvince>>;
  let coordinatorId: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database);
    province = await seedSmallProvince(database.db, "LC");
    coordinatorId = await personWithRoles(database.db, { id: 9100, first_name: "Điều phối" }, [{ role: "coordinator", agencyId: null }]);
  });
  afterAll(() => database.close());

  const invite = (role: "reporter" | "leader" | "coordinator", agencyId: number | null, ttl = 7 * DAY) =>
    createInvitation(database.db, { role, agencyId, expiresAt: new Date(h.clock.now().getTime() + ttl), createdBy: coordinatorId }, h.clock.now());

  it("stores only the hash of the code, which is a valid deep-link payload", async () => {
    const { code, invitation } = await invite("reporter", province.health.id);
    expect(code).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    expect(invitation.codeHash).toBe(hashInviteCode(code));
    expect(JSON.stringify(await database.db.select().from(invitations))).not.toContain(code);
  });

  it("binds the account to the role and agency on /start <code>, once, and sets the chat's command menu", async () => {
    const { code, invitation } = await invite("reporter", province.health.id);
    const user = { id: 9201, first_name: "Lan", last_name: "Nguyễn", username: "lan_syt" };
    await h.send(user, `/start ${code}`);

    const found = await findPersonByTelegramId(database.db, user.id);
    expect(found?.person).toMatchObject({ displayName: "Lan Nguyễn", username: "lan_syt", locale: "vi" });
    expect(found?.memberships.map((m) => [m.role, m.agencyId])).toEqual([["reporter", province.health.id]]);
    const [row] = await database.db.select().from(invitations).where(eq(invitations.id, invitation.id));
    expect(row).toMatchObject({ usedBy: found!.person.id, usedAt: h.clock.now() });

    const texts = h.api.textsTo(user.id);
    expect(texts[0]).toBe(h.deps.t("vi", "onboarding-joined", { role: `${h.deps.t("vi", "onboarding-role-reporter")} — Sở Y tế (LC-SYT)` }));
    expect(texts[1]).toContain("Lan Nguyễn");
    const menu = h.api.callsOf("setMyCommands").find((c) => (c.scope as { chat_id?: number }).chat_id === user.id);
    const names = (menu?.commands as { command: string }[]).map((c) => c.command);
    expect(names).toEqual(expect.arrayContaining(["start", "help", "lang", "cancel"]));
    expect(names).not.toContain("invite");

    const audit = await recentAudit(database.db, 5);
    expect(audit.find((a) => a.action === "invitation.use")).toMatchObject({ actorPersonId: found!.person.id, target: `invitation:${invitation.id}` });

    // Reuse: by someone else, and by the same person; nothing changes.
    const other = { id: 9202, first_name: "Kẻ", username: "x" };
    await h.send(other, `/start ${code}`);
    expect(h.api.textsTo(other.id)).toEqual([h.deps.t("vi", "onboarding-code-used")]);
    expect(await findPersonByTelegramId(database.db, other.id)).toBeNull();
    // The same person tapping the link again is reminded that they joined, with their roles, not sent for a new code.
    await h.send(user, `/start ${code}`);
    expect(h.api.textsTo(user.id).slice(-2)).toEqual([h.deps.t("vi", "onboarding-already-joined"), texts[1]]);
  });

  it("refuses an expired code and changes nothing", async () => {
    const { code, invitation } = await invite("leader", null, DAY);
    h.clock.advance(DAY + 1000);
    const user = { id: 9301, first_name: "Trễ" };
    await h.send(user, `/start ${code}`);
    expect(h.api.textsTo(user.id)).toEqual([h.deps.t("vi", "onboarding-code-expired")]);
    expect(await findPersonByTelegramId(database.db, user.id)).toBeNull();
    const [row] = await database.db.select().from(invitations).where(eq(invitations.id, invitation.id));
    expect(row?.usedAt).toBeNull();
  });

  it("answers a stranger in Telegram's language when it is supported", async () => {
    const user = { id: 9302, first_name: "Ann", language_code: "en" };
    await h.send(user, "/start not-a-real-code");
    expect(h.api.textsTo(user.id)).toEqual([h.deps.t("en", "onboarding-code-unknown")]);
  });

  it("rate-limits wrong codes per account; during the block even a right code is refused", async () => {
    const user = { id: 9401, first_name: "Dò" };
    for (let i = 0; i < MAX_WRONG_CODES; i++) await h.send(user, `/start wrong-${i}`);
    expect(h.api.textsTo(user.id)).toEqual(Array(MAX_WRONG_CODES).fill(h.deps.t("vi", "onboarding-code-unknown")));

    const { code } = await invite("reporter", province.finance.id);
    await h.send(user, `/start ${code}`);
    const blocked = h.api.textsTo(user.id).at(-1)!;
    expect(blocked).toMatch(/^Bạn đã nhập sai mã mời quá nhiều lần/);
    // 15 minutes from the first wrong code, in Asia/Ho_Chi_Minh (UTC+7).
    const until = new Date(h.clock.now().getTime() + 15 * 60_000);
    const hhmm = `${String((until.getUTCHours() + 7) % 24).padStart(2, "0")}:${String(until.getUTCMinutes()).padStart(2, "0")}`;
    expect(blocked).toContain(hhmm);
    expect(await findPersonByTelegramId(database.db, user.id)).toBeNull();

    // After the window the same account may try again.
    h.clock.advance(15 * 60_000);
    await h.send(user, `/start ${code}`);
    expect((await findPersonByTelegramId(database.db, user.id))?.memberships.map((m) => m.role)).toEqual(["reporter"]);
  });

  it("lets only one of two concurrent uses of a code win", async () => {
    const { code } = await invite("reporter", province.bienHoa.id);
    const who = (id: number) => ({ telegramId: id, displayName: `P${id}`, username: null, locale: "vi" });
    const results = await Promise.all([
      redeemInvitation(database.db, who(9501), code, h.clock.now()),
      redeemInvitation(database.db, who(9502), code, h.clock.now()),
      redeemInvitation(database.db, who(9503), code, h.clock.now()),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["ok", "used", "used"]);
    const winners = await Promise.all([9501, 9502, 9503].map((id) => findPersonByTelegramId(database.db, id)));
    expect(winners.filter(Boolean)).toHaveLength(1);
  });

  it("welcomes a known person on /start with their roles, and a stranger gets only the access message", async () => {
    const boss = { id: 9601, first_name: "Hùng" };
    await personWithRoles(database.db, boss, [
      { role: "leader", agencyId: province.bienHoa.id },
      { role: "reporter", agencyId: province.commune.id },
    ]);
    await h.send(boss, "/start");
    const [text] = h.api.textsTo(boss.id);
    expect(text).toContain("Lãnh đạo đơn vị — TP. Biên Hòa (LC-BH)");
    expect(text).toContain("Cán bộ đầu mối CNTT — Phường Tân Phong (LC-BH-TP)");

    const stranger = { id: 9602, first_name: "Lạ" };
    await h.send(stranger, "/start");
    expect(h.api.textsTo(stranger.id)).toEqual([h.deps.t("vi", "access-none")]);
  });
});
