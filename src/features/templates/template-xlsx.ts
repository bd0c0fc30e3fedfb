import ExcelJS from "exceljs";
import { nearest } from "./nearest-name.ts";
import { NUMERIC_QUESTION_TYPES, type Question, type TemplateDefinition } from "./template-definition.ts";

/**
 * A template written in Excel, the way XLSForm lets data-collection teams write forms: one row per question.
 *
 * - sheet "settings": two columns, field and value (id, title_vi, title_en, cadence, agencies_mode, agencies_kinds,
 *   agencies_codes, deadline_kind, deadline_days, deadline_day, reminders_*, ranking_timeliness_weight);
 * - sheet "questions": key, type, label_vi, label_en, help_vi, help_en, required, min, max, choices, when, rules,
 *   aggregate, combine. choices: `yes=Có|Yes; no=Không|No`; when: `project_status = behind` or `kind in a, b`;
 *   rules: `<= dossiers_total`, `<= budget_allocated confirm`, several separated by `;`;
 * - sheet "derived" (optional): key, label_vi, label_en, numerator, denominator;
 * - sheet "ranking" (optional): key, weight, direction.
 *
 * The workbook becomes the same raw object a YAML file gives, and is validated by the same schema; problems of
 * the sheet itself (an unknown column, a choice without a label) are named by sheet, row and question.
 */

export const QUESTION_COLUMNS = [
  "key", "type", "label_vi", "label_en", "help_vi", "help_en", "required", "min", "max", "choices", "when", "rules", "aggregate", "combine",
] as const;
export const SETTINGS_FIELDS = [
  "id", "title_vi", "title_en", "cadence", "agencies_mode", "agencies_kinds", "agencies_codes", "deadline_kind", "deadline_days",
  "deadline_day", "reminders_before_working_days", "reminders_on_deadline", "reminders_overdue_daily",
  "reminders_escalate_after_working_days", "ranking_timeliness_weight",
] as const;
const DERIVED_COLUMNS = ["key", "label_vi", "label_en", "numerator", "denominator"] as const;
const RANKING_COLUMNS = ["key", "weight", "direction"] as const;

type Cell = string | number | boolean | undefined;

/** The plain value of a cell: rich text joined, a formula's result, a date as YYYY-MM-DD, blanks undefined. */
function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return undefined;
  if (typeof v === "string") return v.trim() === "" ? undefined : v.trim();
  if (typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    if ("richText" in v) return cellValue(v.richText.map((r) => r.text).join(""));
    if ("result" in v) return cellValue(v.result as ExcelJS.CellValue);
    if ("text" in v) return cellValue(String(v.text));
  }
  return String(v);
}

interface Row {
  /** The spreadsheet's row number, for messages. */
  line: number;
  cells: Map<string, Cell>;
}

/** Rows of a sheet with a header row, keyed by column name; empty rows dropped. */
function readTable(sheet: ExcelJS.Worksheet, columns: readonly string[], problems: string[]): Row[] {
  const header = new Map<number, string>();
  sheet.getRow(1).eachCell((cell, col) => {
    const name = String(cellValue(cell.value) ?? "").toLowerCase();
    if (!name) return;
    if (!columns.includes(name)) {
      const near = nearest(name, columns);
      problems.push(`sheet "${sheet.name}": unknown column "${name}"${near ? ` (did you mean "${near}"?)` : ""}; allowed: ${columns.join(", ")}`);
      return;
    }
    header.set(col, name);
  });
  const rows: Row[] = [];
  sheet.eachRow((row, line) => {
    if (line === 1) return;
    const cells = new Map<string, Cell>();
    row.eachCell((cell, col) => {
      const name = header.get(col);
      const v = cellValue(cell.value);
      if (name && v !== undefined) cells.set(name, v);
    });
    if (cells.size > 0) rows.push({ line, cells });
  });
  return rows;
}

function yesNo(v: Cell): boolean | Cell {
  if (typeof v === "boolean") return v;
  const s = String(v).toLowerCase();
  if (["yes", "y", "true", "1", "có", "x"].includes(s)) return true;
  if (["no", "n", "false", "0", "không"].includes(s)) return false;
  return v;
}

function numberOf(v: Cell): number | Cell {
  if (typeof v === "number") return v;
  const s = String(v).trim();
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : v;
}

const list = (v: Cell) => String(v).split(",").map((s) => s.trim()).filter(Boolean);

/** Reads an .xlsx template into the raw object a YAML template gives; sheet problems are added to `problems`. */
export async function readTemplateWorkbook(data: Buffer | ArrayBuffer, problems: string[]): Promise<Record<string, unknown> | undefined> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as never);
  } catch (e) {
    problems.push(`not a readable Excel (.xlsx) file: ${(e as Error).message.split("\n")[0]}`);
    return undefined;
  }
  const sheet = (name: string) => wb.worksheets.find((s) => s.name.trim().toLowerCase() === name);
  const settingsSheet = sheet("settings");
  const questionsSheet = sheet("questions");
  if (!settingsSheet) problems.push(`sheet "settings" is missing (fields: ${SETTINGS_FIELDS.join(", ")})`);
  if (!questionsSheet) problems.push(`sheet "questions" is missing (columns: ${QUESTION_COLUMNS.join(", ")})`);
  if (!settingsSheet || !questionsSheet) return undefined;

  // Settings: field in column A, value in column B.
  const settings = new Map<string, Cell>();
  settingsSheet.eachRow((row, line) => {
    const field = String(cellValue(row.getCell(1).value) ?? "").toLowerCase();
    const value = cellValue(row.getCell(2).value);
    if (!field || (line === 1 && field === "field")) return;
    if (!(SETTINGS_FIELDS as readonly string[]).includes(field)) {
      const near = nearest(field, SETTINGS_FIELDS);
      problems.push(`sheet "settings" row ${line}: unknown field "${field}"${near ? ` (did you mean "${near}"?)` : ""}`);
    } else if (value !== undefined) settings.set(field, value);
  });
  const s = (k: (typeof SETTINGS_FIELDS)[number]) => settings.get(k);
  const raw: Record<string, unknown> = {};
  if (s("id") !== undefined) raw.id = String(s("id"));
  raw.title = { vi: s("title_vi") === undefined ? undefined : String(s("title_vi")), en: s("title_en") === undefined ? undefined : String(s("title_en")) };
  if (s("cadence") !== undefined) raw.cadence = s("cadence");
  const mode = s("agencies_mode");
  if (mode !== undefined) {
    raw.agencies =
      mode === "kinds" ? { mode, kinds: s("agencies_kinds") === undefined ? [] : list(s("agencies_kinds")) }
      : mode === "list" ? { mode, codes: s("agencies_codes") === undefined ? [] : list(s("agencies_codes")) }
      : { mode };
  }
  const deadlineKind = s("deadline_kind");
  if (deadlineKind !== undefined)
    raw.deadline = deadlineKind === "fixed-day" ? { kind: deadlineKind, day: numberOf(s("deadline_day")) } : { kind: deadlineKind, days: numberOf(s("deadline_days")) };
  const reminders: Record<string, unknown> = {};
  if (s("reminders_before_working_days") !== undefined) reminders.beforeWorkingDays = list(s("reminders_before_working_days")).map((x) => numberOf(x));
  if (s("reminders_on_deadline") !== undefined) reminders.onDeadline = yesNo(s("reminders_on_deadline"));
  if (s("reminders_overdue_daily") !== undefined) reminders.overdueDaily = yesNo(s("reminders_overdue_daily"));
  if (s("reminders_escalate_after_working_days") !== undefined) reminders.escalateAfterWorkingDays = numberOf(s("reminders_escalate_after_working_days"));
  if (Object.keys(reminders).length) raw.reminders = reminders;

  // Questions.
  const types = new Map<string, string>();
  const questions: Record<string, unknown>[] = [];
  for (const row of readTable(questionsSheet, QUESTION_COLUMNS, problems)) {
    const c = (k: (typeof QUESTION_COLUMNS)[number]) => row.cells.get(k);
    const key = c("key") === undefined ? undefined : String(c("key"));
    const where = `sheet "questions" row ${row.line}${key ? ` (question "${key}")` : ""}`;
    const q: Record<string, unknown> = { key, type: c("type"), label: { vi: c("label_vi") === undefined ? undefined : String(c("label_vi")), en: c("label_en") === undefined ? undefined : String(c("label_en")) } };
    if (c("help_vi") !== undefined || c("help_en") !== undefined)
      q.help = { vi: c("help_vi") === undefined ? undefined : String(c("help_vi")), en: c("help_en") === undefined ? undefined : String(c("help_en")) };
    if (c("required") !== undefined) q.required = yesNo(c("required"));
    if (c("min") !== undefined) q.min = numberOf(c("min"));
    if (c("max") !== undefined) q.max = numberOf(c("max"));
    if (c("choices") !== undefined) {
      q.choices = String(c("choices")).split(";").map((part) => part.trim()).filter(Boolean).map((part) => {
        const m = /^([^=]+)=([^|]*)\|(.*)$/.exec(part);
        if (!m) {
          problems.push(`${where}: choice "${part}" should be value=label in Vietnamese|label in English, e.g. yes=Có|Yes`);
          // Read as well as it can be, so that the schema does not report the same choice a second time.
          const [value = part, rest] = part.split("=").map((x) => x.trim());
          const label = (rest ?? "").split("|")[0]!.trim() || value;
          return { value, label: { vi: label, en: label } };
        }
        return { value: m[1]!.trim(), label: { vi: m[2]!.trim(), en: m[3]!.trim() } };
      });
    }
    if (c("when") !== undefined) {
      const text = String(c("when"));
      const m = /^\s*([a-z0-9_]+)\s*(=|in)\s*(.+?)\s*$/i.exec(text);
      if (!m) problems.push(`${where}: condition "${text}" should be "question = value" or "question in value1, value2"`);
      else {
        const targetType = types.get(m[1]!) as Question["type"] | undefined;
        const targetNumeric = targetType !== undefined && NUMERIC_QUESTION_TYPES.has(targetType);
        const value = (v: string) => (targetNumeric ? numberOf(v) : targetType === "yes-no" && (v === "true" || v === "false") ? v === "true" : v);
        q.when = m[2] === "=" ? { key: m[1], equals: value(m[3]!) } : { key: m[1], in: list(m[3]!).map(value) };
      }
    }
    if (c("rules") !== undefined) {
      q.rules = String(c("rules")).split(";").map((r) => r.trim()).filter(Boolean).map((r) => {
        const m = /^(<=|≤)\s*([a-z0-9_]+)\s*(confirm)?$/i.exec(r);
        if (!m) {
          problems.push(`${where}: rule "${r}" should be "<= other_question" or "<= other_question confirm"`);
          return { lte: r };
        }
        return { lte: m[2], confirm: Boolean(m[3]) };
      });
    }
    if (c("aggregate") !== undefined) q.aggregate = c("aggregate");
    if (c("combine") !== undefined) q.combine = c("combine");
    if (key && typeof c("type") === "string") types.set(key, String(c("type")));
    questions.push(q);
  }
  raw.questions = questions;

  const derivedSheet = sheet("derived");
  if (derivedSheet)
    raw.derived = readTable(derivedSheet, DERIVED_COLUMNS, problems).map((row) => {
      const c = (k: (typeof DERIVED_COLUMNS)[number]) => (row.cells.get(k) === undefined ? undefined : String(row.cells.get(k)));
      return { key: c("key"), label: { vi: c("label_vi"), en: c("label_en") }, numerator: c("numerator"), denominator: c("denominator") };
    });
  const rankingSheet = sheet("ranking");
  const weight = s("ranking_timeliness_weight");
  if (rankingSheet || weight !== undefined) {
    const ranking: Record<string, unknown> = {};
    if (weight !== undefined) ranking.timelinessWeight = numberOf(weight);
    if (rankingSheet)
      ranking.indicators = readTable(rankingSheet, RANKING_COLUMNS, problems).map((row) => ({
        key: row.cells.get("key") === undefined ? undefined : String(row.cells.get("key")),
        weight: numberOf(row.cells.get("weight")),
        ...(row.cells.get("direction") !== undefined ? { direction: row.cells.get("direction") } : {}),
      }));
    raw.ranking = ranking;
  }
  return raw;
}

/** A choice list in one cell; a label with ";" or "|" could not be read back, so it is refused. */
function choicesCell(q: Question): string | undefined {
  if (!q.choices) return undefined;
  return q.choices
    .map((c) => {
      for (const l of [c.label.vi, c.label.en])
        if (/[;|]/.test(l)) throw new Error(`question "${q.key}": choice label "${l}" contains ";" or "|", which the Excel form cannot hold`);
      return `${c.value}=${c.label.vi}|${c.label.en}`;
    })
    .join("; ");
}

/** The workbook of a definition; reading it back gives the same definition. */
export async function writeTemplateWorkbook(def: TemplateDefinition): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  // Fixed dates: the same definition gives the same file.
  wb.created = wb.modified = new Date(Date.UTC(2025, 0, 1));
  wb.creator = "itbot export-template";
  const settings = wb.addWorksheet("settings");
  settings.columns = [{ header: "field", width: 38 }, { header: "value", width: 60 }];
  const yn = (b: boolean) => (b ? "yes" : "no");
  const rows: Array<[string, string | number]> = [
    ["id", def.id], ["title_vi", def.title.vi], ["title_en", def.title.en], ["cadence", def.cadence], ["agencies_mode", def.agencies.mode],
  ];
  if (def.agencies.mode === "kinds") rows.push(["agencies_kinds", def.agencies.kinds.join(", ")]);
  if (def.agencies.mode === "list") rows.push(["agencies_codes", def.agencies.codes.join(", ")]);
  rows.push(["deadline_kind", def.deadline.kind]);
  rows.push(def.deadline.kind === "fixed-day" ? ["deadline_day", def.deadline.day] : ["deadline_days", def.deadline.days]);
  rows.push(
    ["reminders_before_working_days", def.reminders.beforeWorkingDays.join(", ")],
    ["reminders_on_deadline", yn(def.reminders.onDeadline)],
    ["reminders_overdue_daily", yn(def.reminders.overdueDaily)],
    ["reminders_escalate_after_working_days", def.reminders.escalateAfterWorkingDays],
    ["ranking_timeliness_weight", def.ranking.timelinessWeight],
  );
  for (const r of rows) settings.addRow(r);

  const questions = wb.addWorksheet("questions");
  questions.columns = QUESTION_COLUMNS.map((header) => ({ header, width: header.startsWith("label") || header.startsWith("help") || header === "choices" ? 50 : 14 }));
  for (const q of def.questions) {
    const when = q.when ? (q.when.in !== undefined ? `${q.when.key} in ${q.when.in.join(", ")}` : `${q.when.key} = ${String(q.when.equals)}`) : undefined;
    questions.addRow([
      q.key, q.type, q.label.vi, q.label.en, q.help?.vi, q.help?.en, yn(q.required), q.min, q.max, choicesCell(q), when,
      q.rules.length ? q.rules.map((r) => `<= ${r.lte}${r.confirm ? " confirm" : ""}`).join("; ") : undefined, q.aggregate, q.combine,
    ]);
  }
  const derived = wb.addWorksheet("derived");
  derived.columns = DERIVED_COLUMNS.map((header) => ({ header, width: header.startsWith("label") ? 50 : 24 }));
  for (const d of def.derived) derived.addRow([d.key, d.label.vi, d.label.en, d.numerator, d.denominator]);
  const ranking = wb.addWorksheet("ranking");
  ranking.columns = RANKING_COLUMNS.map((header) => ({ header, width: 28 }));
  for (const r of def.ranking.indicators) ranking.addRow([r.key, r.weight, r.direction]);
  for (const sh of wb.worksheets) sh.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
