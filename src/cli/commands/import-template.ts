import { recordAudit } from "../../audit/audit.repository.ts";
import { loadKindCatalogue } from "../../features/agencies/agency-kinds.repository.ts";
import { loadTemplateFile, TemplateFileError } from "../../features/templates/template-file.ts";
import { importTemplate } from "../../features/templates/templates.repository.ts";
import { CliUsageError, expectPositionals, parseFlags, type CliCommand } from "../cli-command.ts";

export const importTemplateCommand: CliCommand = {
  name: "import-template",
  async run(args, ctx) {
    const { positional } = parseFlags(args, []);
    expectPositionals(positional, 1);
    const file = positional[0];
    if (!file) throw new CliUsageError("cli-template-file-required");
    let def;
    try {
      def = await loadTemplateFile(file);
    } catch (e) {
      // The problems name the file, the question and what is wrong (as the validator words them); nothing was stored.
      if (e instanceof TemplateFileError)
        throw new Error([ctx.t(ctx.config.DEFAULT_LOCALE, "cli-template-invalid", { file: e.file }), ...e.problems.map((p) => `  - ${p}`)].join("\n"));
      throw e;
    }
    // Agencies are selected by the kinds this province has (stored, well-known, or used by agencies).
    const kindProblems = (await loadKindCatalogue(ctx.database.db)).unknownKindProblems(def.agencies);
    if (kindProblems.length > 0) throw new Error(kindProblems.map((p) => `${file}: ${p}`).join("\n"));
    const now = ctx.clock.now();
    const r = await importTemplate(ctx.database.db, def, now);
    if (r.created)
      await recordAudit(ctx.database.db, { actorLabel: "cli", action: "template.import", target: `template:${r.templateId}`, after: { version: r.version }, at: now });
    const locale = ctx.config.DEFAULT_LOCALE;
    ctx.out(
      r.created
        ? ctx.t(locale, "cli-template-stored", { template: r.templateId, version: r.version, questions: def.questions.length, cadence: ctx.t(locale, `cli-cadence-${def.cadence}`) })
        : ctx.t(locale, "cli-template-unchanged", { template: r.templateId, version: r.version }),
    );
  },
};
