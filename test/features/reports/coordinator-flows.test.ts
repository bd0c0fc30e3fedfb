// Coordinator commands, returns, periods, attachments, status — through the real bot.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import { answers, draftAnswers, periods, submissions } from "../../../src/features/reports/reports.table.ts";
import { openPeriod } from "../../../src/features/reports/periods.repository.ts";
import { parseTemplateText } from "../../../src/features/templates/template-file.ts";
import { importTemplate } from "../../../src/features/templates/templates.repository.ts";
import { createBotHarness, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import { documentUpdate, type TestUser } from "../../support/updates.ts";
import { addAgency, addPerson, itPlanPeriod, qi, submissionFor } from "./report-fixtures.ts";

describe("coordinator flows", () => {
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

  /** Every question of it-plan up to the review; the signed report is a PDF when `withFile`. */
  async function fillAll(user: TestUser, withFile = false) {
    await h.send(user, "/report");
    await h.send(user, "80");
    await h.press(user, `report:c:${qi("leaders_use_system")}:yes`);
    for (const v of ["5", "10", "100", "2", "1", "500 triệu", "200tr", "3"]) await h.send(user, v);
    await h.press(user, `report:c:${qi("project_status")}:on_schedule`);
    for (const k of ["difficulties", "proposals"]) await h.press(user, `report:s:${qi(k)}`);
    if (withFile) await h.handle(documentUpdate(user, "bao-cao-ky.pdf"));
    else await h.press(user, `report:s:${qi("signed_report")}`);
    expect(last(user)).toContain("Xem lại các câu trả lời");
  }
  const submissionOf = (agencyId: number) => submissionFor(database.db, periodId, agencyId);

  it("a coordinator who is also an agency's IT lead returns a report while their own report is open: the comment goes to the return, not into their own report", async () => {
    const agency = await addAgency(database.db);
    const own = await addAgency(database.db);
    const { user: rep } = await addPerson(database.db, "Người Nộp", [["reporter", agency.id]]);
    const { user: coord } = await addPerson(database.db, "Điều Phối Kiêm Báo Cáo", [["coordinator", null], ["reporter", own.id]]);
    await fillAll(rep);
    await h.press(rep, "report:sub");
    const s = await submissionOf(agency.id);

    // The coordinator has their own agency's report open, at the "difficulties" question (a text question).
    await h.send(coord, "/report");
    await h.send(coord, "80");
    await h.press(coord, `report:c:${qi("leaders_use_system")}:yes`);
    for (const v of ["5", "10", "100", "2", "1", "500 triệu", "200tr", "3"]) await h.send(coord, v);
    await h.press(coord, `report:c:${qi("project_status")}:on_schedule`);
    // ...and now returns the colleague's report.
    await h.send(coord, "/returnreport");
    await h.press(coord, `report:view:${s.id}`);
    await h.press(coord, `report:ret:${s.id}`);
    expect(last(coord)).toContain("Nhập nhận xét");
    await h.send(coord, "Số liệu hồ sơ chưa khớp");

    expect((await submissionOf(agency.id)).status).toBe("returned");
    const ownSub = await submissionOf(own.id);
    const leaked = await database.db.select().from(draftAnswers).where(and(eq(draftAnswers.submissionId, ownSub.id), eq(draftAnswers.questionKey, "difficulties")));
    expect(leaked).toHaveLength(0);
  });

  it("a coordinator who left an /invite half-way can still return a report (no 'system error')", async () => {
    const agency = await addAgency(database.db);
    const { user: rep } = await addPerson(database.db, "Người Nộp 2", [["reporter", agency.id]]);
    const { user: coord } = await addPerson(database.db, "Điều Phối Mời Dở", [["coordinator", null]]);
    await fillAll(rep);
    await h.press(rep, "report:sub");
    const s = await submissionOf(agency.id);
    await h.send(coord, "/invite"); // waits for the role button; the coordinator does something else instead
    await h.send(coord, "/returnreport");
    await h.press(coord, `report:view:${s.id}`);
    await h.press(coord, `report:ret:${s.id}`);
    expect(last(coord)).toContain("Nhập nhận xét");
    await h.send(coord, "Thiếu số liệu");
    expect((await submissionOf(agency.id)).status).toBe("returned");
  });

  it("a one-off period whose deadline is already past is refused (every report would be late at once)", async () => {
    const yaml = `id: survey-x
title: { vi: Khảo sát, en: Survey }
cadence: one-off
agencies: { mode: list, codes: [NOBODY-REVIEW2] }
questions:
  - key: staff
    type: integer
    label: { vi: Số cán bộ, en: Staff }
`;
    await importTemplate(database.db, parseTemplateText("survey-x.yaml", yaml), NOW);
    const { user: coord } = await addPerson(database.db, "Mở Đột Xuất", [["coordinator", null]]);
    // Today is 16/11/2026; the coordinator mistypes the year.
    await h.send(coord, "/openperiod survey-x khao-sat-1 20/11/2025");
    const rows = await database.db.select().from(periods).where(eq(periods.templateId, "survey-x"));
    expect(rows).toHaveLength(0);
    expect(last(coord)).toBe(h.deps.t("vi", "report-period-error-deadline-past"));
    // With a deadline to come it opens.
    await h.send(coord, "/openperiod survey-x khao-sat-1 20/12/2026");
    expect(await database.db.select().from(periods).where(eq(periods.templateId, "survey-x"))).toHaveLength(1);
  });

  it("/reopenperiod with a day already past (a typo) is refused instead of confirming a reopening that accepts nothing", async () => {
    const { user: coord } = await addPerson(database.db, "Mở Lại Nhầm", [["coordinator", null]]);
    await h.send(coord, "/reopenperiod it-plan 2026-11 25/11/2025");
    expect(last(coord)).not.toContain("Đã mở lại kỳ");
    const [p] = await database.db.select().from(periods).where(eq(periods.id, periodId));
    expect(p!.reopenedUntil).not.toBe("2025-11-25");
  });

  it("the coordinator looking at a report can get its attached signed report (the file itself)", async () => {
    const agency = await addAgency(database.db);
    const { user: rep } = await addPerson(database.db, "Người Đính Kèm", [["reporter", agency.id]]);
    const { user: coord } = await addPerson(database.db, "Điều Phối Xem Tệp", [["coordinator", null]]);
    await fillAll(rep, true);
    await h.press(rep, "report:sub");
    const s = await submissionOf(agency.id);
    const [att] = await database.db.select().from(answers).where(and(eq(answers.submissionId, s.id), eq(answers.questionKey, "signed_report")));
    const fileId = (att!.value as { fileId: string }).fileId;
    expect(fileId).toMatch(/^file-/);

    await h.send(coord, "/returnreport");
    const before = h.api.callsOf("sendMessage").length;
    await h.press(coord, `report:view:${s.id}`);
    // Press whatever buttons the view offers, except "return".
    for (const call of h.api.callsOf("sendMessage").slice(before)) {
      const kb = (call as { reply_markup?: { inline_keyboard?: Array<Array<{ callback_data?: string }>> } }).reply_markup?.inline_keyboard ?? [];
      for (const b of kb.flat()) if (b.callback_data && !b.callback_data.startsWith("report:ret:")) await h.press(coord, b.callback_data);
    }
    const sent = [...h.api.callsOf("sendDocument"), ...h.api.callsOf("sendPhoto")].filter((c) => c.chat_id === coord.id);
    expect(JSON.stringify(sent)).toContain(fileId);
  });

  it("/status after an amendment past the deadline does not say 'submitted on time at <a day after the deadline>'", async () => {
    const agency = await addAgency(database.db);
    const { user: rep } = await addPerson(database.db, "Người Sửa Muộn", [["reporter", agency.id]]);
    const { user: coord } = await addPerson(database.db, "Điều Phối Mở Lại", [["coordinator", null]]);
    await fillAll(rep);
    await h.press(rep, "report:sub"); // 16/11, on time (deadline 17/11)
    h.clock.set(new Date("2026-11-23T02:00:00Z"));
    try {
      await h.send(coord, "/reopenperiod it-plan 2026-11 30/11/2026");
      await h.send(rep, "/report");
      await h.press(rep, `report:e:${qi("outreach_events")}`);
      await h.send(rep, "9");
      await h.press(rep, "report:sub");
      expect(last(rep)).toContain("phiên bản 2");
      await h.send(rep, "/status");
      const line = last(rep);
      // On time is about the first submission, and says its time; the amendment's time is the latest version's.
      expect(line).toContain("đã nộp đúng hạn lúc 09:00 16/11/2026");
      expect(line).toContain("bản mới nhất lúc 09:00 23/11/2026");
      expect(line).not.toMatch(/đúng hạn lúc 09:00 23\/11\/2026/);
    } finally {
      h.clock.set(NOW);
    }
  });

  it("/returnreport offers every submitted report of the open periods, not only the 40 newest", async () => {
    const { user: coord } = await addPerson(database.db, "Điều Phối Nhiều", [["coordinator", null]]);
    const first = await addAgency(database.db, "department", "Sở Nộp Sớm Nhất");
    const ids: number[] = [];
    const mk = async (agencyId: number, at: Date) => {
      const [row] = await database.db
        .insert(submissions)
        .values({ periodId, agencyId, templateVersionId: (await database.db.select().from(periods).where(eq(periods.id, periodId)))[0]!.templateVersionId, status: "submitted", version: 1, refNo: `R-${agencyId}`, submittedAt: at, firstSubmittedAt: at, onTime: true, createdAt: at, updatedAt: at })
        .returning();
      ids.push(row!.id);
    };
    await mk(first.id, new Date("2026-11-15T01:00:00Z"));
    for (let i = 0; i < 45; i++) await mk((await addAgency(database.db)).id, new Date(NOW.getTime() - (45 - i) * 60_000));
    const before = h.api.callsOf("sendMessage").length;
    await h.send(coord, "/returnreport");
    // The picker may be paginated; collect every page.
    const seen = new Set<string>();
    for (let guard = 0; guard < 10; guard++) {
      const calls = [...h.api.callsOf("sendMessage").slice(before), ...h.api.callsOf("editMessageText")];
      const buttons = calls.flatMap((c) => ((c as { reply_markup?: { inline_keyboard?: Array<Array<{ callback_data?: string }>> } }).reply_markup?.inline_keyboard ?? []).flat());
      for (const b of buttons) if (b.callback_data) seen.add(b.callback_data);
      const nextPage = buttons.find((b) => b.callback_data && !b.callback_data.startsWith("report:view:") && !seen.has(`done:${b.callback_data}`));
      if (!nextPage) break;
      seen.add(`done:${nextPage.callback_data}`);
      await h.press(coord, nextPage.callback_data!);
    }
    // Every one of the 46, over the pages.
    expect(ids.filter((id) => !seen.has(`report:view:${id}`))).toEqual([]);
  });
});

describe("/openperiod when every template is one-off", () => {
  it("says how to open one instead of an empty list of buttons", async () => {
    const database = await createTestDatabase();
    try {
      const h = await createBotHarness(database);
      const yaml = `id: survey-y
title: { vi: Khảo sát, en: Survey }
cadence: one-off
agencies: { mode: all }
questions:
  - key: staff
    type: integer
    label: { vi: Số cán bộ, en: Staff }
`;
      await importTemplate(database.db, parseTemplateText("survey-y.yaml", yaml), h.clock.now());
      const { user } = await addPerson(database.db, "Chỉ Đột Xuất", [["coordinator", null]]);
      await h.send(user, "/openperiod");
      const sent = h.api.callsOf("sendMessage").at(-1)!;
      expect(sent.text).toBe(h.deps.t("vi", "report-openperiod-one-off"));
      expect(sent.reply_markup).toBeUndefined();
    } finally {
      await database.close();
    }
  });
});

describe("/closeperiod", () => {
  it("stops filing and chasing for the period; /reopenperiod opens it again", async () => {
    const database = await createTestDatabase();
    try {
      const h = await createBotHarness(database); // 20/11/2026: it-plan 2026-11 (deadline 17/11) is overdue
      await itPlanPeriod(database.db, "2026-11", new Date("2026-11-16T02:00:00Z"));
      const agency = await addAgency(database.db, "department", "Sở Chưa Nộp");
      const { user: rep } = await addPerson(database.db, "Cán Bộ", [["reporter", agency.id]]);
      const { user: coord } = await addPerson(database.db, "Điều Phối Đóng", [["coordinator", null]]);
      const t = (key: string, args?: Record<string, string>) => h.deps.t("vi", key, args);
      const last = (u: TestUser) => h.api.textsTo(u.id).at(-1) ?? "";
      await h.send(coord, "/overdue");
      expect(last(coord)).toContain("Sở Chưa Nộp");

      await h.send(coord, "/closeperiod it-plan 2026-11");
      expect(last(coord)).toBe(t("report-period-closed", { period: "tháng 11/2026", template: "Tình hình thực hiện Kế hoạch ứng dụng CNTT" }));
      await h.send(coord, "/overdue");
      expect(last(coord)).not.toContain("Sở Chưa Nộp");
      await h.send(rep, "/report");
      expect(last(rep)).toBe(t("report-no-open-period"));
      await h.send(coord, "/closeperiod it-plan 2026-11");
      expect(last(coord)).toBe(t("report-period-already-closed", { period: "tháng 11/2026", template: "Tình hình thực hiện Kế hoạch ứng dụng CNTT" }));
      await h.send(coord, "/closeperiod it-plan 2030-01");
      expect(last(coord)).toBe(t("report-period-error-unknown-period", { period: "tháng 1/2030", template: "Tình hình thực hiện Kế hoạch ứng dụng CNTT" }));
      // Without arguments: nothing open to close; /reopenperiod offers the period by its title and label, then the day.
      await h.send(coord, "/closeperiod");
      expect(last(coord)).toBe(t("report-close-none"));
      await h.send(coord, "/reopenperiod");
      const periodsKb = (h.api.callsOf("sendMessage").at(-1) as { reply_markup: { inline_keyboard: { text: string; callback_data: string }[][] } }).reply_markup;
      const periodButton = periodsKb.inline_keyboard.flat()[0]!;
      expect(periodButton.text).toContain("tháng 11/2026");
      await h.press(coord, periodButton.callback_data);
      const untilKb = (h.api.callsOf("editMessageText").at(-1) as { reply_markup: { inline_keyboard: { text: string; callback_data: string }[][] } }).reply_markup;
      const until = untilKb.inline_keyboard.flat()[1]!;
      expect(until.text).toBe(t("report-reopen-until-button", { date: "27/11/2026" }));
      // A forged day in the past is refused by the same rule as a typed one.
      await h.press(coord, until.callback_data.replace("20261127", "20250101"));
      expect(last(coord)).toBe(t("report-period-error-reopen-past"));
      await h.press(coord, until.callback_data);
      expect(last(coord)).toContain("27/11/2026");
      await h.send(rep, "/report");
      expect(last(rep)).toContain("Câu 1/14");
      // With the period open again, /closeperiod offers it as a button and closes it.
      await h.send(coord, "/closeperiod");
      const closeKb = (h.api.callsOf("sendMessage").at(-1) as { reply_markup: { inline_keyboard: { callback_data: string }[][] } }).reply_markup;
      await h.press(coord, closeKb.inline_keyboard.flat()[0]!.callback_data);
      await h.send(rep, "/report");
      expect(last(rep)).toBe(t("report-no-open-period"));
    } finally {
      await database.close();
    }
  });
});
