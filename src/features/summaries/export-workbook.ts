import ExcelJS from "exceljs";
import { formatVnDate, localDateTime } from "../../time/calendar-date.ts";
import type { Question } from "../templates/template-definition.ts";
import { answerText } from "./answer-text.ts";
import type { ExportRow, MergedHistoryRow } from "./export-data.ts";
import { indicatorsOf } from "./indicators.ts";
import { KindCatalogue } from "../agencies/agency-kinds.ts";
import { kindLabel, type T } from "./number-format.ts";
import { periodLabel, inLocale } from "../../format/period-label.ts";
import type { PeriodSummary } from "./period-summary.ts";
import type { ScopeLabel } from "./scope-label.ts";
import { choiceLabel, flagText } from "./summary-format.ts";
import type { PeriodRow } from "./summaries.repository.ts";

const MONEY_FORMAT = '#,##0 "₫"';
const PERCENT_FORMAT = "0.0%";
const INTEGER_FORMAT = "#,##0";
const DECIMAL_FORMAT = "#,##0.00";

/** The submissions sheet: a row per agency with its parent, status and a column per question and share. */
function fillSubmissions(ws: ExcelJS.Worksheet, period: PeriodRow, rows: readonly ExportRow[], o: SheetOptions, forCsv: boolean) {
  const { locale, t } = o;
  const def = period.definition;
  const questions = def.questions;
  const shares = indicatorsOf(def).filter((i) => i.aggregate === "share");
  const columns: Partial<ExcelJS.Column>[] = [
    { header: t("summaries-col-no"), key: "no", width: 6 },
    { header: t("summaries-col-code"), key: "code", width: 16 },
    { header: t("summaries-col-agency"), key: "agency", width: 40 },
    { header: t("summaries-col-kind"), key: "kind", width: 16 },
    { header: t("summaries-col-parent"), key: "parent", width: 30 },
    { header: t("summaries-col-status"), key: "status", width: 14 },
    { header: t("summaries-col-submitted-at"), key: "submittedAt", width: 18 },
    ...questions.map((q) => ({ header: inLocale(q.label, locale), key: `q_${q.key}`, width: columnWidth(q) })),
    ...shares.map((s) => ({ header: inLocale(s.label, locale), key: `d_${s.key}`, width: 16 })),
  ];
  ws.columns = forCsv ? columns.map((c) => ({ ...c, header: csvSafe(c.header) as string })) : columns;
  rows.forEach((r, i) => {
    const values: Record<string, unknown> = {
      no: i + 1,
      code: r.agency.code,
      agency: r.agency.name,
      kind: kindLabel(r.agency.kind, t, o.kinds ?? new KindCatalogue([]), locale),
      parent: r.parent?.name ?? "",
      status: t(`summaries-status-${r.status}`),
      submittedAt: r.submittedAt ? localTime(r.submittedAt, o.timeZone, forCsv) : "",
    };
    for (const q of questions) values[`q_${q.key}`] = cellValue(q, r.answers.get(q.key), locale, t, forCsv);
    for (const s of shares) {
      const n = r.answers.get(s.numerator!)?.numValue;
      const d = r.answers.get(s.denominator!)?.numValue;
      values[`d_${s.key}`] = n != null && d != null && d > 0 ? (forCsv ? round((100 * n) / d, 2) : n / d) : "";
    }
    if (forCsv) for (const k of Object.keys(values)) values[k] = csvSafe(values[k]);
    ws.addRow(values);
  });
  if (forCsv) return;
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).alignment = { wrapText: true, vertical: "top" };
  ws.views = [{ state: "frozen", xSplit: 3, ySplit: 1 }];
  ws.getColumn("submittedAt").numFmt = "dd/mm/yyyy hh:mm";
  for (const q of questions) {
    const fmt = q.type === "money" ? MONEY_FORMAT : q.type === "percent" ? PERCENT_FORMAT : q.type === "integer" ? INTEGER_FORMAT : q.type === "decimal" ? DECIMAL_FORMAT : undefined;
    if (fmt) ws.getColumn(`q_${q.key}`).numFmt = fmt;
  }
  for (const s of shares) ws.getColumn(`d_${s.key}`).numFmt = PERCENT_FORMAT;
}

/**
 * A CSV text field that starts with =, +, -, @, a tab or a carriage return is taken by Excel and LibreOffice
 * for a formula ("CSV injection": a reporter's dash list shows #NAME?, a crafted =HYPERLINK(…) leaks cells).
 * Such a field gets a leading apostrophe, as OWASP recommends; numbers stay numbers.
 */
export function csvSafe(value: unknown): unknown {
  return typeof value === "string" && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function columnWidth(q: Question): number {
  return q.type === "long-text" ? 50 : q.type === "short-text" ? 30 : 18;
}

export interface SheetOptions {
  locale: string;
  t: T;
  /** REPORT_TIMEZONE: spreadsheets have no time zones, so times are written as local wall-clock time. */
  timeZone: string;
  /** The names of the agency kinds (the well-known ones by their locale names without it). */
  kinds?: KindCatalogue;
  /** What the figures cover: "Toàn tỉnh" only for a province-wide viewer. */
  scope?: ScopeLabel;
}

function localTime(at: Date, timeZone: string, asText: boolean): Date | string {
  const { date, minutes } = localDateTime(at, timeZone);
  const hh = String(Math.floor(minutes / 60)).padStart(2, "0");
  const mm = String(minutes % 60).padStart(2, "0");
  return asText ? `${formatVnDate(date)} ${hh}:${mm}` : new Date(`${date}T${hh}:${mm}:00Z`);
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Numbers stay numbers; percentages become fractions with a % format (in CSV they stay 0–100). */
function cellValue(q: Question, a: { value: unknown; numValue: number | null } | undefined, locale: string, t: T, forCsv: boolean): unknown {
  if (!a || a.value === null || a.value === undefined) return "";
  if (q.type === "percent" && typeof a.value === "number") return forCsv ? a.value : a.value / 100;
  if ((q.type === "integer" || q.type === "decimal" || q.type === "money") && typeof a.value === "number") return a.value;
  return answerText(q, a.value, locale, t);
}

/** The aggregates sheet: completion per kind, then each indicator per kind with the previous period. */
function fillAggregates(ws: ExcelJS.Worksheet, s: PeriodSummary, locale: string, t: T, scope?: ScopeLabel) {
  const kinds = [...new Set(s.completion.filter((c) => c.kind !== null).map((c) => c.kind!))];
  ws.columns = [
    { header: t("summaries-col-indicator"), key: "indicator", width: 50 },
    { header: t("summaries-col-aggregate"), key: "aggregate", width: 14 },
    ...kinds.map((k) => ({ header: kindLabel(k, t, s.kinds, locale), key: `k_${k}`, width: 18 })),
    { header: scope?.text ?? t("summaries-kind-all"), key: "total", width: 18 },
    { header: s.previous ? periodLabel(s.previous.periodKey, t) : t("summaries-col-previous"), key: "previous", width: 18 },
  ];
  ws.getRow(1).font = { bold: true };
  const completion = (what: "required" | "onTime" | "late" | "missing") => {
    const row: Record<string, unknown> = { indicator: t(`summaries-col-completion-${what}`), aggregate: t("summaries-aggregate-count") };
    for (const c of s.completion) row[c.kind === null ? "total" : `k_${c.kind}`] = c[what];
    ws.addRow(row);
  };
  completion("required");
  completion("onTime");
  completion("late");
  completion("missing");
  for (const ind of s.indicators) {
    const row: Record<string, unknown> = {
      indicator: inLocale(ind.question.label, locale),
      aggregate: t(`summaries-aggregate-${ind.aggregate}`),
      total: ind.figure.total ?? "",
      previous: ind.figure.previousTotal ?? "",
    };
    for (const k of ind.figure.byKind) row[`k_${k.kind}`] = k.value;
    const added = ws.addRow(row);
    const fmt = ind.question.type === "money" ? MONEY_FORMAT : ind.aggregate === "avg" || ind.question.type === "decimal" ? DECIMAL_FORMAT : INTEGER_FORMAT;
    added.eachCell((cell, col) => {
      if (col > 2 && typeof cell.value === "number") {
        if (ind.question.type === "percent") cell.value = cell.value / 100;
        cell.numFmt = ind.question.type === "percent" ? PERCENT_FORMAT : fmt;
      }
    });
  }
  for (const d of s.derived) {
    const row: Record<string, unknown> = {
      indicator: inLocale(d.label, locale),
      aggregate: t("summaries-aggregate-share"),
      total: d.figure.total !== undefined ? d.figure.total / 100 : "",
      previous: d.figure.previousTotal !== undefined ? d.figure.previousTotal / 100 : "",
    };
    for (const k of d.figure.byKind) row[`k_${k.kind}`] = k.value / 100;
    ws.addRow(row).eachCell((cell, col) => {
      if (col > 2) cell.numFmt = PERCENT_FORMAT;
    });
  }
  for (const c of s.choices) {
    for (const opt of c.counts) {
      const row: Record<string, unknown> = {
        indicator: `${inLocale(c.question.label, locale)}: ${choiceLabel(c.question, opt.choice, locale)}`,
        aggregate: t("summaries-aggregate-count"),
        total: opt.total,
      };
      for (const k of opt.byKind) row[`k_${k.kind}`] = k.count;
      ws.addRow(row);
    }
  }
}

/** Every data-quality flag (the chat reply lists the first few). */
function fillFlags(ws: ExcelJS.Worksheet, s: PeriodSummary, locale: string, t: T) {
  ws.columns = [
    { header: t("summaries-col-no"), key: "no", width: 6 },
    { header: t("summaries-col-code"), key: "code", width: 16 },
    { header: t("summaries-col-agency"), key: "agency", width: 40 },
    { header: t("summaries-col-flag"), key: "flag", width: 100 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const [i, f] of s.flags.entries())
    ws.addRow({ no: i + 1, code: f.agency.code, agency: f.agency.name, flag: flagText(f, s.period.definition, locale, t) });
}

/** What merged agencies filed, under the agency that carries their history now ("gồm số liệu của …"). */
function fillMergedHistory(ws: ExcelJS.Worksheet, period: PeriodRow, rows: readonly MergedHistoryRow[], locale: string, t: T) {
  const numeric = period.definition.questions.filter((q) => ["integer", "decimal", "percent", "money"].includes(q.type));
  ws.columns = [
    { header: t("summaries-merged-successor"), key: "successor", width: 36 },
    { header: t("summaries-merged-predecessor"), key: "predecessor", width: 36 },
    { header: t("summaries-merged-effective"), key: "effective", width: 12 },
    { header: t("summaries-col-period"), key: "period", width: 16 },
    { header: t("summaries-col-status"), key: "status", width: 14 },
    ...numeric.map((q) => ({ header: inLocale(q.label, locale), key: `q_${q.key}`, width: columnWidth(q) })),
  ];
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).alignment = { wrapText: true, vertical: "top" };
  for (const r of rows) {
    const values: Record<string, unknown> = {
      successor: `${r.successor.name} (${t("summaries-includes-history", { agencies: r.predecessor.name })})`,
      predecessor: r.predecessor.name,
      effective: r.predecessor.endsOn ? formatVnDate(r.predecessor.endsOn) : "",
      period: periodLabel(r.period.periodKey, t),
      status: t(`summaries-status-${r.status}`),
    };
    for (const q of numeric) values[`q_${q.key}`] = r.values.get(q.key) ?? "";
    ws.addRow(values);
  }
}

export async function buildXlsx(
  period: PeriodRow,
  rows: readonly ExportRow[],
  summary: PeriodSummary,
  o: SheetOptions,
  now: Date,
  merged: readonly MergedHistoryRow[] = [],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "IT-plan report bot";
  wb.created = now;
  fillSubmissions(wb.addWorksheet(o.t("summaries-sheet-submissions")), period, rows, o, false);
  fillAggregates(wb.addWorksheet(o.t("summaries-sheet-aggregates")), summary, o.locale, o.t, o.scope);
  fillFlags(wb.addWorksheet(o.t("summaries-sheet-flags")), summary, o.locale, o.t);
  if (merged.length > 0) fillMergedHistory(wb.addWorksheet(o.t("summaries-sheet-merged")), period, merged, o.locale, o.t);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The submissions sheet as CSV (UTF-8 with a BOM so spreadsheet programs read the diacritics). */
export async function buildCsv(period: PeriodRow, rows: readonly ExportRow[], o: SheetOptions): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("data");
  fillSubmissions(ws, period, rows, o, true);
  return Buffer.from(await wb.csv.writeBuffer({ formatterOptions: { writeBOM: true } }));
}
