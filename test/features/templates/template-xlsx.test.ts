import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { loadTemplateFile, parseTemplateData, TemplateFileError } from "../../../src/features/templates/template-file.ts";
import { writeTemplateWorkbook } from "../../../src/features/templates/template-xlsx.ts";

async function problemsOf(p: Promise<unknown>): Promise<string[]> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(TemplateFileError);
  return (e as TemplateFileError).problems;
}

describe("templates in Excel", () => {
  it("the shipped it-plan.xlsx gives the same definition as it-plan.yaml", async () => {
    const fromYaml = await loadTemplateFile("templates/it-plan.yaml");
    const fromXlsx = await loadTemplateFile("templates/it-plan.xlsx");
    expect(fromXlsx).toEqual(fromYaml);
    // Conditions, rules and choices survive the one-row-per-question form.
    expect(fromXlsx.questions.find((q) => q.key === "behind_reason")?.when).toEqual({ key: "project_status", equals: "behind" });
    expect(fromXlsx.questions.find((q) => q.key === "budget_disbursed")?.rules).toEqual([{ lte: "budget_allocated", confirm: true }]);
  });

  it("the shipped it-plan.xlsx is what export-template writes from it-plan.yaml today", async () => {
    const written = await writeTemplateWorkbook(await loadTemplateFile("templates/it-plan.yaml"));
    const again = await parseTemplateData("x.xlsx", written);
    expect(again).toEqual(await loadTemplateFile("templates/it-plan.xlsx"));
  });

  it("lists every problem of a sheet with the row and question, and the schema's own", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile("templates/it-plan.xlsx")) as never);
    const q = wb.getWorksheet("questions")!;
    // Row 3 is leaders_use_system: a choice without its English label; row 2: a number that is not one.
    q.getRow(3).getCell(10).value = "yes=Có; no=Không|No";
    q.getRow(2).getCell(8).value = "many";
    q.getRow(1).getCell(14).value = "colour";
    const problems = await problemsOf(parseTemplateData("t.xlsx", Buffer.from(await wb.xlsx.writeBuffer())));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('unknown column "colour"'),
        expect.stringContaining('sheet "questions" row 3 (question "leaders_use_system"): choice "yes=Có"'),
        expect.stringMatching(/question "docs_electronic_pct" \(#1\): min: /),
      ]),
    );
  });

  it("names missing sheets and refuses a file that is not a workbook", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Sheet1");
    expect(await problemsOf(parseTemplateData("t.xlsx", Buffer.from(await wb.xlsx.writeBuffer())))).toEqual([
      expect.stringContaining('sheet "settings" is missing'),
      expect.stringContaining('sheet "questions" is missing'),
    ]);
    expect(await problemsOf(parseTemplateData("t.xlsx", Buffer.from("not a zip")))).toEqual([expect.stringContaining("not a readable Excel")]);
  });
});
