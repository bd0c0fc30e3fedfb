import type { BotDeps } from "../../bot/context.ts";
import { loadKindCatalogue } from "../agencies/agency-kinds.repository.ts";
import { loadExportRows, loadMergedHistory } from "../summaries/export-data.ts";
import { buildPeriodSummary } from "../summaries/period-summary.ts";
import type { PeriodRow } from "../summaries/summaries.repository.ts";
import type { LeaderView } from "./leader-view.ts";

export type ExportFormat = "xlsx" | "csv" | "docx";
export const EXPORT_FORMATS: ReadonlySet<string> = new Set<ExportFormat>(["xlsx", "csv", "docx"]);

const TYPES: Record<ExportFormat, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

/** The same files /export sends in chat, built by the same code, for the viewer's scope. */
export async function exportFile(deps: Pick<BotDeps, "db" | "config" | "clock">, v: LeaderView, period: PeriodRow, format: ExportFormat) {
  const db = deps.db;
  const base = `${period.templateId}-${period.periodKey}`;
  const options = { locale: v.locale, t: v.t, timeZone: deps.config.REPORT_TIMEZONE, kinds: await loadKindCatalogue(db) };
  if (format === "csv") {
    const { buildCsv } = await import("../summaries/export-workbook.ts");
    return { body: await buildCsv(period, await loadExportRows(db, period, v.agencies, v.visibility), options), type: TYPES.csv, name: `${base}.csv` };
  }
  const summary = await buildPeriodSummary(db, period, v.agencies, v.visibility);
  if (format === "xlsx") {
    const { buildXlsx } = await import("../summaries/export-workbook.ts");
    const rows = await loadExportRows(db, period, v.agencies, v.visibility);
    const merged = await loadMergedHistory(db, period, v.agencies, v.visibility);
    return { body: await buildXlsx(period, rows, summary, { ...options, kinds: summary.kinds }, deps.clock.now(), merged), type: TYPES.xlsx, name: `${base}.xlsx` };
  }
  const { buildDocx } = await import("../summaries/export-docx.ts");
  return { body: await buildDocx(summary, { locale: v.locale, t: v.t }), type: TYPES.docx, name: `${base}-bao-cao.docx` };
}
