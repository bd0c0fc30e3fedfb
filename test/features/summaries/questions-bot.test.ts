import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import { createBotHarness, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import { addPerson, PEOPLE, seedSummariesFixture, type Fixture } from "./summaries-fixture.ts";

/** Typed questions through Telegram's interface: the right answer, under the asker's scope (today 20/11/2026). */
describe("plain questions through the bot", () => {
  let database: Database;
  let h: BotHarness;
  let fx: Fixture;
  const t = (key: string, args?: Record<string, string | number>) => h.deps.t("vi", key, args);
  const texts = (id: number) => h.api.textsTo(id).join("\n");
  const ask = async (text: string, who: { id: number; first_name: string } = PEOPLE.provinceLeader) => {
    h.api.clear();
    await h.send(who, text);
    return texts(who.id);
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database);
    fx = await seedSummariesFixture(database.db, h.clock.now());
    await addPerson(database.db, PEOPLE.provinceLeader, [["leader", null]]);
    await addPerson(database.db, PEOPLE.districtLeader, [["leader", fx.ids.h1]]);
    await addPerson(database.db, PEOPLE.reporterD1, [["reporter", fx.ids.d1]]);
  });
  afterAll(() => database.close());
  beforeEach(() => h.api.clear());

  it("counts who filed late and names them", async () => {
    expect(await ask("tháng 10 mấy đơn vị nộp trễ")).toBe(`${t("questions-count-late", { period: "tháng 10/2026", count: 1, required: 3 })} Sở Y tế.`);
    expect(await ask("kỳ trước mấy đơn vị nộp trễ")).toBe(t("questions-count-late", { period: "tháng 9/2026", count: 0, required: 3 }));
    expect(await ask("tỷ lệ nộp đúng hạn tháng 10")).toBe(t("questions-share-on-time", { period: "tháng 10/2026", share: "33,3", onTime: 1, required: 3 }));
  });

  it("answers the lowest first when asked for the lowest, and the highest first when asked for the highest", async () => {
    const low = await ask("đơn vị nào có tỷ lệ hồ sơ trực tuyến thấp nhất");
    // Online share in 10/2026: Sở Y tế 50/1000 = 5%, Sở Tài chính 60/100 = 60%.
    expect(low).toMatch(/thấp nhất trước:\n1\. Sở Y tế: 5%\n2\. Sở Tài chính: 60%/);
    const high = await ask("đơn vị nào có tỷ lệ hồ sơ trực tuyến cao nhất");
    expect(high).toMatch(/cao nhất trước:\n1\. Sở Tài chính: 60%\n2\. Sở Y tế: 5%/);
  });

  it("gives one indicator's value for the whole scope and for one agency, a share as Σ/Σ", async () => {
    expect(await ask("kinh phí đã giải ngân tháng 10 là bao nhiêu")).toBe(
      `${t("questions-value", { indicator: "Kinh phí đã giải ngân", scope: "toàn tỉnh", period: "tháng 10/2026", value: "1,7 tỷ đồng" })} ${t("questions-value-reporting", { reporting: 2 })}`,
    );
    // (60 + 50) / (100 + 1000) = 10%, not the mean of 60% and 5%.
    expect(await ask("tỷ lệ hồ sơ trực tuyến tháng 10")).toContain(": 10%");
    expect(await ask("số dịch vụ công trực tuyến của Sở Y tế")).toContain("Sở Y tế: 22");
  });

  it("compares two named agencies", async () => {
    const out = await ask("so sánh Sở Tài chính với Sở Y tế");
    expect(out).toContain(t("questions-compare-title", { period: "tháng 10/2026" }));
    expect(out).toMatch(/Tỷ lệ hồ sơ trực tuyến \(%\)\n {2}Sở Tài chính: 60%\n {2}Sở Y tế: 5%/);
    expect(out).toMatch(/Số dịch vụ công trực tuyến\n {2}Sở Tài chính: 12\n {2}Sở Y tế: 22/);
  });

  it("lists suspicious figures and difficulties, says whether an agency filed and who reports for it", async () => {
    const warnings = await ask("có số liệu nào đáng ngờ không");
    expect(warnings).toContain(t("questions-warnings-title", { period: "tháng 10/2026", count: 2 }));
    expect(warnings).toMatch(/⚠ Sở Y tế: Tổng số hồ sơ = 1\.000/);
    expect(await ask("khó khăn vướng mắc tháng 10")).toContain("• Thiếu máy tính cho bộ phận một cửa. — Sở Tài chính");
    const status = await ask("Sở Tài chính đã nộp chưa");
    expect(status).toContain(t("questions-status-on-time", { agency: "Sở Tài chính", period: "tháng 10/2026", date: "16/10/2026" }));
    expect(status).toContain(t("questions-reporters", { names: PEOPLE.reporterD1.first_name }));
    expect(await ask("Xuân Lộc đã nộp chưa")).toContain(t("questions-status-missing", { agency: "UBND huyện Xuân Lộc", period: "tháng 10/2026" }));
  });

  it("gives a named agency's place in the ranking", async () => {
    const out = await ask("Sở Tài chính đứng thứ mấy");
    const [title, row, ...rest] = out.split("\n");
    expect(title).toBe(t("questions-ranking-places", { year: "2026", total: 3 }));
    expect(row).toMatch(/^1\. Sở Tài chính: [\d,]+ điểm$/);
    expect(rest).toEqual([]);
  });

  it("tells when the current period is due", async () => {
    expect(await ask("khi nào hết hạn nộp")).toMatch(/^Kỳ tháng 10\/2026: hạn nộp ngày \d\d\/10\/2026 đã qua \d+ ngày\.$/);
  });

  it("sends the Word file when a Word report is asked for, whatever else the words say", async () => {
    await ask("xuất báo cáo Word tháng 10");
    const doc = h.api.calls.filter((c) => c.method === "sendDocument");
    expect(doc).toHaveLength(1);
    expect(Object.values(doc[0]!.files)[0]!.filename).toMatch(/2026-10-bao-cao\.docx$/);
    expect(h.api.callsOf("sendMessage")).toHaveLength(0);
  });

  it("refuses a period that is none, in a question and in /summary", async () => {
    expect(await ask("đơn vị nào chưa nộp tháng 13")).toBe(t("questions-bad-period", { text: "tháng 13" }));
    expect(await ask("/summary tháng 13")).toBe(t("questions-bad-period", { text: "tháng 13" }));
  });

  it("says what it did not understand, with the nearest questions as buttons that answer when pressed", async () => {
    const out = await ask("hôm nay ăn gì");
    expect(out).toBe(t("questions-not-understood", { words: "hôm nay ăn gì" }));
    const markup = h.api.callsOf("sendMessage")[0]!.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] };
    const buttons = markup.inline_keyboard.flat();
    expect(buttons.length).toBe(3);
    for (const b of buttons) expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);
    h.api.clear();
    await h.press(PEOPLE.provinceLeader, "questions:ex:2");
    expect(texts(PEOPLE.provinceLeader.id)).toContain(t("questions-count-late", { period: "tháng 9/2026", count: 0, required: 3 }));
    h.api.clear();
    await h.press(PEOPLE.provinceLeader, "questions:ex:99");
    expect(h.api.callsOf("answerCallbackQuery")[0]!.text).toBe(t("button-expired"));
  });

  it("says what was understood and what was not when part of a question is unknown, and still answers the part it read", async () => {
    const out = await ask("tỷ lệ hồ sơ trực tuyến tháng 10 xyzzy");
    expect(out).toContain(t("questions-not-understood-part", { words: "xyzzy" }));
    expect(out).toContain("Tôi hiểu câu hỏi là: giá trị chỉ tiêu; kỳ: tháng 10/2026; chỉ tiêu: Tỷ lệ hồ sơ trực tuyến (%)");
    expect(out).toContain(": 10%");
  });

  it("keeps a scoped leader to their scope: another agency is refused, their own answered", async () => {
    expect(await ask("Sở Tài chính đã nộp chưa", PEOPLE.districtLeader)).toBe(t("questions-out-of-scope", { names: "Sở Tài chính" }));
    expect(await ask("so sánh Sở Tài chính với Sở Y tế", PEOPLE.districtLeader)).toBe(t("questions-out-of-scope", { names: "Sở Tài chính, Sở Y tế" }));
    expect(await ask("đơn vị nào chưa nộp tháng 10", PEOPLE.districtLeader)).toContain("UBND huyện Xuân Lộc");
    expect(await ask("đơn vị nào chưa nộp tháng 10", PEOPLE.districtLeader)).not.toContain("Sở Y tế");
  });

  it("lets a reporter ask about their own agency only", async () => {
    expect(await ask("Sở Tài chính đã nộp chưa", PEOPLE.reporterD1)).toContain("Sở Tài chính đã nộp");
    expect(await ask("Sở Y tế đã nộp chưa", PEOPLE.reporterD1)).toBe(t("questions-out-of-scope", { names: "Sở Y tế" }));
    expect(await ask("đơn vị nào nộp trễ", PEOPLE.reporterD1)).toBe(t("access-denied"));
  });
});
