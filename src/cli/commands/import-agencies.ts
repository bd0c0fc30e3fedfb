import { readFile } from "node:fs/promises";
import { applyAgencyImport, listAgencies } from "../../features/agencies/agencies.repository.ts";
import { decodeUtf8, planAgencyImport } from "../../features/agencies/agency-import.ts";
import { loadKindCatalogue } from "../../features/agencies/agency-kinds.repository.ts";
import { CliUsageError, parseFlags, type CliCommand } from "../cli-command.ts";

/** Thrown when the file has problems; the lines have already been printed. */
export class ImportRejected extends Error {}

export const importAgenciesCommand: CliCommand = {
  name: "import-agencies",
  async run(args, ctx) {
    const [file, ...rest] = parseFlags(args, []).positional;
    if (!file || rest.length > 0) throw new CliUsageError("cli-one-csv-file");
    const locale = ctx.config.DEFAULT_LOCALE;
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (err) {
      throw new Error(ctx.t(locale, "admin-cli-file-unreadable", { file, reason: (err as Error).message }));
    }
    // Excel's plain "CSV" is in the Windows code page: refuse it rather than store names full of U+FFFD.
    const text = decodeUtf8(bytes);
    if (text === null) {
      ctx.out(ctx.t(locale, "admin-cli-file-not-utf8", { file }));
      throw new ImportRejected(ctx.t(locale, "admin-cli-import-failed", { count: 1 }));
    }
    const db = ctx.database.db;
    const existing = await listAgencies(db);
    const codeOf = new Map(existing.map((a) => [a.id, a.code]));
    const plan = planAgencyImport(
      text,
      existing.map((a) => ({ code: a.code, parentCode: a.parentId === null ? null : (codeOf.get(a.parentId) ?? null) })),
      (await loadKindCatalogue(db)).list().map((k) => k.code),
    );
    if (!plan.ok) {
      for (const p of plan.problems) {
        const message = ctx.t(locale, `admin-cli-problem-${p.problem}`, { detail: p.detail, first: p.firstLine ?? "", values: p.values ?? "", columns: p.columns ?? "", max: p.max ?? "" });
        ctx.out(ctx.t(locale, "admin-cli-problem-line", { line: p.line, message }));
      }
      throw new ImportRejected(ctx.t(locale, "admin-cli-import-failed", { count: plan.problems.length }));
    }
    const outcome = await applyAgencyImport(db, plan.rows, { actorLabel: "cli", at: ctx.clock.now() }, plan.kinds);
    ctx.out(ctx.t(locale, "admin-cli-import-done", { file, ...outcome }));
    if (outcome.kinds > 0) ctx.out(ctx.t(locale, "admin-cli-import-kinds", { count: outcome.kinds }));
  },
};
