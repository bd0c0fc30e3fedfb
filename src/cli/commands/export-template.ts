import { writeFile } from "node:fs/promises";
import { loadTemplateFile, TemplateFileError } from "../../features/templates/template-file.ts";
import { CliUsageError, expectPositionals, parseFlags, type CliCommand } from "../cli-command.ts";

/**
 * `export-template <template.yaml> <template.xlsx>`: writes a template as the Excel workbook coordinators edit
 * (one row per question); reading the workbook back gives the same definition. Nothing is stored.
 */
export const exportTemplateCommand: CliCommand = {
  name: "export-template",
  async run(args, ctx) {
    const { positional } = parseFlags(args, []);
    expectPositionals(positional, 2);
    const [from, to] = positional;
    if (!from || !to) throw new CliUsageError("cli-template-file-required");
    if (!to.toLowerCase().endsWith(".xlsx")) throw new CliUsageError("cli-export-template-xlsx");
    let def;
    try {
      def = await loadTemplateFile(from);
    } catch (e) {
      if (e instanceof TemplateFileError)
        throw new Error([ctx.t(ctx.config.DEFAULT_LOCALE, "cli-template-invalid", { file: e.file }), ...e.problems.map((p) => `  - ${p}`)].join("\n"));
      throw e;
    }
    const { writeTemplateWorkbook } = await import("../../features/templates/template-xlsx.ts");
    await writeFile(to, await writeTemplateWorkbook(def));
    ctx.out(ctx.t(ctx.config.DEFAULT_LOCALE, "cli-template-exported", { file: to, questions: def.questions.length }));
  },
};
