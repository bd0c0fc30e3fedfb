import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import { openPeriod } from "../../../src/features/reports/periods.repository.ts";
import { answers, draftAnswers, periods, submissions } from "../../../src/features/reports/reports.table.ts";
import { ensureSubmission } from "../../../src/features/reports/submissions.repository.ts";
import { createBotHarness, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import type { TestUser } from "../../support/updates.ts";
import { addAgency, addPerson, itPlanPeriod, qi, submissionFor } from "./report-fixtures.ts";

/** Issue 15: last period's answers, the compact review with one "Sửa", overdue in /status, filed reports readable. */
describe("filing with less typing", () => {
  let database: Database;
  let h: BotHarness;
  let october: number;
  let november: number;
  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database);
    h.clock.set(new Date("2026-11-16T02:00:00Z"));
    october = (await itPlanPeriod(database.db, "2026-10", h.clock.now())).id;
    await database.db.update(periods).set({ status: "closed" }).where(eq(periods.id, october));
    november = (await openPeriod(database.db, { templateId: "it-plan", periodKey: "2026-11", now: h.clock.now() })).period.id;
  });
  afterAll(() => database.close());

  const texts = (u: TestUser) => h.api.textsTo(u.id);
  const last = (u: TestUser) => texts(u).at(-1) ?? "";
  const markups = (u: TestUser) =>
    h.api.callsOf("sendMessage").filter((c) => c.chat_id === u.id).map((c) => JSON.stringify(c.reply_markup ?? {}));

  /** An agency that filed October: 80% electronic documents, 12 online services. */
  async function filedOctober() {
    const agency = await addAgency(database.db);
    const s = await ensureSubmission(database.db, october, agency.id, h.clock.now());
    await database.db.insert(answers).values([
      { submissionId: s.id, questionKey: "docs_electronic_pct", value: 80, numValue: 80, updatedAt: h.clock.now() },
      { submissionId: s.id, questionKey: "online_services", value: 12, numValue: 12, updatedAt: h.clock.now() },
    ]);
    await database.db.update(submissions).set({ status: "submitted", version: 1, refNo: "IT-PLAN-2026-10-X-1", submittedAt: h.clock.now() }).where(eq(submissions.id, s.id));
    return { agency, october: s };
  }

  it("shows last period's answer under the question, and 'Giữ như kỳ trước' gives it again", async () => {
    const { agency } = await filedOctober();
    const { user } = await addPerson(database.db, "Lê Kỳ Trước", [["reporter", agency.id]]);
    await h.send(user, "/report");
    expect(last(user)).toContain("Kỳ trước: 80%");
    expect(last(user)).toContain("Câu 1/14");
    expect(markups(user).at(-1)).toContain("Giữ như kỳ trước");
    await h.press(user, `report:pv:${qi("docs_electronic_pct")}`);
    expect(last(user)).toContain("Câu 2/14");
    const s = await submissionFor(database.db, november, agency.id);
    const [d] = await database.db.select().from(draftAnswers).where(eq(draftAnswers.submissionId, s.id));
    expect(d).toMatchObject({ questionKey: "docs_electronic_pct", value: 80 });
    // A question last period left unanswered shows nothing of it.
    expect(last(user)).not.toContain("Kỳ trước");
  });

  it("the review fits one screen with one 'Sửa' button listing the questions; text typed on it is not swallowed", async () => {
    const agency = await addAgency(database.db);
    const { user } = await addPerson(database.db, "Trần Xem Lại", [["reporter", agency.id]]);
    await h.send(user, "/report");
    for (const answer of ["85", null, "12", "150", "1.200", "5", "3", "1 tỷ 2", "900 triệu", "4"]) {
      if (answer === null) await h.press(user, `report:c:${qi("leaders_use_system")}:yes`);
      else await h.send(user, answer);
    }
    await h.press(user, `report:c:${qi("project_status")}:on_schedule`);
    for (const key of ["difficulties", "proposals", "signed_report"]) await h.press(user, `report:s:${qi(key)}`);
    const review = last(user);
    expect(review.split("\n").length).toBeLessThanOrEqual(25);
    expect(review).toContain("tháng 11/2026");
    expect(review).toContain("1.200.000.000 đồng");
    const kb = markups(user).at(-1)!;
    expect(kb).toContain("✏️ Sửa");
    expect(kb).not.toContain("✏️ 1\"");

    await h.press(user, "report:el:0");
    const list = markups(user).at(-1)!;
    expect(list).toContain(`report:e@`);
    expect(list).toContain("▶️");
    await h.press(user, `report:e:${qi("online_services")}`);
    expect(last(user)).toContain("Hiện tại: 12");
    await h.send(user, "13");
    expect(last(user)).toContain("13");

    const before = texts(user).length;
    await h.send(user, "xin chào");
    // It goes on to the rest of the bot (here the fallback or the questions router), not to a filing screen.
    expect(texts(user).slice(before).join("\n")).not.toContain("Vui lòng dùng các nút");
    expect(texts(user).length).toBeGreaterThan(before);
    await h.press(user, "report:sub");
    expect(last(user)).toContain("Đã nộp báo cáo");
  });

  it("/status says by how many working days a report is overdue, and filed reports can be read at any time", async () => {
    const { agency, october: filed } = await filedOctober();
    const { user } = await addPerson(database.db, "Phạm Trễ Hạn", [["reporter", agency.id]]);
    // 20/11/2026 (Friday): three working days after the deadline of 17/11.
    h.clock.set(new Date("2026-11-20T02:00:00Z"));
    try {
      await h.send(user, "/status");
      expect(last(user)).toContain("quá hạn 3 ngày làm việc");
      expect(markups(user).at(-1)).toContain(`report:fv:${filed.id}`);
      await h.press(user, `report:fv:${filed.id}`);
      expect(last(user)).toContain("Chỉ xem");
      expect(last(user)).toContain("80%");
      // Someone of another agency may not read it.
      const { user: other } = await addPerson(database.db, "Người Ngoài", [["reporter", (await addAgency(database.db)).id]]);
      await h.press(other, `report:fv:${filed.id}`);
      expect(last(other)).toBe(h.deps.t("vi", "access-denied"));
    } finally {
      h.clock.set(new Date("2026-11-16T02:00:00Z"));
    }
  });
});
