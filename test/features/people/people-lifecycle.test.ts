import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allDeclaredCommands } from "../../../src/bot/command-menu.ts";
import type { Database } from "../../../src/db/client.ts";
import { recentAudit } from "../../../src/audit/audit.repository.ts";
import { allFeatures } from "../../../src/features/index.ts";
import { outbox } from "../../../src/features/outbox/outbox.table.ts";
import { encodePeopleButton as btn, decodePeopleButton } from "../../../src/features/people/people-callback.ts";
import { findPersonByTelegramId } from "../../../src/features/people/people.repository.ts";
import { delegations } from "../../../src/features/reports/reports.table.ts";
import { createBotHarness, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import type { TestUser } from "../../support/updates.ts";
import { personWithRoles, seedSmallProvince } from "../admin/fixtures.ts";

type Button = { text: string; callback_data: string };

describe("people lifecycle in chat", () => {
  let database: Database;
  let h: BotHarness;
  let p: Awaited<ReturnType<typeof seedSmallProvince>>;
  const coordinator: TestUser = { id: 9100, first_name: "Điều phối" };
  const admin: TestUser = { id: 9101, first_name: "Quản trị" };
  const reporter: TestUser = { id: 9102, first_name: "Nguyễn Văn Báo" };
  const other: TestUser = { id: 9103, first_name: "Trần Thị Khác" };
  let reporterId: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database);
    p = await seedSmallProvince(database.db, "PL");
    await personWithRoles(database.db, coordinator, [{ role: "coordinator", agencyId: null }]);
    await personWithRoles(database.db, admin, [{ role: "admin", agencyId: null }]);
    reporterId = await personWithRoles(database.db, reporter, [{ role: "reporter", agencyId: p.health.id }]);
    await personWithRoles(database.db, other, [{ role: "reporter", agencyId: p.finance.id }]);
  });
  afterAll(() => database.close());

  const last = (user: TestUser) => {
    const sent = h.api.callsOf("sendMessage").filter((c) => c.chat_id === user.id).at(-1) as { text: string; reply_markup?: { inline_keyboard: Button[][] } };
    const edited = h.api.callsOf("editMessageText").filter((c) => c.chat_id === user.id).at(-1) as typeof sent | undefined;
    return { sent, edited };
  };
  const buttonsOf = (m: { reply_markup?: { inline_keyboard: Button[][] } } | undefined) => (m?.reply_markup?.inline_keyboard ?? []).flat();

  it("the button codec round-trips and refuses forged data", () => {
    const samples = [
      btn({ verb: "page", page: 3 }),
      btn({ verb: "card", personId: 12 }),
      btn({ verb: "set-agency", membershipId: 7, role: "reporter", agencyId: 999_999_999 }),
      btn({ verb: "reason", reason: "left" }),
    ];
    for (const s of samples) {
      expect(Buffer.byteLength(s)).toBeLessThanOrEqual(64);
      expect(btn(decodePeopleButton(s)!)).toBe(s);
    }
    for (const forged of ["pp:c:", "pp:c:1:2", "pp:sr:1:x", "pp:rs:9", "pp:zz:1", "pp:ag:1:r", "pp:c:-1", "admin:people:1"])
      expect(decodePeopleButton(forged)).toBeUndefined();
  });

  it("/people pages people with a button each, and finds them by name without diacritics", async () => {
    await h.send(coordinator, "/people");
    const { sent } = last(coordinator);
    expect(sent.text).toContain("Nguyễn Văn Báo");
    expect(sent.text).toContain(h.deps.t("vi", "people-counts", { total: 4, inactive: 0 }));
    expect(buttonsOf(sent).map((b) => b.text)).toContain("Nguyễn Văn Báo");
    await h.send(coordinator, "/people van bao");
    const found = last(coordinator).sent;
    expect(buttonsOf(found).map((b) => b.text)).toEqual(["Nguyễn Văn Báo"]);
  });

  it("deactivating: a reason, an audit entry, the person told, their delegations ended; then they can do nothing", async () => {
    // A delegation the reporter holds (from yesterday on) and one not started yet.
    await database.db.insert(delegations).values([
      { agencyId: p.finance.id, personId: reporterId, fromOn: "2026-11-19", toOn: "2026-12-31" },
      { agencyId: p.finance.id, personId: reporterId, fromOn: "2026-12-05", toOn: "2026-12-10" },
    ]);
    await h.press(coordinator, btn({ verb: "card", personId: reporterId }));
    const card = last(coordinator).edited ?? last(coordinator).sent;
    expect(card.text).toContain(h.deps.t("vi", "people-status-active"));
    expect(buttonsOf(card).map((b) => b.callback_data)).toContain(btn({ verb: "deactivate", personId: reporterId }));

    await h.press(coordinator, btn({ verb: "deactivate", personId: reporterId }));
    expect(last(coordinator).sent.text).toBe(h.deps.t("vi", "people-ask-reason"));
    await h.send(coordinator, "Chuyển sang công tác tại huyện");
    expect(h.api.textsTo(coordinator.id)).toContain(h.deps.t("vi", "people-deactivated", { name: reporter.first_name }));

    const after = await findPersonByTelegramId(database.db, reporter.id);
    expect(after?.person.active).toBe(false);
    const audit = (await recentAudit(database.db, 5)).find((a) => a.action === "person.deactivate");
    expect(audit?.target).toBe(`person:${reporterId}`);
    expect((audit?.after as { reason: string }).reason).toBe("Chuyển sang công tác tại huyện");
    const left = await database.db.select().from(delegations).where(eq(delegations.personId, reporterId));
    expect(left.map((d) => [d.fromOn, d.toOn])).toEqual([["2026-11-19", "2026-11-19"]]);
    const notice = (await database.db.select().from(outbox).where(eq(outbox.chatId, reporter.id))).at(-1);
    expect((notice?.payload.params as { text: string }).text).toContain("Chuyển sang công tác tại huyện");
    await h.send(coordinator, "/people");
    expect(last(coordinator).sent.text).toContain(h.deps.t("vi", "people-counts", { total: 4, inactive: 1 }));
    expect(last(coordinator).sent.text).toContain(`Nguyễn Văn Báo ${h.deps.t("vi", "admin-inactive-mark")}`);
  });

  it("a deactivated person is refused every command, button and message, with the clear sentence", async () => {
    const refused = h.deps.t("vi", "access-deactivated");
    const commands = allDeclaredCommands(allFeatures()).map((c) => `/${c.command}`);
    for (const cmd of [...commands, "tình hình tháng này", "/report"]) {
      const before = h.api.textsTo(reporter.id).length;
      await h.send(reporter, cmd);
      const replies = h.api.textsTo(reporter.id).slice(before);
      expect(replies, cmd).toEqual([refused]);
    }
    await h.press(reporter, `report:start:1:${p.health.id}`);
    const answer = h.api.callsOf("answerCallbackQuery").at(-1) as { text: string };
    expect(answer.text).toBe(h.deps.t("vi", "access-deactivated-short"));
  });

  it("reactivating lets them in again; changing and moving a role; guards on self and admins", async () => {
    await h.press(coordinator, btn({ verb: "reactivate", personId: reporterId }));
    expect((await findPersonByTelegramId(database.db, reporter.id))?.person.active).toBe(true);
    await h.send(reporter, "/help");
    expect(h.api.textsTo(reporter.id).at(-1)).toContain(h.deps.t("vi", "help-title"));

    const m = (await findPersonByTelegramId(database.db, reporter.id))!.memberships[0]!;
    // Move the reporter: the picker lists agencies; pick the finance department.
    await h.press(coordinator, btn({ verb: "agencies", membershipId: m.id, role: "reporter", page: 0 }));
    expect(buttonsOf(last(coordinator).edited).map((b) => b.callback_data)).toContain(
      btn({ verb: "set-agency", membershipId: m.id, role: "reporter", agencyId: p.finance.id }),
    );
    await h.press(coordinator, btn({ verb: "set-agency", membershipId: m.id, role: "reporter", agencyId: p.finance.id }));
    expect((await findPersonByTelegramId(database.db, reporter.id))!.memberships.map((x) => [x.role, x.agencyId])).toEqual([["reporter", p.finance.id]]);
    // Reporter → leader of the same agency.
    await h.press(coordinator, btn({ verb: "set-role", membershipId: m.id, role: "leader" }));
    expect((await findPersonByTelegramId(database.db, reporter.id))!.memberships.map((x) => [x.role, x.agencyId])).toEqual([["leader", p.finance.id]]);
    const actions = (await recentAudit(database.db, 10)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["person.reactivate", "person.move", "person.role-change"]));
    // A coordinator may not grant admin, touch an admin, or deactivate themselves.
    await h.press(coordinator, btn({ verb: "set-role", membershipId: m.id, role: "admin" }));
    expect((h.api.callsOf("answerCallbackQuery").at(-1) as { text: string }).text).toBe(h.deps.t("vi", "people-refused-admin-only"));
    const adminId = (await findPersonByTelegramId(database.db, admin.id))!.person.id;
    await h.press(coordinator, btn({ verb: "deactivate", personId: adminId }));
    expect((await findPersonByTelegramId(database.db, admin.id))!.person.active).toBe(true);
    const selfId = (await findPersonByTelegramId(database.db, coordinator.id))!.person.id;
    await h.press(coordinator, btn({ verb: "deactivate", personId: selfId }));
    expect((h.api.callsOf("answerCallbackQuery").at(-1) as { text: string }).text).toBe(h.deps.t("vi", "people-refused-self"));
    // Removing the role: the person is left without access through it.
    await h.press(coordinator, btn({ verb: "remove", membershipId: m.id }));
    expect((await findPersonByTelegramId(database.db, reporter.id))!.memberships).toEqual([]);
    // A reporter cannot press people buttons at all.
    await h.press(other, btn({ verb: "card", personId: reporterId }));
    expect((h.api.callsOf("answerCallbackQuery").at(-1) as { text: string }).text).toBe(h.deps.t("vi", "access-denied"));
  });
});
