import { parse } from "csv-parse/sync";
import { AGENCY_KINDS, type AgencyKind } from "./agencies.table.ts";

/** One agency row of an import file, with the line it came from. */
export interface ImportRow {
  line: number;
  code: string;
  name: string;
  kind: AgencyKind;
  parentCode: string | null;
}

export type ImportProblemKind =
  | "csv-syntax"
  | "missing-header"
  | "missing-column"
  | "empty-field"
  | "bad-code"
  | "unknown-kind"
  | "duplicate-code"
  | "unknown-parent"
  | "cycle";

/** What is wrong and where; `detail` is the offending value, `firstLine` the earlier row of a duplicate. */
export interface ImportProblem {
  line: number;
  problem: ImportProblemKind;
  detail: string;
  firstLine?: number;
}

export type ImportPlan = { ok: true; rows: ImportRow[] } | { ok: false; problems: ImportProblem[] };

export const REQUIRED_COLUMNS = ["code", "name", "kind", "parent_code"] as const;
/** Codes are typed in chat and shown in lists: no spaces, at most 32 characters (dots allowed, as in official codes). */
export const AGENCY_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;
const MAX_PROBLEMS = 20;

/**
 * Checks a whole CSV file against the agencies already stored (code → parent code), so that nothing is
 * imported unless every row is good. Parents may come after their children in the file.
 */
export function planAgencyImport(csvText: string, existing: { code: string; parentCode: string | null }[]): ImportPlan {
  let records: { info: { lines: number }; record: string[] }[];
  try {
    records = parse(csvText, { info: true, relax_column_count: true, skip_empty_lines: true, bom: true, trim: true }) as unknown as typeof records;
  } catch (err) {
    const e = err as { lines?: number; message?: string };
    return { ok: false, problems: [{ line: e.lines ?? 1, problem: "csv-syntax", detail: String(e.message ?? err) }] };
  }
  if (records.length === 0) return { ok: false, problems: [{ line: 1, problem: "missing-header", detail: REQUIRED_COLUMNS.join(",") }] };

  const header = records[0]!.record.map((h) => h.trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) return { ok: false, problems: [{ line: 1, problem: "missing-header", detail: missing.join(",") }] };
  const col = Object.fromEntries(REQUIRED_COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<(typeof REQUIRED_COLUMNS)[number], number>;

  const problems: ImportProblem[] = [];
  const rows: ImportRow[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { info, record } of records.slice(1)) {
    // info.lines is where the record ends; a quoted field may span lines.
    const line = info.lines - record.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0);
    if (record.length < header.length) {
      problems.push({ line, problem: "missing-column", detail: `${record.length}/${header.length}` });
      continue;
    }
    const code = record[col.code]!;
    const name = record[col.name]!;
    const kind = record[col.kind]!.toLowerCase();
    const parentCode = record[col.parent_code]! || null;
    const empty = (["code", "name", "kind"] as const).filter((c) => !record[col[c]]);
    if (empty.length > 0) {
      problems.push({ line, problem: "empty-field", detail: empty.join(",") });
      continue;
    }
    if (!AGENCY_CODE_PATTERN.test(code)) {
      problems.push({ line, problem: "bad-code", detail: code });
      continue;
    }
    if (!(AGENCY_KINDS as readonly string[]).includes(kind)) {
      problems.push({ line, problem: "unknown-kind", detail: kind });
      continue;
    }
    const first = firstLineOf.get(code);
    if (first !== undefined) {
      problems.push({ line, problem: "duplicate-code", detail: code, firstLine: first });
      continue;
    }
    firstLineOf.set(code, line);
    rows.push({ line, code, name, kind: kind as AgencyKind, parentCode });
  }

  const parentOf = new Map<string, string | null>(existing.map((e) => [e.code, e.parentCode]));
  for (const r of rows) parentOf.set(r.code, r.parentCode);
  for (const r of rows) {
    if (r.parentCode !== null && !parentOf.has(r.parentCode))
      problems.push({ line: r.line, problem: "unknown-parent", detail: r.parentCode });
  }
  // A cycle can only go through rows of the file: the stored hierarchy has none.
  const reported = new Set<string>();
  for (const r of rows) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let cur: string | null = r.code;
    while (cur !== null && parentOf.has(cur) && !onPath.has(cur)) {
      onPath.add(cur);
      path.push(cur);
      cur = parentOf.get(cur) ?? null;
    }
    if (cur !== null && onPath.has(cur) && cur === r.code && !reported.has(r.code)) {
      const cycle = path.slice(path.indexOf(cur));
      for (const c of cycle) reported.add(c);
      problems.push({ line: r.line, problem: "cycle", detail: [...cycle, cur].join(" → ") });
    }
  }

  if (problems.length > 0) return { ok: false, problems: problems.sort((a, b) => a.line - b.line).slice(0, MAX_PROBLEMS) };
  return { ok: true, rows };
}
