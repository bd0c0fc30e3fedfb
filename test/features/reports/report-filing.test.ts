import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import { answers, draftAnswers, submissionVersions } from "../../../src/features/reports/reports.table.ts";
import { conversationState } from "../../../src/db/runtime.table.ts";
import { createBotHarness, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import { documentUpdate, textUpdate, type TestUser } from "../../support/updates.ts";
import { addAgency, addPerson, itPlanPeriod, itPlan as def, qi, label, submissionFor } from "./report-fixtures.ts";


describe("filing the it-plan report in the conversation", () => {
  let database: Database;
  let h: BotHarness;
  let periodId: number;
  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database);
    // 16/11/2026 09:00 local: before the deadline of 2026-11 (17/11).
    h.clock.set(new Date("2026-11-16T02:00:00Z"));
    periodId = (await itPlanPeriod(database.db, "2026-11", h.clock.now())).id;
  });
  afterAll(() => database.close());

  const last = (u: TestUser) => h.api.textsTo(u.id).at(-1) ?? "";
  const t = (key: string, args?: Record<string, string | number>) => h.deps.t("vi", key, args);

  const submissionOf = (agencyId: number) => submissionFor(database.db, periodId, agencyId);

  it("files a full report: validation, skip logic, confirmation, attachment, review, submit on time", async () => {
    const agency = await addAgency(database.db);
    const { user } = await addPerson(database.db, "Nguyễn Văn Báo", [["reporter", agency.id]]);

    await h.send(user, "/report");
    expect(last(user)).toContain("Câu 1/14");
    expect(last(user)).toContain(label("docs_electronic_pct"));

    await h.send(user, "120");
    const texts = h.api.textsTo(user.id);
    expect(texts.at(-2)).toBe("Vui lòng nhập số từ 0 đến 100.");
    expect(texts.at(-1)).toContain("Câu 1/14");

    await h.send(user, "85,5");
    expect(last(user)).toContain("Câu 2/14");
    await h.press(user, `report:c:${qi("leaders_use_system")}:partly`);
    expect(last(user)).toContain(label("online_services"));
    await h.send(user, "12");
    await h.send(user, "150");
    expect(last(user)).toContain(label("dossiers_total"));
    await h.send(user, "100");
    // online ≤ total is a hard rule, checked when the later of the two is answered.
    expect(h.api.textsTo(user.id).at(-2)).toBe(
      t("report-error-lte", { label: label("dossiers_online"), value: "150", other: label("dossiers_total"), otherValue: "100" }),
    );
    await h.send(user, "1.200");
    await h.send(user, "5");
    await h.send(user, "3");
    await h.send(user, "1,5 tỷ");
    await h.send(user, "2 tỷ");
    // disbursed > allocated only asks for a confirmation.
    expect(last(user)).toContain("Bạn xác nhận");
    await h.press(user, `report:y:${qi("budget_disbursed")}`);
    expect(last(user)).toContain(label("connected_systems"));
    await h.send(user, "4");
    await h.press(user, `report:c:${qi("project_status")}:behind`);
    // Skip logic: the reason is asked because the status is "behind", and the count grows to 15.
    expect(last(user)).toContain(label("behind_reason"));
    expect(last(user)).toContain("Câu 12/15");
    await h.send(user, "Chờ phê duyệt dự án");
    await h.press(user, `report:s:${qi("difficulties")}`);
    await h.send(user, "Đề nghị bổ sung kinh phí");
    expect(last(user)).toContain(label("signed_report"));
    await h.send(user, "đây là báo cáo");
    expect(h.api.textsTo(user.id).at(-2)).toBe(t("report-error-attachment"));
    await h.handle(documentUpdate(user, "bao-cao-thang-11.pdf"));

    // Review: every answer, formatted.
    const review = last(user);
    expect(review).toContain("1.500.000.000 đồng");
    expect(review).toContain("85,5%");
    expect(review).toContain("Một phần");
    expect(review).toContain("(bỏ qua)");
    expect(review).toContain("bao-cao-thang-11.pdf");
    const s0 = await submissionOf(agency.id);
    expect(s0.status).toBe("draft");
    const drafts = await database.db.select().from(draftAnswers).where(eq(draftAnswers.submissionId, s0.id));
    expect(drafts).toHaveLength(15);

    await h.press(user, "report:sub");
    const confirmation = last(user);
    expect(confirmation).toContain("Đã nộp báo cáo");
    expect(confirmation).toContain(`${def.id}-2026-11-${agency.code}-1`.toUpperCase());
    expect(confirmation).toContain("đúng hạn");

    const s = await submissionOf(agency.id);
    expect(s).toMatchObject({ status: "submitted", version: 1, onTime: true, editingPersonId: null });
    const official = await database.db.select().from(answers).where(eq(answers.submissionId, s.id));
    const byKey = Object.fromEntries(official.map((a) => [a.questionKey, a]));
    expect(byKey.budget_allocated?.value).toBe(1_500_000_000);
    expect(byKey.budget_disbursed?.numValue).toBe(2_000_000_000);
    expect(byKey.dossiers_total?.value).toBe(1200);
    expect(byKey.difficulties?.value).toBeNull();
    expect(byKey.signed_report?.value).toMatchObject({ kind: "document", fileName: "bao-cao-thang-11.pdf" });
    // A second press of the same submit button (a double tap) records nothing more.
    await h.press(user, "report:sub");
    expect(h.api.callsOf("answerCallbackQuery").at(-1)).toMatchObject({ text: t("report-button-stale") });
    const versions = await database.db.select().from(submissionVersions).where(eq(submissionVersions.submissionId, s.id));
    expect(versions).toMatchObject([{ version: 1, event: "submitted" }]);
    // The conversation is over: nothing is left in its storage for this chat.
    const left = await database.db.select().from(conversationState);
    expect(left.filter((r) => r.key.includes(String(user.id)) && JSON.stringify(r.state).includes("report"))).toHaveLength(0);
  });

  it("resumes after a restart (a new bot over the same database) at the right question", async () => {
    const agency = await addAgency(database.db);
    const { user } = await addPerson(database.db, "Trần Thị Nhớ", [["reporter", agency.id]]);
    await h.send(user, "/report");
    await h.send(user, "90");
    await h.press(user, `report:c:${qi("leaders_use_system")}:yes`);
    await h.send(user, "7");
    expect(last(user)).toContain("Câu 4/14");

    const h2 = await createBotHarness(database, { clock: h.clock });
    await h2.send(user, "40");
    const after = h2.api.textsTo(user.id);
    expect(after.at(-1)).toContain("Câu 5/14");
    expect(after.at(-1)).toContain(label("dossiers_total"));
    // The rule still sees the answer given before the restart.
    await h2.send(user, "30");
    expect(h2.api.textsTo(user.id).at(-2)).toContain(label("dossiers_online"));

    // /report on a third instance, days later, resumes at the first unanswered question.
    const h3 = await createBotHarness(database, { clock: h.clock });
    await h3.send(user, "/report");
    const texts = h3.api.textsTo(user.id);
    expect(texts.some((x) => x.includes("đã trả lời 4/14"))).toBe(true);
    expect(texts.at(-1)).toContain("Câu 5/14");
    const s = await submissionOf(agency.id);
    const drafts = await database.db.select().from(draftAnswers).where(eq(draftAnswers.submissionId, s.id));
    expect(Object.fromEntries(drafts.map((d) => [d.questionKey, d.value]))).toEqual({
      docs_electronic_pct: 90,
      leaders_use_system: "yes",
      online_services: 7,
      dossiers_online: 40,
    });
  });

  it("ignores a duplicate update (same update_id): nothing recorded or sent twice", async () => {
    const agency = await addAgency(database.db);
    const { user } = await addPerson(database.db, "Lê Văn Lặp", [["reporter", agency.id]]);
    await h.send(user, "/report");
    const u = textUpdate(user, "70");
    await h.handle(u);
    const count = h.api.textsTo(user.id).length;
    await h.handle(u);
    expect(h.api.textsTo(user.id)).toHaveLength(count);
    expect(last(user)).toContain("Câu 2/14");
    const s = await submissionOf(agency.id);
    const drafts = await database.db.select().from(draftAnswers).where(eq(draftAnswers.submissionId, s.id));
    expect(drafts).toHaveLength(1);
  });

  it("keeps the draft on /cancel and resumes with /report", async () => {
    const agency = await addAgency(database.db);
    const { user } = await addPerson(database.db, "Phạm Hủy", [["reporter", agency.id]]);
    await h.send(user, "/report");
    await h.send(user, "60");
    await h.send(user, "/cancel");
    expect(last(user)).toBe(t("cancelled"));
    await h.send(user, "55");
    expect(last(user)).not.toContain("Câu");
    await h.send(user, "/report");
    expect(last(user)).toContain("Câu 2/14");
    const s = await submissionOf(agency.id);
    const [d] = await database.db.select().from(draftAnswers).where(eq(draftAnswers.submissionId, s.id));
    expect(d?.value).toBe(60);
  });

  it("lets go of the editing mark on /cancel, so a colleague can start at once", async () => {
    const agency = await addAgency(database.db);
    const { user: first } = await addPerson(database.db, "Lê Rời Đi", [["reporter", agency.id]]);
    const { user: second } = await addPerson(database.db, "Lê Vào Sau", [["reporter", agency.id]]);
    await h.send(first, "/report");
    await h.send(first, "60");
    expect((await submissionOf(agency.id)).editingPersonId).not.toBeNull();
    await h.send(first, "/cancel");
    expect(last(first)).toBe(t("cancelled"));
    const s = await submissionOf(agency.id);
    expect(s.editingPersonId).toBeNull();
    expect(s.editingSince).toBeNull();
    // The colleague is not told that someone is editing: the report resumes at question 2 for them.
    await h.send(second, "/report");
    expect(h.api.textsTo(second.id).some((x) => x.includes("Lê Rời Đi"))).toBe(false);
    expect(last(second)).toContain("Câu 2/14");
    expect((await submissionOf(agency.id)).editingPersonId).not.toBeNull();
  });
});
