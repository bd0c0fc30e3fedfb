import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import { recentAudit } from "../../../src/audit/audit.repository.ts";
import { getPeriod, openPeriod } from "../../../src/features/reports/periods.repository.ts";
import { submissions } from "../../../src/features/reports/reports.table.ts";
import { agencies } from "../../../src/features/agencies/agencies.table.ts";
import { loadTemplateFile } from "../../../src/features/templates/template-file.ts";
import { currentTemplateVersion, importTemplate, listTemplateVersions } from "../../../src/features/templates/templates.repository.ts";
import { createBotHarness, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import { nextUpdateId, type TestUser } from "../../support/updates.ts";
import { addPerson, PEOPLE, seedSummariesFixture } from "../summaries/summaries-fixture.ts";

type Button = { text: string; callback_data?: string };
type Doc = { file_id: string; file_unique_id: string; file_name: string; file_size: number };

describe("templates managed in chat (/templates)", () => {
  let database: Database;
  let h: BotHarness;
  const coordinator = PEOPLE.coordinator;
  const reporter = PEOPLE.reporterD1;
  let messageId = 50_000;
  let october = 0;

  const lastCall = (chatId: number) => {
    const calls = h.api.calls.filter((c) => (c.method === "sendMessage" || c.method === "editMessageText") && Number(c.payload.chat_id) === chatId);
    return JSON.parse(JSON.stringify(calls.at(-1)!.payload)) as { text: string; reply_markup?: { inline_keyboard: Button[][] } };
  };
  const buttons = (chatId: number) => (lastCall(chatId).reply_markup?.inline_keyboard ?? []).flat();
  const chat = (u: TestUser) => ({ id: u.id, type: "private" as const, first_name: u.first_name });
  const from = (u: TestUser) => ({ ...u, is_bot: false });

  /** The person sends a file: stored in the fake Bot API so getFile and the download answer its bytes. */
  async function sendFile(u: TestUser, fileName: string, data: Buffer): Promise<Doc> {
    const stored = h.api.putFile(data, { fileName });
    const document = { file_id: stored.fileId, file_unique_id: `u-${stored.fileId}`, file_name: fileName, file_size: data.length };
    await h.handle({ update_id: nextUpdateId(), message: { message_id: ++messageId, date: 0, chat: chat(u), from: from(u), document } } as Update);
    return document;
  }
  /** A button pressed under the bot's answer to the file (Telegram sends the answered message with it). */
  async function pressUnderFile(u: TestUser, data: string, document: Doc): Promise<void> {
    const replyTo = { message_id: messageId, date: 0, chat: chat(u), from: from(u), document };
    await h.handle({
      update_id: nextUpdateId(),
      callback_query: { id: `cb-${nextUpdateId()}`, from: from(u), chat_instance: "ci", data, message: { message_id: messageId + 1, date: 0, chat: chat(u), text: "…", reply_to_message: replyTo } },
    } as Update);
  }
  async function workbook(edit: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile("templates/it-plan.xlsx")) as never);
    edit(wb);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database);
    await seedSummariesFixture(database.db, h.clock.now());
    await addPerson(database.db, coordinator, [["coordinator", null]]);
    await addPerson(database.db, reporter, [["reporter", null]]);
    await importTemplate(database.db, await loadTemplateFile("templates/it-plan.yaml"), h.clock.now());
    october = (await openPeriod(database.db, { templateId: "it-plan", periodKey: "2026-10", now: h.clock.now() })).period.id;
  });
  afterAll(() => database.close());

  it("lists templates by title with their versions and the periods using them, never the code", async () => {
    await h.send(coordinator, "/templates");
    const { text } = lastCall(coordinator.id);
    expect(text).toContain("📋 Tình hình thực hiện Kế hoạch ứng dụng CNTT");
    expect(text).toContain("📋 Báo cáo thử nghiệm");
    expect(text).toMatch(/phiên bản 1 ngày \d\d\/\d\d\/\d{4}, 15 câu hỏi, áp dụng cho kỳ mới; các kỳ: .*10/);
    expect(text).not.toContain("it-plan");
    expect(text).not.toContain("sum-test");
    expect(buttons(coordinator.id).map((b) => b.callback_data)).toContain("tpl:t:it-plan");
  });

  it("previews a version question by question as reporters see it, with its rules, and records nothing", async () => {
    await h.press(coordinator, "tpl:t:it-plan");
    const preview = buttons(coordinator.id).find((b) => b.callback_data?.startsWith("tpl:p:"))!;
    expect(preview.text).toBe("👁 Xem trước v1");
    const versionId = Number(preview.callback_data!.split(":")[2]);
    await h.press(coordinator, preview.callback_data!);
    expect(lastCall(coordinator.id).text).toContain("Câu 1/15\nTỷ lệ văn bản đi được gửi dưới dạng điện tử (%)");
    await h.press(coordinator, `tpl:p:${versionId}:1`);
    let shown = lastCall(coordinator.id);
    expect(shown.text).toContain("Xem trước: Tình hình thực hiện Kế hoạch ứng dụng CNTT, phiên bản 1");
    expect(shown.text).toContain("Câu 2/15");
    expect(shown.text).toContain("Bắt buộc.");
    const kb = buttons(coordinator.id);
    // The reporter's choice buttons, made inert, then the walk.
    expect(kb.filter((b) => ["Có", "Một phần", "Không"].includes(b.text)).map((b) => b.callback_data)).toEqual(["tpl:x", "tpl:x", "tpl:x"]);
    expect(kb.map((b) => b.callback_data)).toEqual(expect.arrayContaining([`tpl:p:${versionId}:0`, `tpl:p:${versionId}:2`, "tpl:t:it-plan"]));
    expect(kb.some((b) => b.callback_data?.startsWith("report:"))).toBe(false);
    await h.press(coordinator, `tpl:p:${versionId}:11`);
    expect(lastCall(coordinator.id).text).toContain("Chỉ hỏi khi «Tình hình triển khai các dự án CNTT của đơn vị» là Chậm tiến độ.");
    await h.press(coordinator, `tpl:p:${versionId}:8`);
    shown = lastCall(coordinator.id);
    expect(shown.text).toContain("Không nên lớn hơn «Kinh phí CNTT được giao trong năm (đồng)»; người báo cáo có thể xác nhận giá trị lớn hơn.");
    expect(shown.text).toContain("Tối thiểu 0.");
    await h.press(coordinator, "tpl:x");
    expect(h.api.callsOf("answerCallbackQuery").at(-1)!.text).toBe("Chỉ xem trước: không ghi nhận gì.");
  });

  it("a bad file lists every problem with the question and changes nothing", async () => {
    const before = (await listTemplateVersions(database.db, "it-plan"))!.length;
    const bad = await workbook((wb) => {
      const q = wb.getWorksheet("questions")!;
      q.getRow(3).getCell(10).value = "yes=Có; no=Không|No"; // leaders_use_system: a choice without its English label
      q.getRow(5).getCell(12).value = "<= nosuch"; // dossiers_online: a rule on an unknown question
    });
    await sendFile(coordinator, "it-plan.xlsx", bad);
    const text = h.api.textsTo(coordinator.id).at(-1)!;
    expect(text).toContain("Chưa nhập mẫu; không có gì thay đổi. 2 lỗi:");
    expect(text).toContain('sheet "questions" row 3 (question "leaders_use_system"): choice "yes=Có"');
    expect(text).toContain('question "dossiers_online" (#4): rules.0: rule refers to unknown question "nosuch"');
    expect(text).toContain("Sửa tệp rồi gửi lại.");
    await sendFile(coordinator, "bad.yaml", Buffer.from("id: it-plan\ntitle: [unclosed"));
    expect(h.api.textsTo(coordinator.id).at(-1)).toContain("not valid YAML");
    const downloads = h.api.callsOf("getFile").length;
    await sendFile(coordinator, "huge.json", Buffer.alloc(600 * 1024, 32));
    expect(h.api.textsTo(coordinator.id).at(-1)).toBe("Tệp quá lớn cho một mẫu (tối đa 512 KB).");
    expect(h.api.callsOf("getFile").length).toBe(downloads);
    expect((await listTemplateVersions(database.db, "it-plan"))!.length).toBe(before);
    expect((await recentAudit(database.db)).some((a) => a.action === "template.import")).toBe(false);
  });

  it("a good Excel file becomes a new version after confirming, audited; the same file again changes nothing", async () => {
    const good = await workbook((wb) => {
      wb.getWorksheet("questions")!.getRow(7).getCell(3).value = "Số cán bộ, công chức được đào tạo kỹ năng số trong kỳ";
    });
    const doc = await sendFile(coordinator, "it-plan-2026.xlsx", good);
    // A preview first: the version it would become, each question by key and type, the changed one marked.
    const preview = h.api.textsTo(coordinator.id).at(-1)!;
    const lines = preview.split("\n");
    expect(lines[0]).toBe(h.deps.t("vi", "tpl-upload-preview-new-version", { title: "Tình hình thực hiện Kế hoạch ứng dụng CNTT", version: 2, current: 1 }));
    expect(lines).toContain(h.deps.t("vi", "tpl-upload-preview-questions", { count: 15 }));
    expect(lines.find((l) => l.startsWith("6. "))).toMatch(/^6\. staff_trained — số nguyên: Số cán bộ, công chức được đào tạo kỹ năng số t.*\(✎ có thay đổi\)$/);
    expect(lines.filter((l) => /^\d+\. /.test(l))).toHaveLength(15);
    expect(lines.filter((l) => l.includes("✎") || l.includes("＋"))).toHaveLength(1);
    expect(lines.at(-1)).toBe(h.deps.t("vi", "tpl-upload-preview-ask"));
    expect(buttons(coordinator.id).map((b) => b.callback_data)).toEqual(["tpl:imp:1", "tpl:no"]);
    expect((await currentTemplateVersion(database.db, "it-plan"))!.version).toBe(1);
    await pressUnderFile(coordinator, "tpl:imp:1", doc);
    expect(lastCall(coordinator.id).text).toContain("đã lưu phiên bản 2 (15 câu hỏi)");
    const current = (await currentTemplateVersion(database.db, "it-plan"))!;
    expect(current.version).toBe(2);
    expect(current.definition.questions[5]!.label.vi).toBe("Số cán bộ, công chức được đào tạo kỹ năng số trong kỳ");
    const audit = (await recentAudit(database.db)).find((a) => a.action === "template.import")!;
    expect(audit.target).toBe("template:it-plan");
    expect(audit.after).toMatchObject({ version: 2, file: "it-plan-2026.xlsx" });
    expect(audit.actorPersonId).not.toBeNull();
    // Pressed twice (or the same file sent again): no third version.
    await pressUnderFile(coordinator, "tpl:imp:1", doc);
    expect(lastCall(coordinator.id).text).toBe("Mẫu đã thay đổi trong lúc chờ; chưa nhập gì. Hãy gửi lại tệp.");
    await sendFile(coordinator, "again.xlsx", good);
    expect(h.api.textsTo(coordinator.id).at(-1)).toBe("«Tình hình thực hiện Kế hoạch ứng dụng CNTT» giống phiên bản 2; không có gì thay đổi.");
    expect((await listTemplateVersions(database.db, "it-plan"))!.length).toBe(2);
  });

  it("chooses the version that applies to the periods opened from now on; already opened periods keep theirs", async () => {
    const versions = (await listTemplateVersions(database.db, "it-plan"))!;
    const v1 = versions.find((v) => v.version === 1)!;
    const v2 = versions.find((v) => v.version === 2)!;
    // October was opened under version 1 and nobody has started a report: it may take version 2.
    await h.press(coordinator, "tpl:t:it-plan");
    expect(buttons(coordinator.id).find((b) => b.callback_data === `tpl:a:${v2.id}:${october}`)?.text).toBe("📅 tháng 10/2026: dùng v2");
    await h.press(coordinator, `tpl:a:${v2.id}:${october}`);
    expect(lastCall(coordinator.id).text).toContain("Kỳ đang mở nay dùng phiên bản 2");
    expect((await getPeriod(database.db, october))!.templateVersionId).toBe(v2.id);
    expect((await recentAudit(database.db)).find((a) => a.action === "template.period-version")).toMatchObject({ target: `period:${october}`, before: { version: 1 }, after: { version: 2 } });
    // Once a report is started there, the period keeps its version.
    const [agency] = await database.db.select({ id: agencies.id }).from(agencies).limit(1);
    await database.db.insert(submissions).values({ periodId: october, agencyId: agency!.id, templateVersionId: v2.id, status: "draft", createdAt: h.clock.now(), updatedAt: h.clock.now() });
    await h.press(coordinator, `tpl:a:${v1.id}:${october}`);
    expect(h.api.callsOf("answerCallbackQuery").at(-1)).toMatchObject({ text: "Đã có báo cáo được bắt đầu trong kỳ này; kỳ giữ phiên bản của mình.", show_alert: true });
    expect((await getPeriod(database.db, october))!.templateVersionId).toBe(v2.id);
    await h.press(coordinator, "tpl:t:it-plan");
    expect(buttons(coordinator.id).map((b) => b.callback_data)).toContain(`tpl:u:${v1.id}`);
    await h.press(coordinator, `tpl:u:${v1.id}`);
    expect(lastCall(coordinator.id).text).toContain("Phiên bản 1 nay áp dụng cho các kỳ mở từ bây giờ.");
    const audit = (await recentAudit(database.db)).find((a) => a.action === "template.version")!;
    expect(audit).toMatchObject({ target: "template:it-plan", before: { version: 2 }, after: { version: 1 } });
    const { period } = await openPeriod(database.db, { templateId: "it-plan", periodKey: "2026-11", now: h.clock.now() });
    expect(period.templateVersionId).toBe(v1.id);
    // A later import numbers after the highest version, not after the one that applies.
    const def = await loadTemplateFile("templates/it-plan.yaml");
    const r = await importTemplate(database.db, { ...def, title: { ...def.title, en: "IT plan (2027)" } }, h.clock.now());
    expect(r.version).toBe(3);
  });

  it("pages the version list beyond the newest ten, each page with its preview buttons", async () => {
    const def = await loadTemplateFile("templates/it-plan.yaml");
    for (let i = 0; i < 9; i++) await importTemplate(database.db, { ...def, title: { ...def.title, en: `IT plan (draft ${i})` } }, h.clock.now());
    const all = (await listTemplateVersions(database.db, "it-plan"))!;
    expect(all).toHaveLength(12);
    await h.press(coordinator, "tpl:t:it-plan");
    let shown = lastCall(coordinator.id);
    expect(shown.text).toContain(h.deps.t("vi", "tpl-versions-page", { page: 1, pages: 2, count: 12 }));
    expect(buttons(coordinator.id).filter((b) => b.callback_data?.startsWith("tpl:p:"))).toHaveLength(10);
    expect(buttons(coordinator.id).map((b) => b.callback_data)).toContain("tpl:v:it-plan:1");
    await h.press(coordinator, "tpl:v:it-plan:1");
    shown = lastCall(coordinator.id);
    expect(shown.text).toContain(h.deps.t("vi", "tpl-versions-page", { page: 2, pages: 2, count: 12 }));
    const oldest = all.find((v) => v.version === 1)!;
    expect(buttons(coordinator.id).map((b) => b.callback_data)).toEqual(expect.arrayContaining([`tpl:p:${oldest.id}:0`, "tpl:v:it-plan:0"]));
    expect(buttons(coordinator.id).filter((b) => b.callback_data?.startsWith("tpl:p:"))).toHaveLength(2);
  });

  it("a reporter can neither use /templates, nor its buttons, nor import a file", async () => {
    await h.send(reporter, "/templates");
    expect(h.api.textsTo(reporter.id).at(-1)).toBe(h.deps.t("vi", "access-denied"));
    await h.press(reporter, "tpl:t:it-plan");
    expect(h.api.callsOf("answerCallbackQuery").at(-1)).toMatchObject({ text: h.deps.t("vi", "access-denied"), show_alert: true });
    const versions = (await listTemplateVersions(database.db, "it-plan"))!.length;
    const doc = await sendFile(reporter, "it-plan.yaml", await readFile("templates/it-plan.yaml"));
    expect(h.api.textsTo(reporter.id).at(-1)).not.toContain("hợp lệ");
    await pressUnderFile(reporter, "tpl:imp:3", doc);
    expect(h.api.callsOf("answerCallbackQuery").at(-1)).toMatchObject({ text: h.deps.t("vi", "access-denied") });
    expect((await listTemplateVersions(database.db, "it-plan"))!.length).toBe(versions);
  });
});
