// Forged coordinator buttons and commands by non-coordinators; /delegate edge cases.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import { delegations, periods, submissions } from "../../../src/features/reports/reports.table.ts";
import { createBotHarness, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import type { TestUser } from "../../support/updates.ts";
import { addAgency, addPerson, itPlanPeriod, qi } from "./report-fixtures.ts";

describe("authorization of coordinator commands and buttons; delegation", () => {
  let database: Database;
  let h: BotHarness;
  let periodId: number;
  const NOW = new Date("2026-11-16T02:00:00Z");
  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database);
    h.clock.set(NOW);
    periodId = (await itPlanPeriod(database.db, "2026-11", h.clock.now())).id;
  });
  afterAll(() => database.close());
  const last = (u: TestUser) => h.api.textsTo(u.id).at(-1) ?? "";

  it("reporters, agency heads, province leaders and strangers can neither use coordinator commands nor forged coordinator buttons", async () => {
    const agency = await addAgency(database.db);
    const { user: rep } = await addPerson(database.db, "Người Nộp", [["reporter", agency.id]]);
    await h.send(rep, "/report");
    await h.send(rep, "80");
    await h.press(rep, `report:c:${qi("leaders_use_system")}:yes`);
    for (const v of ["5", "10", "100", "2", "1", "500 triệu", "200tr", "3"]) await h.send(rep, v);
    await h.press(rep, `report:c:${qi("project_status")}:behind`);
    await h.send(rep, "Bí mật nội bộ XYZ");
    for (const k of ["difficulties", "proposals", "signed_report"]) await h.press(rep, `report:s:${qi(k)}`);
    await h.press(rep, "report:sub");
    const [s] = await database.db.select().from(submissions).where(and(eq(submissions.periodId, periodId), eq(submissions.agencyId, agency.id)));
    expect(s!.status).toBe("submitted");

    const other = await addAgency(database.db);
    const { user: otherRep } = await addPerson(database.db, "Đơn Vị Khác", [["reporter", other.id]]);
    const { user: head } = await addPerson(database.db, "Thủ Trưởng", [["leader", other.id]]);
    const { user: leader } = await addPerson(database.db, "Lãnh Đạo Tỉnh", [["leader", null]]);
    const stranger: TestUser = { id: 990_000_123, first_name: "Người Lạ" };
    const { user: target } = await addPerson(database.db, "Người Thay", [["reporter", other.id]]);

    for (const u of [otherRep, head, leader, stranger, rep]) {
      const before = h.api.textsTo(u.id).length;
      await h.press(u, `report:view:${s!.id}`);
      await h.press(u, `report:ret:${s!.id}`);
      await h.send(u, "Trả lại giả mạo");
      await h.press(u, "report:op:it-plan:2027-03");
      await h.send(u, "/openperiod it-plan 2027-04");
      await h.send(u, "/reopenperiod it-plan 2026-11 30/12/2026");
      await h.send(u, `/delegate ${agency.code} ${target.id} 16/11/2026 30/11/2026`);
      await h.send(u, "/returnreport");
      const seen = h.api.textsTo(u.id).slice(before).join("\n");
      expect(seen).not.toContain("Bí mật nội bộ XYZ");
      expect(seen).not.toContain("Nhập nhận xét");
    }
    const [after] = await database.db.select().from(submissions).where(eq(submissions.id, s!.id));
    expect(after!.status).toBe("submitted");
    expect(await database.db.select().from(periods).where(eq(periods.periodKey, "2027-03"))).toHaveLength(0);
    expect(await database.db.select().from(periods).where(eq(periods.periodKey, "2027-04"))).toHaveLength(0);
    const [p] = await database.db.select().from(periods).where(eq(periods.id, periodId));
    expect(p!.reopenedUntil).toBeNull();
    expect(await database.db.select().from(delegations).where(eq(delegations.agencyId, agency.id))).toHaveLength(0);
  });

  it("/delegate to someone who messaged the bot but has no role: the coordinator is not told to have them 'message the bot first' (they already did)", async () => {
    const agency = await addAgency(database.db);
    const { user: coord } = await addPerson(database.db, "Điều Phối UQ", [["coordinator", null]]);
    const stranger: TestUser = { id: 990_000_456, first_name: "Cán Bộ Mới" };
    await h.send(stranger, "/start");
    await h.send(coord, `/delegate ${agency.code} ${stranger.id} 16/11/2026 30/11/2026`);
    const reply = last(coord);
    // Either the delegation works, or the reply says what is really missing (an invitation / a role).
    expect(reply).not.toContain("cần nhắn bot trước");
  });

  it("/delegate for a range that has already ended (a typo in the year) is refused instead of confirmed", async () => {
    const agency = await addAgency(database.db);
    const { user: coord } = await addPerson(database.db, "Điều Phối UQ 2", [["coordinator", null]]);
    const { user: sub } = await addPerson(database.db, "Người Thay 2", [["reporter", (await addAgency(database.db)).id]]);
    await h.send(coord, `/delegate ${agency.code} ${sub.id} 16/11/2025 30/11/2025`);
    expect(last(coord)).not.toContain("Đã ủy quyền");
    expect(await database.db.select().from(delegations).where(eq(delegations.agencyId, agency.id))).toHaveLength(0);
  });
});
