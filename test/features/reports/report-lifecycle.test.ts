import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import { outbox } from "../../../src/features/outbox/outbox.table.ts";
import { memberships } from "../../../src/features/people/people.table.ts";
import { answers, draftAnswers, submissionVersions } from "../../../src/features/reports/reports.table.ts";
import { createBotHarness, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import type { TestUser } from "../../support/updates.ts";
import { addAgency, addPerson, itPlanPeriod, qi, label, submissionFor } from "./report-fixtures.ts";


describe("review, amendment, return for revision, concurrent editors, status and delegation", () => {
  let database: Database;
  let h: BotHarness;
  let periodId: number;
  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database);
    h.clock.set(new Date("2026-11-16T02:00:00Z"));
    periodId = (await itPlanPeriod(database.db, "2026-11", h.clock.now())).id;
  });
  afterAll(() => database.close());

  const last = (u: TestUser) => h.api.textsTo(u.id).at(-1) ?? "";

  /** Answers every question of it-plan (project on schedule, optional ones skipped) up to the review. */
  async function fillAll(user: TestUser, online = "10") {
    await h.send(user, "/report");
    await h.send(user, "80");
    await h.press(user, `report:c:${qi("leaders_use_system")}:yes`);
    for (const v of ["5", online, "100", "2", "1", "500 triệu", "200tr", "3"]) await h.send(user, v);
    await h.press(user, `report:c:${qi("project_status")}:on_schedule`);
    for (const k of ["difficulties", "proposals", "signed_report"]) await h.press(user, `report:s:${qi(k)}`);
    expect(last(user)).toContain("Xem lại các câu trả lời");
  }

  const submissionOf = (agencyId: number) => submissionFor(database.db, periodId, agencyId);

  it("edits an answer from the review, drops a dependent answer when its condition stops holding, and amends with history", async () => {
    const agency = await addAgency(database.db);
    const { user } = await addPerson(database.db, "Võ Sửa", [["reporter", agency.id]]);
    await fillAll(user);

    // Edit "project status" to behind: the reason becomes due and is asked before returning to the review.
    await h.press(user, `report:e:${qi("project_status")}`);
    expect(last(user)).toContain("Hiện tại: Đúng tiến độ");
    await h.press(user, `report:c:${qi("project_status")}:behind`);
    expect(last(user)).toContain(label("behind_reason"));
    await h.send(user, "Thiếu nhân lực");
    expect(last(user)).toContain("Thiếu nhân lực");
    expect(last(user)).toContain("Chậm tiến độ");

    // A wrong value while editing is refused like any other; "keep" leaves it as it was.
    await h.press(user, `report:e:${qi("docs_electronic_pct")}`);
    await h.send(user, "-5");
    expect(h.api.textsTo(user.id).at(-2)).toBe("Vui lòng nhập số từ 0 đến 100.");
    await h.press(user, `report:k:${qi("docs_electronic_pct")}`);
    expect(last(user)).toContain("80%");

    await h.press(user, "report:sub");
    expect(last(user)).toContain("đúng hạn");
    const s1 = await submissionOf(agency.id);
    expect(s1.version).toBe(1);

    // Amend before the deadline: back to on schedule, the reason is dropped, a second version is written.
    await h.send(user, "/report");
    expect(last(user)).toContain("Có thể sửa đổi đến hết ngày 17/11/2026");
    await h.press(user, `report:e:${qi("project_status")}`);
    await h.press(user, `report:c:${qi("project_status")}:on_schedule`);
    expect(last(user)).not.toContain("Thiếu nhân lực");
    await h.press(user, `report:e:${qi("staff_trained")}`);
    await h.send(user, "4");
    await h.press(user, "report:sub");
    expect(last(user)).toContain("phiên bản 2");

    const s2 = await submissionOf(agency.id);
    expect(s2).toMatchObject({ status: "submitted", version: 2, onTime: true });
    expect(s2.refNo).toMatch(/-2$/);
    const official = Object.fromEntries((await database.db.select().from(answers).where(eq(answers.submissionId, s2.id))).map((a) => [a.questionKey, a.value]));
    expect(official.staff_trained).toBe(4);
    expect(official.behind_reason).toBeUndefined();
    const history = await database.db.select().from(submissionVersions).where(eq(submissionVersions.submissionId, s2.id)).orderBy(submissionVersions.id);
    expect(history.map((v) => [v.version, v.event])).toEqual([[1, "submitted"], [2, "amended"]]);
    expect(history[1]!.changes).toEqual({
      staff_trained: { from: 2, to: 4 },
      project_status: { from: "behind", to: "on_schedule" },
      behind_reason: { from: "Thiếu nhân lực", to: null },
    });
    expect(history[0]!.answers).toMatchObject({ project_status: "behind", behind_reason: "Thiếu nhân lực" });

    // A resubmit with nothing changed writes no new version.
    await h.send(user, "/report");
    await h.press(user, "report:sub");
    expect(last(user)).toContain("Không có thay đổi");
    expect((await submissionOf(agency.id)).version).toBe(2);
  });

  it("refuses amendments after the deadline until a coordinator reopens the period", async () => {
    const agency = await addAgency(database.db);
    const { user } = await addPerson(database.db, "Đặng Muộn", [["reporter", agency.id]]);
    const { user: coord } = await addPerson(database.db, "Điều Phối", [["coordinator", null]]);
    await fillAll(user);
    await h.press(user, "report:sub");
    h.clock.set(new Date("2026-11-20T02:00:00Z"));
    try {
      await h.send(user, "/report");
      expect(last(user)).toContain("Đã hết hạn sửa đổi");
      await h.send(coord, "/reopenperiod it-plan 2026-11 25/11/2026");
      expect(last(coord)).toContain("25/11/2026");
      await h.send(user, "/report");
      expect(last(user)).toContain("Có thể sửa đổi đến hết ngày 25/11/2026");
      await h.press(user, `report:e:${qi("outreach_events")}`);
      await h.send(user, "9");
      await h.press(user, "report:sub");
      expect(last(user)).toContain("phiên bản 2");
      // Still on time: timeliness belongs to the first submission.
      expect((await submissionOf(agency.id)).onTime).toBe(true);
    } finally {
      h.clock.set(new Date("2026-11-16T02:00:00Z"));
    }
  });

  it("checks the coordinator's role again when the return comment arrives", async () => {
    const agency = await addAgency(database.db);
    const other = await addAgency(database.db);
    const { user } = await addPerson(database.db, "Hồ Giữ", [["reporter", agency.id]]);
    const { person: cp, user: coord } = await addPerson(database.db, "Ngô Mất Quyền", [["coordinator", null], ["reporter", other.id]]);
    await fillAll(user);
    await h.press(user, "report:sub");
    const s = await submissionOf(agency.id);
    await h.send(coord, "/returnreport");
    await h.press(coord, `report:view:${s.id}`);
    await h.press(coord, `report:ret:${s.id}`);
    // The coordinator role is taken away while the comment is being typed.
    await database.db.delete(memberships).where(and(eq(memberships.personId, cp.id), eq(memberships.role, "coordinator")));
    await h.send(coord, "Trả lại vì số liệu sai");
    expect(last(coord)).toBe(h.deps.t("vi", "access-denied"));
    expect((await submissionOf(agency.id)).status).toBe("submitted");
  });

  it("returns a report for revision: the reporter is told with the comment, fixes it, resubmits; history shows it all", async () => {
    const agency = await addAgency(database.db);
    const { user } = await addPerson(database.db, "Hồ Trả", [["reporter", agency.id]]);
    const { user: coord } = await addPerson(database.db, "Ngô Điều Phối", [["coordinator", null]]);
    await fillAll(user);
    await h.press(user, "report:sub");
    const s = await submissionOf(agency.id);

    await h.send(coord, "/returnreport");
    await h.press(coord, `report:view:${s.id}`);
    expect(last(coord)).toContain(agency.name);
    await h.press(coord, `report:ret:${s.id}`);
    expect(last(coord)).toContain("Nhập nhận xét");
    await h.send(coord, "Số hồ sơ trực tuyến chưa khớp với hệ thống một cửa");
    expect(last(coord)).toContain("1 người báo cáo");

    expect((await submissionOf(agency.id)).status).toBe("returned");
    const notes = await database.db.select().from(outbox).where(eq(outbox.kind, "report-returned"));
    const mine = notes.filter((n) => n.chatId === user.id);
    expect(mine).toHaveLength(1);
    expect(String(mine[0]!.payload.params.text)).toContain("chưa khớp với hệ thống một cửa");

    // The reporter gets the comment on the review, fixes, resubmits.
    await h.send(user, "/status");
    expect(last(user)).toContain("bị trả lại");
    await h.press(user, `report:start:${periodId}:${agency.id}`);
    expect(last(user)).toContain("chưa khớp");
    await h.press(user, `report:e:${qi("dossiers_online")}`);
    await h.send(user, "12");
    await h.press(user, "report:sub");
    expect(last(user)).toContain("phiên bản 2");

    const history = await database.db.select().from(submissionVersions).where(eq(submissionVersions.submissionId, s.id)).orderBy(submissionVersions.id);
    expect(history.map((v) => v.event)).toEqual(["submitted", "returned", "resubmitted"]);
    expect(history[1]!.comment).toContain("chưa khớp");
    expect(history[2]!.changes).toEqual({ dossiers_online: { from: 10, to: 12 } });

    await h.send(coord, "/returnreport");
    await h.press(coord, `report:view:${s.id}`);
    const view = last(coord);
    expect(view).toContain("trả lại");
    expect(view).toContain("nộp lại");
    expect(view).toContain(label("dossiers_online"));

    // Only coordinators may return reports, whatever the button says.
    await h.press(user, `report:ret:${s.id}`);
    expect(h.api.callsOf("answerCallbackQuery").at(-1)).toMatchObject({ text: h.deps.t("vi", "access-denied") });
  });

  it("keeps a text answer that looks like a number or a boolean as text, in the draft, the official copy and the history", async () => {
    const agency = await addAgency(database.db);
    const { user } = await addPerson(database.db, "Lý Chữ", [["reporter", agency.id]]);
    const { user: coord } = await addPerson(database.db, "Tạ Điều Phối", [["coordinator", null]]);
    await fillAll(user);
    await h.press(user, `report:e:${qi("difficulties")}`);
    await h.send(user, "123");
    await h.press(user, `report:e:${qi("proposals")}`);
    await h.send(user, "true");
    await h.press(user, "report:sub");
    const s = await submissionOf(agency.id);
    const official = Object.fromEntries(
      (await database.db.select().from(answers).where(eq(answers.submissionId, s.id))).map((a) => [a.questionKey, a.value]),
    );
    expect(official.difficulties).toBe("123");
    expect(official.proposals).toBe("true");
    const draft = await database.db.select().from(draftAnswers).where(and(eq(draftAnswers.submissionId, s.id), eq(draftAnswers.questionKey, "difficulties")));
    expect(draft[0]!.value).toBe("123");
    // Returned: the history snapshot keeps them as text too.
    await h.send(coord, "/returnreport");
    await h.press(coord, `report:ret:${s.id}`);
    await h.send(coord, "Ghi rõ khó khăn");
    const history = await database.db.select().from(submissionVersions).where(eq(submissionVersions.submissionId, s.id)).orderBy(submissionVersions.id);
    expect(history.map((v) => [v.event, v.answers.difficulties, v.answers.proposals])).toEqual([
      ["submitted", "123", "true"],
      ["returned", "123", "true"],
    ]);
  });

  it("two reporters of one agency: the second is told who is editing, takes over explicitly, the first cannot overwrite", async () => {
    const agency = await addAgency(database.db);
    const { user: a } = await addPerson(database.db, "Người Thứ Nhất", [["reporter", agency.id]]);
    const { user: b } = await addPerson(database.db, "Người Thứ Hai", [["reporter", agency.id]]);
    await h.send(a, "/report");
    await h.send(a, "70");

    await h.send(b, "/report");
    expect(last(b)).toContain("Người Thứ Nhất");
    expect(last(b)).toContain("1/14");
    const s = await submissionOf(agency.id);
    await h.press(b, `report:take:${s.id}`);
    expect(h.api.textsTo(b.id).some((x) => x.includes("Bạn đã tiếp quản bản nháp của Người Thứ Nhất"))).toBe(true);
    expect(last(b)).toContain("Câu 2/14");

    // A's next answer is refused and A is told who took over; B's answer stands.
    await h.press(a, `report:c:${qi("leaders_use_system")}:no`);
    expect(last(a)).toContain("Người Thứ Hai đã tiếp quản");
    await h.press(b, `report:c:${qi("leaders_use_system")}:yes`);
    const drafts = Object.fromEntries((await database.db.select().from(draftAnswers).where(eq(draftAnswers.submissionId, s.id))).map((d) => [d.questionKey, d.value]));
    expect(drafts).toEqual({ docs_electronic_pct: 70, leaders_use_system: "yes" });
    const notice = (await database.db.select().from(outbox).where(eq(outbox.kind, "report-taken-over"))).filter((n) => n.chatId === a.id);
    expect(notice).toHaveLength(1);

    // After 30 minutes without activity, another reporter takes over without being asked.
    h.clock.advance(31 * 60 * 1000);
    await h.send(a, "/report");
    expect(h.api.textsTo(a.id).some((x) => x.includes("Bạn đã tiếp quản bản nháp của Người Thứ Hai"))).toBe(true);
    expect(last(a)).toContain("Câu 3/14");
  });

  it("/status shows not started, draft k of n, submitted on time", async () => {
    const agency = await addAgency(database.db);
    const { user } = await addPerson(database.db, "Tạ Trạng Thái", [["reporter", agency.id]]);
    await h.send(user, "/status");
    expect(last(user)).toContain("chưa bắt đầu");
    await h.send(user, "/report");
    await h.send(user, "50");
    await h.send(user, "/status");
    expect(last(user)).toContain("bản nháp (1/14 câu)");
    await h.send(user, "/report");
    await h.press(user, "report:later");
    expect(last(user)).toContain("Đã lưu bản nháp");
    await fillAll(user);
    await h.press(user, "report:sub");
    await h.send(user, "/status");
    expect(last(user)).toContain("đã nộp đúng hạn");
  });

  it("a delegate files for the agency only within the delegation dates", async () => {
    const agency = await addAgency(database.db);
    const other = await addAgency(database.db);
    const { user: coord } = await addPerson(database.db, "Điều Phối Ủy Quyền", [["coordinator", null]]);
    const { user: sub } = await addPerson(database.db, "Người Thay", [["reporter", other.id]]);
    await h.send(coord, `/delegate ${agency.code} ${sub.id} 15/11/2026 18/11/2026`);
    expect(last(coord)).toContain("Người Thay");
    await h.send(sub, "/report");
    // Two agencies now: the own one and the delegated one.
    expect(last(sub)).toBe(h.deps.t("vi", "report-pick"));
    const kb = JSON.stringify(h.api.callsOf("sendMessage").at(-1));
    expect(kb).toContain(`report:start:${periodId}:${agency.id}`);
    await h.press(sub, `report:start:${periodId}:${agency.id}`);
    expect(last(sub)).toContain("Câu 1/14");

    h.clock.set(new Date("2026-11-19T02:00:00Z"));
    try {
      await h.press(sub, `report:start:${periodId}:${agency.id}`);
      expect(last(sub)).toBe(h.deps.t("vi", "access-denied"));
    } finally {
      h.clock.set(new Date("2026-11-16T02:00:00Z"));
    }
  });

  it("the calendar's report:start:<periodId> button starts the report for the presser's agency", async () => {
    const agency = await addAgency(database.db);
    const { user } = await addPerson(database.db, "Bấm Nút", [["reporter", agency.id]]);
    await h.press(user, `report:start:${periodId}`);
    expect(last(user)).toContain("Câu 1/14");
    // Someone who files for no agency of that period is refused, whatever the button says.
    const { user: leader } = await addPerson(database.db, "Lãnh Đạo", [["leader", null]]);
    await h.press(leader, `report:start:${periodId}`);
    expect(last(leader)).toBe(h.deps.t("vi", "access-denied"));
  });

  it("a coordinator opens periods by command or buttons, idempotently", async () => {
    const { user: coord } = await addPerson(database.db, "Mở Kỳ", [["coordinator", null]]);
    await h.send(coord, "/openperiod it-plan 2027-01");
    expect(last(coord)).toBe(h.deps.t("vi", "report-period-opened", { period: "tháng 1/2027", template: "Tình hình thực hiện Kế hoạch ứng dụng CNTT", cutoff: "14/01/2027", deadline: "18/01/2027" }));
    await h.send(coord, "/openperiod it-plan 2027-01");
    expect(last(coord)).toContain("đã được mở trước đó");
    await h.send(coord, "/openperiod it-plan 2027-13");
    expect(last(coord)).toContain("không phải là kỳ hợp lệ");
    await h.send(coord, "/openperiod");
    const kb = JSON.stringify(h.api.callsOf("sendMessage").at(-1));
    // On 16/11 the current window is 2026-12 (15/11–14/12), then 2027-01; no empty keyboard rows.
    expect(kb).toContain("report:op:it-plan:2026-12");
    expect(kb).toContain("report:op:it-plan:2027-01");
    expect(kb).not.toContain("[]");
    await h.press(coord, "report:op:it-plan:2026-12");
    expect(last(coord)).toContain("Đã mở kỳ tháng 12/2026");
    // Reporters may not, even with a forged button.
    const agency = await addAgency(database.db);
    const { user } = await addPerson(database.db, "Không Được", [["reporter", agency.id]]);
    await h.press(user, "report:op:it-plan:2027-02");
    expect(h.api.callsOf("answerCallbackQuery").at(-1)).toMatchObject({ text: h.deps.t("vi", "access-denied") });
  });
});
