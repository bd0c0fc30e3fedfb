import { recordAudit } from "../../features/admin/audit.repository.ts";
import { loadKindCatalogue } from "../../features/agencies/agency-kinds.repository.ts";
import { loadTemplateFile, TemplateFileError } from "../../features/templates/template-file.ts";
import { importTemplate } from "../../features/templates/templates.repository.ts";
import { CliUsageError, expectPositionals, parseFlags, type CliCommand } from "../cli-command.ts";

export const importTemplateCommand: CliCommand = {
  name: "import-template",
  usage: "import-template FILE.yaml|FILE.json",
  summary: "Validates a report template and stores it; a changed definition becomes a new version. A bad file changes nothing.",
  async run(args, ctx) {
    const { positional } = parseFlags(args, []);
    expectPositionals(positional, 1);
    const file = positional[0];
    if (!file) throw new CliUsageError("expected the template file");
    let def;
    try {
      def = await loadTemplateFile(file);
    } catch (e) {
      // The message names the file, the question and what is wrong; nothing was stored.
      if (e instanceof TemplateFileError) throw new Error(e.message);
      throw e;
    }
    // Agencies are selected by the kinds this province has (stored, well-known, or used by agencies).
    const kindProblems = (await loadKindCatalogue(ctx.database.db)).unknownKindProblems(def.agencies);
    if (kindProblems.length > 0) throw new Error(kindProblems.map((p) => `${file}: ${p}`).join("\n"));
    const now = ctx.clock.now();
    const r = await importTemplate(ctx.database.db, def, now);
    if (r.created)
      await recordAudit(ctx.database.db, { actorLabel: "cli", action: "template.import", target: `template:${r.templateId}`, after: { version: r.version }, at: now });
    ctx.out(
      r.created
        ? `template ${r.templateId}: version ${r.version} stored (${def.questions.length} questions, cadence ${def.cadence})`
        : `template ${r.templateId}: unchanged, still version ${r.version}`,
    );
  },
};
