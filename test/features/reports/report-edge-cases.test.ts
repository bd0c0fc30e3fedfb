import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import { draftAnswers, submissionVersions } from "../../../src/features/reports/reports.table.ts";
import { openPeriod } from "../../../src/features/reports/periods.repository.ts";
import { templateDefinitionSchema } from "../../../src/features/templates/template-definition.ts";
import { importTemplate } from "../../../src/features/templates/templates.repository.ts";
import { createBotHarness, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import { callbackUpdate, type TestUser } from "../../support/updates.ts";
import { addAgency, addPerson, itPlanPeriod, qi, label, draftsOf, submissionFor } from "./report-fixtures.ts";

const L = (vi: string) => ({ vi, en: `${vi} (en)` });
const choices = [
  { value: "a", label: { vi: "Phương án A", en: "Option A" } },
  { value: "b", label: { vi: "Phương án B", en: "Option B" } },
  { value: "c", label: { vi: "Phương án C", en: "Option C" } },
];
const mini = templateDefinitionSchema.parse({
  id: "zz-mini",
  title: { vi: "Mẫu thử", en: "Mini" },
  cadence: "one-off",
  agencies: { mode: "kinds", kinds: ["commune"] },
  questions: [
    { key: "m_many", type: "multi-choice", label: L("Chọn nhiều"), choices },
    { key: "m_date", type: "date", label: L("Ngày") },
    { key: "m_yes", type: "yes-no", label: L("Có không") },
    { key: "m_dep", type: "short-text", label: L("Phụ thuộc"), when: { key: "m_yes", equals: "yes" } },
  ],
});

describe("report filing: edge cases that must keep working", () => {
  let database: Database;
  let h: BotHarness;
  let periodId: number;
  let miniPeriodId: number;
  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database);
    h.clock.set(new Date("2026-11-16T02:00:00Z"));
    periodId = (await itPlanPeriod(database.db, "2026-11", h.clock.now())).id;
    await importTemplate(database.db, mini, h.clock.now());
    miniPeriodId = (await openPeriod(database.db, { templateId: "zz-mini", periodKey: "dot-1", deadlineOn: "2026-12-01", now: h.clock.now() })).period.id;
  });
  afterAll(() => database.close());

  const last = (u: TestUser) => h.api.textsTo(u.id).at(-1) ?? "";
  const subOf = (pid: number, agencyId: number) => submissionFor(database.db, pid, agencyId);
  const drafts = (submissionId: number) => draftsOf(database.db, submissionId);

  it("money forms from the README are read right", async () => {
    const agency = await addAgency(database.db);
    const { user } = await addPerson(database.db, "Tiền", [["reporter", agency.id]]);
    await h.press(user, `report:start:${periodId}:${agency.id}`);
    await h.send(user, "80");
    await h.press(user, `report:c:${qi("leaders_use_system")}:yes`);
    for (const v of ["5", "10", "100", "2", "1"]) await h.send(user, v);
    const s = await subOf(periodId, agency.id);
    const cases: Array<[string, number | null]> = [
      ["1,5 tỷ", 1_500_000_000], ["200tr", 200_000_000], ["2 tỷ 300 triệu", 2_300_000_000], ["500k", 500_000],
      ["1.500.000 đồng", 1_500_000], ["1500000 VNĐ", 1_500_000],
    ];
    for (const [text, want] of cases) {
      await h.press(user, "report:later");
      await h.press(user, `report:start:${periodId}:${agency.id}`);
      expect(last(user)).toContain(label("budget_allocated"));
      await h.send(user, text);
      expect((await drafts(s.id)).budget_allocated).toBe(want);
      await database.db.delete(draftAnswers).where(and(eq(draftAnswers.submissionId, s.id), eq(draftAnswers.questionKey, "budget_allocated")));
    }
    await h.press(user, "report:later");
    await h.press(user, `report:start:${periodId}:${agency.id}`);
    for (const bad of ["-5", "1,5", "abc 🙂", "0,5 đồng"]) {
      await h.send(user, bad);
      expect(last(user)).toContain(label("budget_allocated"));
    }
    expect((await drafts(s.id)).budget_allocated).toBeUndefined();
  });

  it("/report and /status in the middle of the conversation keep the place; answers continue", async () => {
    const agency = await addAgency(database.db);
    const { user } = await addPerson(database.db, "Giữa Chừng", [["reporter", agency.id]]);
    await h.send(user, "/report");
    await h.send(user, "80");
    await h.send(user, "/status");
    expect(last(user)).toContain("bản nháp (1/14 câu)");
    await h.press(user, `report:c:${qi("leaders_use_system")}:yes`);
    expect(last(user)).toContain("Câu 3/14");
    const before = h.api.textsTo(user.id).length;
    await h.send(user, "/report");
    const after = h.api.textsTo(user.id).slice(before);
    expect(after.filter((x) => x.includes("Câu 3/14"))).toHaveLength(1);
    await h.send(user, "4");
    expect(last(user)).toContain("Câu 4/14");
  });

  it("forged buttons: other agency's submission and period, wrong-question actions, bad choice value", async () => {
    const mine = await addAgency(database.db);
    const other = await addAgency(database.db);
    const { user } = await addPerson(database.db, "Giả Mạo", [["reporter", mine.id]]);
    const { user: owner } = await addPerson(database.db, "Chủ", [["reporter", other.id]]);
    await h.send(owner, "/report");
    await h.send(owner, "33");
    const so = await subOf(periodId, other.id);
    await h.press(user, `report:take:${so.id}`);
    expect(last(user)).toBe(h.deps.t("vi", "access-denied"));
    await h.press(user, `report:start:${periodId}:${other.id}`);
    expect(last(user)).toBe(h.deps.t("vi", "access-denied"));
    expect((await subOf(periodId, other.id)).editingPersonId).not.toBeNull();
    await h.send(user, "/report");
    await h.press(user, `report:c:0:85`);
    await h.press(user, `report:s:0`);
    await h.send(user, "80");
    await h.press(user, `report:c:${qi("leaders_use_system")}:maybe`);
    expect(h.api.textsTo(user.id).at(-2)).toBe(h.deps.t("vi", "report-error-choice"));
    const sm = await subOf(periodId, mine.id);
    expect(await drafts(sm.id)).toEqual({ docs_electronic_pct: 80 });
    expect(await drafts(so.id)).toEqual({ docs_electronic_pct: 33 });
  });

  it("multi-choice toggles survive a restart; dates are validated; skip logic drops the dependent", async () => {
    const agency = await addAgency(database.db, "commune");
    const { user } = await addPerson(database.db, "Nhiều Lựa Chọn", [["reporter", agency.id]]);
    await h.press(user, `report:start:${miniPeriodId}:${agency.id}`);
    const qm = mini.questions.findIndex((q) => q.key === "m_many");
    await h.press(user, `report:t:${qm}:a`);
    const h2 = await createBotHarness(database, { clock: h.clock });
    await h2.press(user, `report:t:${qm}:c`);
    await h2.press(user, `report:t:${qm}:zz`);
    await h2.press(user, `report:d:${qm}`);
    const s = await subOf(miniPeriodId, agency.id);
    expect((await drafts(s.id)).m_many).toEqual(["a", "c"]);
    await h2.send(user, "31/02/2026");
    expect(h2.api.textsTo(user.id).at(-2)).toBe(h.deps.t("vi", "report-error-date"));
    await h2.send(user, "29/02/2028");
    expect((await drafts(s.id)).m_date).toBe("2028-02-29");
    await h2.send(user, "có");
    await h2.send(user, "<b>x</b> & *y*");
    expect(h2.api.textsTo(user.id).at(-1)).toContain("<b>x</b> & *y*");
    const qy = mini.questions.findIndex((q) => q.key === "m_yes");
    await h2.press(user, `report:e:${qy}`);
    await h2.press(user, `report:c:${qy}:no`);
    expect((await drafts(s.id)).m_dep).toBeUndefined();
    await h2.press(user, "report:sub");
    expect(h2.api.textsTo(user.id).at(-1)).toContain("Đã nộp");
  });

  it("restart while the ≤ confirmation waits: the confirmation still works", async () => {
    const agency = await addAgency(database.db);
    const { user } = await addPerson(database.db, "Xác Nhận", [["reporter", agency.id]]);
    await h.send(user, "/report");
    await h.send(user, "80");
    await h.press(user, `report:c:${qi("leaders_use_system")}:yes`);
    for (const v of ["5", "10", "100", "2", "1", "100 triệu", "2 tỷ"]) await h.send(user, v);
    expect(last(user)).toContain("Bạn xác nhận");
    const h2 = await createBotHarness(database, { clock: h.clock });
    await h2.send(user, "3");
    expect(h2.api.textsTo(user.id).at(-1)).toBe(h.deps.t("vi", "report-use-buttons"));
    await h2.press(user, `report:y:${qi("budget_disbursed")}`);
    expect(h2.api.textsTo(user.id).at(-1)).toContain(label("connected_systems"));
    const s = await subOf(periodId, agency.id);
    expect((await drafts(s.id)).budget_disbursed).toBe(2_000_000_000);
  });

  it("duplicate submit update and a second press after submit record one version", async () => {
    const agency = await addAgency(database.db);
    const { user } = await addPerson(database.db, "Nộp Hai Lần", [["reporter", agency.id]]);
    await h.send(user, "/report");
    await h.send(user, "80");
    await h.press(user, `report:c:${qi("leaders_use_system")}:yes`);
    for (const v of ["5", "10", "100", "2", "1", "500 triệu", "200tr", "3"]) await h.send(user, v);
    await h.press(user, `report:c:${qi("project_status")}:on_schedule`);
    for (const k of ["difficulties", "proposals", "signed_report"]) await h.press(user, `report:s:${qi(k)}`);
    const u = callbackUpdate(user, "report:sub");
    await h.handle(u);
    await h.handle(u);
    await h.press(user, "report:sub");
    await h.press(user, `report:e:0`);
    const s = await subOf(periodId, agency.id);
    const v = await database.db.select().from(submissionVersions).where(eq(submissionVersions.submissionId, s.id));
    expect(v).toHaveLength(1);
  });

  it("English: errors and screens in English", async () => {
    const agency = await addAgency(database.db);
    const { user } = await addPerson(database.db, "English Person", [["reporter", agency.id]], "en");
    await h.send(user, "/report");
    expect(last(user)).toContain("1/14");
    await h.send(user, "101");
    expect(h.api.textsTo(user.id).at(-2)).toBe(h.deps.t("en", "report-error-range", { min: "0", max: "100" }));
    await h.send(user, "85.5");
    await h.press(user, `report:c:${qi("leaders_use_system")}:yes`);
    await h.send(user, "1,5");
    expect(h.api.textsTo(user.id).at(-2)).toBe(h.deps.t("en", "report-error-integer"));
  });
  it("review with very long answers stays within Telegram's 4,096 characters per message", async () => {
    const agency = await addAgency(database.db);
    const { user } = await addPerson(database.db, "Dài Dòng", [["reporter", agency.id]]);
    await h.send(user, "/report");
    await h.send(user, "80");
    await h.press(user, `report:c:${qi("leaders_use_system")}:yes`);
    for (const v of ["5", "10", "100", "2", "1", "500 triệu", "200tr", "3"]) await h.send(user, v);
    await h.press(user, `report:c:${qi("project_status")}:behind`);
    const long = "😀<b>*_[x](y)`".repeat(200);
    await h.send(user, long.slice(0, 2990));
    await h.send(user, "🙂".repeat(3000));
    await h.send(user, "Đề xuất <i>&amp;</i> **đậm** " + "x".repeat(2900));
    await h.press(user, `report:s:${qi("signed_report")}`);
    const sends = h.api.callsOf("sendMessage").filter((c) => c.chat_id === user.id);
    for (const c of sends) expect(String(c.text).length).toBeLessThanOrEqual(4096);
    expect(sends.every((c) => c.parse_mode === undefined)).toBe(true);
    expect(last(user)).toContain("Xem lại");
    // Edit a long answer: the question screen with "Hiện tại:" stays short too.
    await h.press(user, `report:e:${qi("difficulties")}`);
    const q = h.api.callsOf("sendMessage").filter((c) => c.chat_id === user.id).at(-1)!;
    expect(String(q.text).length).toBeLessThanOrEqual(4096);
    const ents = (q.entities ?? []) as Array<{ offset: number; length: number }>;
    for (const e of ents) expect(e.offset + e.length).toBeLessThanOrEqual(String(q.text).length);
  });
});
