import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import { openPeriod } from "../../../src/features/reports/periods.repository.ts";
import { templateDefinitionSchema } from "../../../src/features/templates/template-definition.ts";
import { importTemplate } from "../../../src/features/templates/templates.repository.ts";
import { createBotHarness, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import { photoUpdate, type TestUser } from "../../support/updates.ts";
import { addAgency, addPerson } from "./report-fixtures.ts";

const L = (vi: string) => ({ vi, en: `${vi} (en)` });
const choices = [
  { value: "a", label: { vi: "Phương án A", en: "Option A" } },
  { value: "b", label: { vi: "Phương án B", en: "Option B" } },
];
const def = templateDefinitionSchema.parse({
  id: "all-types",
  title: { vi: "Mọi kiểu câu hỏi", en: "Every question type" },
  cadence: "one-off",
  agencies: { mode: "all" },
  questions: [
    { key: "q_int", type: "integer", label: L("Số nguyên"), min: 1, max: 50 },
    { key: "q_dec", type: "decimal", label: L("Số thập phân"), min: 0 },
    { key: "q_pct", type: "percent", label: L("Phần trăm") },
    { key: "q_money", type: "money", label: L("Số tiền"), min: 0 },
    { key: "q_yes", type: "yes-no", label: L("Có hay không") },
    { key: "q_one", type: "single-choice", label: L("Chọn một"), choices },
    { key: "q_many", type: "multi-choice", label: L("Chọn nhiều"), choices },
    { key: "q_date", type: "date", label: L("Ngày") },
    { key: "q_short", type: "short-text", label: L("Ngắn") },
    { key: "q_long", type: "long-text", label: L("Dài") },
    { key: "q_file", type: "attachment", label: L("Tệp") },
  ],
});
const qi = (key: string) => def.questions.findIndex((q) => q.key === key);

describe("every question type refuses bad input with its own message and asks again", () => {
  let database: Database;
  let h: BotHarness;
  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database);
    await importTemplate(database.db, def, h.clock.now());
    await openPeriod(database.db, { templateId: "all-types", periodKey: "dot-1", deadlineOn: "2026-12-01", now: h.clock.now() });
  });
  afterAll(() => database.close());

  const texts = (u: TestUser) => h.api.textsTo(u.id);

  /** Sends a bad answer: the reply is exactly the error, then the same question again. */
  async function refused(u: TestUser, bad: () => Promise<void>, error: string, questionLabel: string) {
    await bad();
    expect(texts(u).at(-2)).toBe(error);
    expect(texts(u).at(-1)).toContain(questionLabel);
  }

  it("in Vietnamese", async () => {
    const agency = await addAgency(database.db);
    const { user: u } = await addPerson(database.db, "Kiểm Tra", [["reporter", agency.id]]);
    const t = (k: string, a?: Record<string, string | number>) => h.deps.t("vi", k, a);
    await h.send(u, "/report");
    expect(texts(u).at(-1)).toContain("Câu 1/11");

    await refused(u, () => h.send(u, "mười"), t("report-error-integer"), "Số nguyên");
    await refused(u, () => h.send(u, "2,5"), t("report-error-integer"), "Số nguyên");
    await refused(u, () => h.send(u, "51"), "Vui lòng nhập số từ 1 đến 50.", "Số nguyên");
    await h.send(u, "12");
    await refused(u, () => h.send(u, "một phẩy năm"), t("report-error-decimal"), "Số thập phân");
    await refused(u, () => h.send(u, "-1"), "Vui lòng nhập số không nhỏ hơn 0.", "Số thập phân");
    await h.send(u, "1,5");
    await refused(u, () => h.send(u, "101"), "Vui lòng nhập số từ 0 đến 100.", "Phần trăm");
    await h.send(u, "99.5");
    await refused(u, () => h.send(u, "rất nhiều tiền"), t("report-error-money"), "Số tiền");
    await refused(u, () => h.send(u, "1,5"), t("report-error-money-fraction"), "Số tiền");
    await h.send(u, "2 tỷ 300 triệu");
    await refused(u, () => h.send(u, "có lẽ"), t("report-error-yes-no"), "Có hay không");
    await h.press(u, `report:c:${qi("q_yes")}:no`);
    // A forged or stale choice value is refused, never stored.
    await refused(u, () => h.press(u, `report:c:${qi("q_one")}:zzz`), t("report-error-choice"), "Chọn một");
    await h.send(u, "Phương án B");
    await refused(u, () => h.press(u, `report:d:${qi("q_many")}`), t("report-error-multi-none"), "Chọn nhiều");
    await h.press(u, `report:t:${qi("q_many")}:b`);
    await h.press(u, `report:t:${qi("q_many")}:a`);
    await h.press(u, `report:t:${qi("q_many")}:b`);
    expect(JSON.stringify(h.api.callsOf("editMessageReplyMarkup").at(-1))).toContain("☑ Phương án A");
    await h.press(u, `report:d:${qi("q_many")}`);
    await refused(u, () => h.send(u, "31/02/2026"), t("report-error-date"), "Ngày");
    await h.send(u, "01/12/2026");
    await refused(u, () => h.send(u, "x".repeat(501)), "Nội dung quá dài (501 ký tự). Vui lòng rút gọn còn tối đa 500 ký tự.", "Ngắn");
    await h.send(u, "Ngắn gọn");
    await refused(u, () => h.handle(photoUpdate(u)), t("report-error-text"), "Dài");
    await refused(u, () => h.send(u, "y".repeat(3001)), "Nội dung quá dài (3.001 ký tự). Vui lòng rút gọn còn tối đa 3.000 ký tự.", "Dài");
    await h.send(u, "Nội dung dài");
    await refused(u, () => h.send(u, "tệp đây"), t("report-error-attachment"), "Tệp");
    await h.handle(photoUpdate(u));

    const review = texts(u).at(-1)!;
    for (const shown of ["12", "1,5", "99,5%", "2.300.000.000 đồng", "Không", "Phương án B", "Phương án A", "01/12/2026", "Ngắn gọn", "Nội dung dài", "Ảnh"])
      expect(review).toContain(shown);
  });

  it("in English", async () => {
    const agency = await addAgency(database.db);
    const { user: u } = await addPerson(database.db, "English Speaker", [["reporter", agency.id]], "en");
    await h.send(u, "/report");
    expect(texts(u).at(-1)).toContain("Question 1/11");
    await refused(u, () => h.send(u, "ten"), "Please enter a whole number, e.g. 12.", "Số nguyên (en)");
    await refused(u, () => h.send(u, "0"), "Please enter a number from 1 to 50.", "Số nguyên (en)");
    await h.send(u, "3");
    await h.send(u, "2");
    await refused(u, () => h.send(u, "150"), "Please enter a number from 0 to 100.", "Phần trăm (en)");
  });
});
