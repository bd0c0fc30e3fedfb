import { saveOrganisation } from "../../../src/features/organisation/organisation.repository.ts";
import { Composer } from "grammy";
import { createConversation, type Conversation } from "@grammyjs/conversations";
import JSZip from "jszip";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { BotContext } from "../../../src/bot/context.ts";
import type { Database } from "../../../src/db/client.ts";
import { summariesFeature } from "../../../src/features/summaries/summaries.composer.ts";
import { encodeDigestButton } from "../../../src/features/summaries/digest-callback.ts";
import { DIGEST_MAX_CHARS } from "../../../src/features/summaries/digest-format.ts";
import { createBotHarness, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import { addPerson, PEOPLE, seedSummariesFixture, type Fixture } from "./summaries-fixture.ts";

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

describe("leaders' summaries through the bot", () => {
  let database: Database;
  let h: BotHarness;
  let fx: Fixture;
  const t = (key: string, args?: Record<string, string | number>) => h.deps.t("vi", key, args);
  const texts = (id: number) => h.api.textsTo(id).join("\n");

  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database);
    fx = await seedSummariesFixture(database.db, h.clock.now());
    await addPerson(database.db, PEOPLE.provinceLeader, [["leader", null]]);
    await addPerson(database.db, PEOPLE.coordinator, [["coordinator", null]]);
    await addPerson(database.db, PEOPLE.districtLeader, [["leader", fx.ids.h1]]);
    await addPerson(database.db, PEOPLE.reporterD1, [["reporter", fx.ids.d1]]);
    await addPerson(database.db, PEOPLE.englishLeader, [["leader", null]], "en");
  });
  afterAll(() => database.close());
  beforeEach(() => h.api.clear());

  /** The buttons of the last message sent or edited, by label. */
  const buttons = () => {
    const last = h.api.calls.filter((c) => c.method === "sendMessage" || c.method === "editMessageText").at(-1)!.payload;
    const rows = (last.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard;
    return new Map(rows.flat().map((b) => [b.text, b.callback_data]));
  };
  const lastEdit = () => h.api.callsOf("editMessageText").at(-1)!;

  it("opens /summary with a digest that fits one phone screen, with completion, names, headline indicators and counts", async () => {
    await h.send(PEOPLE.provinceLeader, "/summary");
    const sent = h.api.callsOf("sendMessage");
    expect(sent).toHaveLength(1);
    const out = String(sent[0]!.text);
    expect(out.length).toBeLessThanOrEqual(DIGEST_MAX_CHARS);
    expect(out.split("\n").length).toBeLessThanOrEqual(20);
    expect(out).toContain("TÓM TẮT tháng 10/2026");
    expect(out).toContain("Đã nộp 2/3 đơn vị (67%): đúng hạn 1, trễ hạn 1, chưa nộp 1.");
    expect(out).toContain("Chưa nộp: UBND huyện Xuân Lộc.");
    expect(out).toContain("Nộp trễ: Sở Y tế.");
    // Services: 12 + 22 = 34, against 10 + 20 = 30 from the same two agencies the month before; shares change in points.
    expect(out).toContain("• Số dịch vụ công trực tuyến: 34, tăng 4 (+13,3%)");
    expect(out).toContain("• Tỷ lệ hồ sơ trực tuyến (%): 10%, giảm 40 điểm phần trăm");
    expect(out).toContain("Khó khăn, vướng mắc: 1 đơn vị nêu.");
    expect(out).toContain("Cảnh báo số liệu: 2.");
    expect(out).not.toMatch(/[↑↓→]|điểm %/);
    expect([...buttons().keys()]).toEqual(["Chỉ tiêu", "Chưa nộp (1)", "Khó khăn (1)", "Cảnh báo (2)", "📊 Biểu đồ", "Xuất file", "Toàn văn"]);
    for (const data of buttons().values()) expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    expect(sent.every((c) => c.parse_mode === undefined)).toBe(true);
    expect((sent[0]!.entities as unknown[]).length).toBeGreaterThan(0);
  });

  it("opens each part of the digest by editing the message, and comes back to the digest", async () => {
    await h.send(PEOPLE.provinceLeader, "/summary");
    const digest = String(h.api.callsOf("sendMessage")[0]!.text);
    const press = async (label: string) => {
      const data = buttons().get(label);
      expect(data, label).toBeDefined();
      await h.press(PEOPLE.provinceLeader, data!, 77);
      return String(lastEdit().text);
    };
    expect(await press("Chỉ tiêu")).toMatch(/Số dịch vụ công trực tuyến\n {2}Tổng: 34, tăng 4 \(\+13,3%\)/);
    expect(lastEdit().message_id).toBe(77);
    expect(await press("‹ Tóm tắt")).toBe(digest);
    expect(await press("Chưa nộp (1)")).toMatch(/Chưa nộp \(1\)\n• UBND huyện Xuân Lộc \(T-XL\)[\s\S]*Trễ hạn \(1\)\n• Sở Y tế \(T-YT\)/);
    await press("‹ Tóm tắt");
    expect(await press("Khó khăn (1)")).toContain("Sở Tài chính: Thiếu máy tính cho bộ phận một cửa.");
    await press("‹ Tóm tắt");
    const flags = await press("Cảnh báo (2)");
    expect(flags).toMatch(/⚠ Sở Y tế: Tỷ lệ giải ngân mâu thuẫn: Kinh phí đã giải ngân là 1,2 tỷ đồng, lớn hơn Kinh phí được giao là 1 tỷ đồng/);
    expect(flags).toMatch(/⚠ Sở Y tế: Tổng số hồ sơ = 1\.000, khác xa/);
    await press("‹ Tóm tắt");
    const full = await press("Toàn văn");
    expect(full).toContain("TỔNG HỢP BÁO CÁO tháng 10/2026");
    expect(full).toContain("• Đúng tiến độ: 1");
    expect(full).toMatch(/Tỷ lệ hồ sơ trực tuyến \(%\)\n {2}10%, giảm 40 điểm phần trăm/);
    await press("‹ Tóm tắt");
    await press("Xuất file");
    expect(buttons().get("XLSX")).toBe(`summaries:export:xlsx:${fx.periodIds["2026-10"]}`);
    // Every part was an edit: the chat holds one message.
    expect(h.api.callsOf("sendMessage")).toHaveLength(1);
    h.api.clear();
    await h.press(PEOPLE.provinceLeader, encodeDigestButton({ target: { kind: "summary", period: String(fx.periodIds["2026-10"]!) }, part: { kind: "chart" }, page: 0 }));
    expect(h.api.callsOf("sendPhoto")).toHaveLength(1);
  });

  it("refuses forged and out-of-scope digest buttons, re-checking the viewer on every press", async () => {
    const summary = encodeDigestButton({ target: { kind: "summary", period: String(fx.periodIds["2026-10"]!) }, part: { kind: "full" }, page: 0 });
    await h.press(PEOPLE.reporterD1, summary);
    expect(h.api.callsOf("answerCallbackQuery")[0]).toMatchObject({ text: t("access-denied"), show_alert: true });
    await h.press(PEOPLE.stranger, summary);
    expect(h.api.callsOf("editMessageText")).toHaveLength(0);
    h.api.clear();
    // A district leader pressing the full text of the province's period sees only their own agency in it.
    await h.press(PEOPLE.districtLeader, summary);
    const scoped = String(lastEdit().text);
    expect(scoped).toContain("UBND huyện Xuân Lộc");
    expect(scoped).not.toContain("Sở Tài chính");
    h.api.clear();
    await h.press(PEOPLE.reporterD1, encodeDigestButton({ target: { kind: "agency", agencyId: fx.ids.d2 }, part: { kind: "full" }, page: 0 }));
    expect(h.api.callsOf("answerCallbackQuery")[0]).toMatchObject({ text: t("access-denied"), show_alert: true });
    expect(h.api.callsOf("editMessageText")).toHaveLength(0);
    h.api.clear();
    for (const forged of ["sd:s1:q:0", "sd:s1:d", "sd:x1:d:0", `sd:s${"9".repeat(10)}:d:0`, "sd:s999999:d:0", "sd:s1:t999:0"]) await h.press(PEOPLE.provinceLeader, forged);
    expect(h.api.callsOf("answerCallbackQuery").map((c) => c.text)).toEqual(Array(6).fill(t("button-expired")));
    expect(h.api.callsOf("editMessageText")).toHaveLength(0);
  });

  it("answers in English for an English-speaking leader", async () => {
    await h.send(PEOPLE.englishLeader, "/summary 2026-09");
    const out = texts(PEOPLE.englishLeader.id);
    expect(out).toContain("SUMMARY, September 2026");
    expect(out).toContain("Filed 3/3 agencies (100%): on time 3, late 0, missing 0.");
    expect(out).toContain("• Online public services: 35, unchanged");
  });

  it("limits an agency-scoped leader to that agency and its children", async () => {
    await h.send(PEOPLE.districtLeader, "/summary");
    const out = texts(PEOPLE.districtLeader.id);
    expect(out).toContain("Đã nộp 0/1 đơn vị (0%): đúng hạn 0, trễ hạn 0, chưa nộp 1.");
    expect(out).not.toContain("Sở Tài chính");
    expect(out).not.toContain("Sở Y tế");
    h.api.clear();
    await h.send(PEOPLE.districtLeader, "/agency Sở Tài chính");
    expect(texts(PEOPLE.districtLeader.id)).toBe(t("summaries-agency-not-found", { query: "Sở Tài chính" }));
    h.api.clear();
    await h.send(PEOPLE.districtLeader, "/agency xã");
    expect(texts(PEOPLE.districtLeader.id)).toContain("UBND xã Xuân Hiệp (T-XL-XA)");
  });

  it("lets a reporter see only their own agency, and refuses forged buttons for another", async () => {
    await h.send(PEOPLE.reporterD1, "/agency");
    const own = texts(PEOPLE.reporterD1.id);
    expect(own).toContain("Sở Tài chính (T-TC)");
    expect(own).toContain("Kỳ mới nhất, tháng 10/2026: đúng hạn.");
    expect(own).toContain("• Số dịch vụ công trực tuyến: 12, tăng 2 (+20%)");
    expect(own.length).toBeLessThanOrEqual(DIGEST_MAX_CHARS);
    // The full report behind "Toàn văn", by editing the message.
    await h.press(PEOPLE.reporterD1, buttons().get("Toàn văn")!);
    const full = String(lastEdit().text);
    expect(full).toContain("Báo cáo gần nhất: tháng 10/2026");
    expect(full).toMatch(/✅ tháng 10\/2026 — Đúng hạn/);
    h.api.clear();
    await h.send(PEOPLE.reporterD1, "/agency Y tế");
    expect(texts(PEOPLE.reporterD1.id)).toBe(t("summaries-agency-not-found", { query: "Y tế" }));
    h.api.clear();
    await h.press(PEOPLE.reporterD1, `summaries:agency:${fx.ids.d2}`);
    const answer = h.api.callsOf("answerCallbackQuery")[0]!;
    expect(answer).toMatchObject({ text: t("access-denied"), show_alert: true });
    expect(h.api.callsOf("sendMessage")).toHaveLength(0);
    h.api.clear();
    for (const cmd of ["/summary", "/compare services", "/ranking", "/export xlsx", "/chart"]) await h.send(PEOPLE.reporterD1, cmd);
    expect(h.api.textsTo(PEOPLE.reporterD1.id)).toEqual(Array(5).fill(t("access-denied")));
    h.api.clear();
    await h.press(PEOPLE.reporterD1, `summaries:export:xlsx:${fx.periodIds["2026-10"]}`);
    expect(h.api.callsOf("sendDocument")).toHaveLength(0);
    expect(h.api.callsOf("answerCallbackQuery")[0]).toMatchObject({ show_alert: true });
  });

  it("gives a forged export button of a scoped leader only their own agencies", async () => {
    await h.press(PEOPLE.districtLeader, `summaries:export:csv:${fx.periodIds["2026-10"]}`);
    const doc = h.api.calls.find((c) => c.method === "sendDocument")!;
    const csv = Object.values(doc.files)[0]!.data.toString("utf8");
    expect(csv).toContain("UBND huyện Xuân Lộc");
    expect(csv).not.toContain("Sở Tài chính");
  });

  it("quotes back at most a short part of an agency or indicator it cannot find", async () => {
    h.api.clear();
    await h.send(PEOPLE.reporterD1, `/agency ${"Không có ".repeat(600)}`);
    const reply = h.api.textsTo(PEOPLE.reporterD1.id).at(-1)!;
    expect(reply).toContain("Không có Không có");
    expect(reply.length).toBeLessThan(300);
    await h.send(PEOPLE.provinceLeader, `/trend ${"không có ".repeat(600)}`);
    const unknown = h.api.textsTo(PEOPLE.provinceLeader.id).filter((s) => s.includes("không có không có"));
    expect(unknown).toHaveLength(1);
    expect(unknown[0]!.length).toBeLessThan(300);
  });

  it("answers a comparison button with an indicator the template does not have as expired", async () => {
    h.api.clear();
    await h.press(PEOPLE.provinceLeader, `summaries:cmp:${fx.periodIds["2026-10"]}:999`);
    expect(h.api.callsOf("answerCallbackQuery")).toEqual([expect.objectContaining({ text: t("button-expired") })]);
    expect(h.api.textsTo(PEOPLE.provinceLeader.id)).toEqual([]);
  });

  it("tells a person without a role nothing", async () => {
    await h.send(PEOPLE.stranger, "/summary");
    await h.press(PEOPLE.stranger, `summaries:agency:${fx.ids.d1}`);
    await h.send(PEOPLE.stranger, "đơn vị nào chưa báo cáo tháng 10");
    const out = texts(PEOPLE.stranger.id);
    expect(out).not.toContain("Xuân Lộc");
    expect(out).not.toContain("Sở Tài chính");
  });

  it("answers everyday Vietnamese questions", async () => {
    await h.send(PEOPLE.provinceLeader, "Đơn vị nào chưa báo cáo tháng 10?");
    expect(texts(PEOPLE.provinceLeader.id)).toBe(
      [t("summaries-missing-title", { period: "tháng 10/2026" }), t("summaries-completion-line", { reported: 2, required: 3, onTime: 1, late: 1, missing: 1 }), "• UBND huyện Xuân Lộc (T-XL)"].join("\n"),
    );
    h.api.clear();
    await h.send(PEOPLE.provinceLeader, "tóm tắt quý 3 năm 2026");
    const q3 = texts(PEOPLE.provinceLeader.id);
    expect(q3).toContain("TÓM TẮT quý III/2026");
    expect(q3).toContain(t("summaries-coverage-months", { months: "tháng 7–9/2026" }));
    h.api.clear();
    await h.send(PEOPLE.provinceLeader, "so sánh tỷ lệ hồ sơ trực tuyến");
    expect(texts(PEOPLE.provinceLeader.id)).toMatch(/So sánh: Tỷ lệ hồ sơ trực tuyến \(%\) — tháng 10\/2026[\s\S]*1\. Sở Tài chính: 60%\n2\. Sở Y tế: 5%/);
    h.api.clear();
    await h.send(PEOPLE.provinceLeader, "kỳ trước thế nào, tóm tắt giúp");
    expect(texts(PEOPLE.provinceLeader.id)).toContain("TÓM TẮT tháng 9/2026");
    h.api.clear();
    await h.send(PEOPLE.provinceLeader, "hôm nay ăn gì");
    // Not understood: said so, with the nearest questions as buttons (questions-bot.test.ts).
    expect(texts(PEOPLE.provinceLeader.id)).toContain(t("questions-not-understood", { words: "hôm nay ăn gì" }));
  });

  it("leaves unknown text of a reporter to the fallback", async () => {
    await h.send(PEOPLE.reporterD1, "hôm nay ăn gì");
    expect(texts(PEOPLE.reporterD1.id)).toBe(t("fallback-unknown"));
  });

  it("ranks agencies for a year and explains the score", async () => {
    await h.send(PEOPLE.coordinator, "xếp hạng năm 2026");
    const out = texts(PEOPLE.coordinator.id);
    expect(out).toContain("XẾP HẠNG ỨNG DỤNG CNTT NĂM 2026");
    expect(out).toContain("Tính trên 4 kỳ báo cáo");
    // D1: timeliness 100, best share and second in services → first; H1 missed a month.
    expect(out).toMatch(/1\/3\. Sở Tài chính: [\d,]+ điểm \(đúng hạn 100%\)/);
    expect(out).toMatch(/3\/3\. UBND huyện Xuân Lộc: [\d,]+ điểm \(đúng hạn 75%\)/);
    expect(out.length).toBeLessThanOrEqual(DIGEST_MAX_CHARS);
    await h.press(PEOPLE.coordinator, buttons().get("Toàn văn")!);
    const full = String(lastEdit().text);
    expect(full).toContain("Cách tính điểm");
    expect(full).toContain("Nộp báo cáo đúng hạn: trọng số 40 (40%)");
    await h.press(PEOPLE.coordinator, buttons().get("‹ Tóm tắt")!);
    await h.press(PEOPLE.coordinator, buttons().get("📊 Biểu đồ")!);
    const photo = h.api.calls.find((c) => c.method === "sendPhoto")!;
    expect(Object.values(photo.files)[0]!.data.subarray(0, 4).equals(PNG)).toBe(true);
  });

  it("shows an agency head their agency's place in the whole province's ranking, never a ranking rescaled in their scope", async () => {
    await h.send(PEOPLE.districtLeader, "/ranking 2026");
    const out = texts(PEOPLE.districtLeader.id);
    expect(out).toContain("3/3. UBND huyện Xuân Lộc");
    expect(out).toMatch(/Toàn tỉnh xếp hạng 3 đơn vị: cao nhất 80,6 điểm, trung vị 65 điểm\./);
    expect(out).not.toContain("Sở Tài chính");
    expect(out).not.toMatch(/^1\/|hạng 1\//m);
  });

  it("sends a completion chart and a 12-period trend as PNG", async () => {
    await h.send(PEOPLE.provinceLeader, "/chart");
    await h.send(PEOPLE.provinceLeader, "/trend dịch vụ công");
    const photos = h.api.calls.filter((c) => c.method === "sendPhoto");
    expect(photos).toHaveLength(2);
    for (const p of photos) expect(Object.values(p.files)[0]!.data.subarray(0, 4).equals(PNG)).toBe(true);
    expect(texts(PEOPLE.provinceLeader.id)).toMatch(/tháng 9\/2026: 35\ntháng 10\/2026: 34/);
  });

  it("exports XLSX with numbers as numbers, money and percent formats, and an aggregates sheet", async () => {
    await h.send(PEOPLE.provinceLeader, "/export xlsx tháng 10");
    const doc = h.api.calls.find((c) => c.method === "sendDocument")!;
    const file = Object.values(doc.files)[0]!;
    expect(file.filename).toBe("sum-test-2026-10.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.data as unknown as ArrayBuffer);
    const [subs, aggs] = wb.worksheets;
    expect(subs!.name).toBe(t("summaries-sheet-submissions"));
    const header = (subs!.getRow(1).values as unknown[]).map(String);
    const col = (label: string) => header.indexOf(label);
    const rows = [2, 3, 4].map((r) => subs!.getRow(r));
    const d1 = rows.find((r) => r.getCell(col("Tên đơn vị")).value === "Sở Tài chính")!;
    expect(d1.getCell(col("Đơn vị cấp trên")).value).toBe("UBND tỉnh Thử Nghiệm");
    expect(d1.getCell(col("Số dịch vụ công trực tuyến")).value).toBe(12);
    expect(d1.getCell(col("Kinh phí được giao")).value).toBe(1_000_000_000);
    expect(d1.getCell(col("Kinh phí được giao")).numFmt).toContain("#,##0");
    expect(d1.getCell(col("Tỷ lệ văn bản điện tử (%)")).value).toBe(0.8);
    expect(d1.getCell(col("Tỷ lệ văn bản điện tử (%)")).numFmt).toBe("0.0%");
    expect(d1.getCell(col("Tiến độ dự án")).value).toBe("Đúng tiến độ");
    const h1 = rows.find((r) => r.getCell(col("Tên đơn vị")).value === "UBND huyện Xuân Lộc")!;
    expect(h1.getCell(col("Tình trạng")).value).toBe("Chưa nộp");
    expect(aggs!.name).toBe(t("summaries-sheet-aggregates"));
    const aggRows = Array.from({ length: aggs!.rowCount }, (_, i) => aggs!.getRow(i + 1).values as unknown[]);
    expect(aggRows.some((r) => r.includes("Số dịch vụ công trực tuyến") && r.includes(34))).toBe(true);
    // Every data-quality flag on its own sheet (the chat lists the first few).
    const flags = wb.worksheets[2]!;
    expect(flags.name).toBe(t("summaries-sheet-flags"));
    const flagRows = Array.from({ length: flags.rowCount - 1 }, (_, i) => flags.getRow(i + 2).values as unknown[]);
    expect(flagRows.map((r) => [r[2], r[3]])).toEqual([["T-YT", "Sở Y tế"], ["T-YT", "Sở Y tế"]]);
    expect(flagRows.map((r) => String(r[4])).join("\n")).toMatch(/Tỷ lệ giải ngân mâu thuẫn: Kinh phí đã giải ngân là 1,2 tỷ đồng, lớn hơn Kinh phí được giao là 1 tỷ đồng[\s\S]*Tổng số hồ sơ = 1\.000, khác xa/);
  });

  it("exports CSV and a DOCX draft in the administrative format, with the organisation's names", async () => {
    await saveOrganisation(database.db, {
      province: { vi: "Thử Nghiệm" },
      coordinator: { vi: "Sở Điều Phối Thử" },
      numberPrefix: "BC-SDPT",
      reportsTo: { vi: "UBND tỉnh Thử Nghiệm" },
    }, { actorLabel: "cli", at: h.clock.now() });
    await h.send(PEOPLE.provinceLeader, "/export csv");
    await h.send(PEOPLE.provinceLeader, "/export docx");
    const [csvCall, docxCall] = h.api.calls.filter((c) => c.method === "sendDocument");
    const csv = Object.values(csvCall!.files)[0]!.data.toString("utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain("Sở Tài chính");
    expect(csv).toMatch(/T-TC,Sở Tài chính,.*,80,/);
    const zip = await JSZip.loadAsync(Object.values(docxCall!.files)[0]!.data);
    const xml = (await zip.file("word/document.xml")!.async("string")).replace(/<[^>]+>/g, "");
    for (const s of ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "/BC-SDPT", "UBND TỈNH THỬ NGHIỆM", "SỞ ĐIỀU PHỐI THỬ", "Thử Nghiệm, ngày", "Sở Điều Phối Thử kính báo cáo UBND tỉnh Thử Nghiệm", "BÁO CÁO", "Thiếu máy tính cho bộ phận một cửa."])
      expect(xml).toContain(s);
    expect(await zip.file("word/document.xml")!.async("string")).toContain("Times New Roman");
  });

  it("labels a head's exports by the scope they cover, and makes their DOCX their agency's report", async () => {
    await h.send(PEOPLE.districtLeader, "/export xlsx tháng 10");
    await h.send(PEOPLE.districtLeader, "/export docx tháng 10");
    const [xlsxCall, docxCall] = h.api.calls.filter((c) => c.method === "sendDocument");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Object.values(xlsxCall!.files)[0]!.data as unknown as ArrayBuffer);
    const header = (wb.worksheets[1]!.getRow(1).values as unknown[]).map(String);
    expect(header).toContain("UBND huyện Xuân Lộc và đơn vị trực thuộc");
    expect(header).not.toContain("Toàn tỉnh");
    const zip = await JSZip.loadAsync(Object.values(docxCall!.files)[0]!.data);
    const xml = (await zip.file("word/document.xml")!.async("string")).replace(/<[^>]+>/g, "");
    expect(xml).toContain("UBND HUYỆN XUÂN LỘC");
    expect(xml).toContain("UBND huyện Xuân Lộc và đơn vị trực thuộc báo cáo kết quả tháng 10/2026");
    expect(xml).toContain("UBND huyện Xuân Lộc: chưa nộp.");
    expect(xml).not.toContain("Toàn tỉnh");
    expect(xml).not.toContain("Tổng số đơn vị phải báo cáo");
    expect(xml).not.toContain("Sở Tài chính");
  });

  it("recomputes the history flags once a report is amended", async () => {
    const { answers, submissions } = await import("../../../src/features/reports/reports.table.ts");
    const { and, eq } = await import("drizzle-orm");
    const flagsOf1026 = async () => {
      h.api.clear();
      await h.press(PEOPLE.provinceLeader, encodeDigestButton({ target: { kind: "summary", period: String(fx.periodIds["2026-10"]!) }, part: { kind: "flags" }, page: 0 }));
      return String(lastEdit().text);
    };
    expect(await flagsOf1026()).toMatch(/⚠ Sở Y tế: Tổng số hồ sơ = 1\.000/);
    // An amendment as the reports feature writes it: new official answers, a new version and time.
    const [sub] = await database.db.select().from(submissions).where(and(eq(submissions.agencyId, fx.ids.d2), eq(submissions.periodId, fx.periodIds["2026-10"]!)));
    await database.db.update(answers).set({ value: 110, numValue: 110 }).where(and(eq(answers.submissionId, sub!.id), eq(answers.questionKey, "total")));
    await database.db.update(submissions).set({ version: 2, submittedAt: new Date("2026-10-20T03:00:00Z") }).where(eq(submissions.id, sub!.id));
    expect(await flagsOf1026()).not.toMatch(/⚠ Sở Y tế: Tổng số hồ sơ/);
    // Put it back for the other tests.
    await database.db.update(answers).set({ value: 1000, numValue: 1000 }).where(and(eq(answers.submissionId, sub!.id), eq(answers.questionKey, "total")));
    await database.db.update(submissions).set({ version: 1 }).where(eq(submissions.id, sub!.id));
  });

  it("does not swallow text meant for a running conversation", async () => {
    const probe = new Composer<BotContext>();
    probe.use(
      createConversation(async (conv: Conversation<BotContext, BotContext>, ctx: BotContext) => {
        await ctx.reply("what?");
        const m = await conv.waitFor("message:text");
        await ctx.reply(`got: ${m.message.text}`);
      }, "probe") as never,
    );
    probe.command("probe", (ctx) => ctx.conversation.enter("probe"));
    const h2 = await createBotHarness(database, { features: [{ name: "probe", composer: probe }, summariesFeature()] });
    await h2.send(PEOPLE.provinceLeader, "/probe");
    await h2.send(PEOPLE.provinceLeader, "tóm tắt tháng 10");
    expect(h2.api.textsTo(PEOPLE.provinceLeader.id)).toEqual(["what?", "got: tóm tắt tháng 10"]);
    await h2.send(PEOPLE.provinceLeader, "tóm tắt tháng 10");
    expect(h2.api.textsTo(PEOPLE.provinceLeader.id).at(-1)).toContain("TÓM TẮT tháng 10/2026");
  });
});
