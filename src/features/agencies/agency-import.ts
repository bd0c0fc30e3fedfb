import { parse } from "csv-parse/sync";
import { characterCount, isBlank, unusableCharacter } from "../../bot/user-text.ts";
import { AGENCY_KINDS, type AgencyKind } from "./agencies.table.ts";
import { KIND_CODE_PATTERN } from "./agency-kinds.ts";

/** One agency row of an import file, with the line it came from. */
export interface ImportRow {
  line: number;
  code: string;
  name: string;
  kind: AgencyKind;
  parentCode: string | null;
}

/** Every problem a file can have; each has the locale key `admin-cli-problem-<kind>`. */
export const IMPORT_PROBLEM_KINDS = [
  "csv-syntax",
  "missing-header",
  "missing-column",
  "extra-column",
  "empty-field",
  "bad-characters",
  "name-too-long",
  "bad-code",
  "unknown-kind",
  "duplicate-code",
  "ambiguous-code",
  "unknown-parent",
  "cycle",
] as const;
export type ImportProblemKind = (typeof IMPORT_PROBLEM_KINDS)[number];

/**
 * What is wrong and where; `detail` is the offending value, `firstLine` the earlier row of a duplicate,
 * `values`/`columns` the counts of a row with too many values.
 */
export interface ImportProblem {
  line: number;
  problem: ImportProblemKind;
  detail: string;
  firstLine?: number;
  values?: number;
  columns?: number;
  /** The limit a too-long value is over. */
  max?: number;
}

/**
 * The text of a UTF-8 file (a BOM is allowed), or null when the bytes are not UTF-8 — e.g. Excel's plain
 * "CSV", which is in the Windows code page. Decoding such a file leniently would store names full of U+FFFD.
 */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Agency codes are compared without regard to letter case: `r3-bh` and `R3-BH` are the same agency. */
export function foldCode(code: string): string {
  return code.toUpperCase();
}

/**
 * Stored codes looked up without regard to letter case. `spelling` gives the stored spelling of a code: itself,
 * the one stored case variant, null when several variants are stored (possible only for codes stored before
 * codes were folded), undefined when none is.
 */
export function storedCodes(codes: readonly string[]) {
  const byFold = new Map<string, string[]>();
  for (const c of codes) byFold.set(foldCode(c), [...(byFold.get(foldCode(c)) ?? []), c]);
  const variants = (code: string): string[] => byFold.get(foldCode(code)) ?? [];
  const spelling = (code: string): string | null | undefined => {
    const stored = variants(code);
    if (stored.length === 0) return undefined;
    if (stored.includes(code)) return code;
    return stored.length === 1 ? stored[0]! : null;
  };
  return { spelling, variants };
}

/** A kind the file names (optional columns kind_name, kind_name_en): created, or renamed, with the agencies. */
export interface ImportKind {
  code: string;
  nameVi: string;
  nameEn: string | null;
}

/** `kinds` is there only when the file names kinds. */
export type ImportPlan = { ok: true; rows: ImportRow[]; kinds?: ImportKind[] } | { ok: false; problems: ImportProblem[] };

export const REQUIRED_COLUMNS = ["code", "name", "kind", "parent_code"] as const;
/** Optional: the names of the row's kind; a kind not known yet must be named on at least one of its rows. */
export const KIND_NAME_COLUMNS = ["kind_name", "kind_name_en"] as const;
/** Codes are typed in chat and shown in lists: no spaces, at most 32 characters (dots allowed, as in official codes). */
export const AGENCY_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;
/**
 * An agency name is shown in headers, buttons, lists and chart labels: 200 characters hold any official name
 * ("Ban Quản lý các Khu công nghiệp tỉnh …" is about 50) and keep every screen that shows one far below Telegram's
 * 4,096.
 */
export const AGENCY_NAME_MAX = 200;
const MAX_PROBLEMS = 20;

/**
 * Checks a whole CSV file against the agencies already stored (code → parent code), so that nothing is
 * imported unless every row is good. Parents may come after their children in the file.
 * Codes are matched without regard to case, within the file and against stored codes: a row whose code
 * differs only in case from a stored one updates that agency and keeps the stored spelling.
 */
export function planAgencyImport(
  csvText: string,
  existing: { code: string; parentCode: string | null }[],
  knownKinds: readonly string[] = AGENCY_KINDS,
): ImportPlan {
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

  const { spelling: storedSpelling, variants } = storedCodes(existing.map((e) => e.code));
  const kindNameCol = header.indexOf("kind_name");
  const kindNameEnCol = header.indexOf("kind_name_en");
  // The first row that names a kind gives its names.
  const namedKinds = new Map<string, ImportKind>();
  for (const { record } of records.slice(1)) {
    const k = (record[col.kind] ?? "").trim().toLowerCase();
    const vi = kindNameCol === -1 ? "" : (record[kindNameCol] ?? "").trim();
    if (k && vi && !namedKinds.has(k)) namedKinds.set(k, { code: k, nameVi: vi, nameEn: (kindNameEnCol === -1 ? "" : (record[kindNameEnCol] ?? "").trim()) || null });
  }

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
    // Empty trailing fields (a trailing comma) are fine; a value beyond the header is most often the rest of
    // a name with an unquoted comma ("Sở Văn hóa, Thể thao và Du lịch"), which must not be cut silently.
    const extra = record.slice(header.length);
    if (extra.some((f) => f !== "")) {
      let values = record.length;
      while (record[values - 1] === "") values--;
      problems.push({ line, problem: "extra-column", detail: extra.filter((f) => f !== "").join(", "), values, columns: header.length });
      continue;
    }
    const fileCode = record[col.code]!;
    const name = record[col.name]!;
    const kind = record[col.kind]!.toLowerCase();
    const parentCode = record[col.parent_code]! || null;
    // A control character (a NUL cannot even be stored) or a line break in any field, named with its column.
    const unusable = REQUIRED_COLUMNS.map((c) => [c, unusableCharacter(record[col[c]]!, { oneLine: true })] as const).find(([, ch]) => ch);
    if (unusable) {
      problems.push({ line, problem: "bad-characters", detail: `${unusable[0]}: ${unusable[1]}` });
      continue;
    }
    // A name made only of zero-width characters shows as nothing: it is as empty as no name.
    const empty = (["code", "name", "kind"] as const).filter((c) => isBlank(record[col[c]]!));
    if (empty.length > 0) {
      problems.push({ line, problem: "empty-field", detail: empty.join(",") });
      continue;
    }
    if (characterCount(name) > AGENCY_NAME_MAX) {
      problems.push({ line, problem: "name-too-long", detail: String(characterCount(name)), max: AGENCY_NAME_MAX });
      continue;
    }
    if (!AGENCY_CODE_PATTERN.test(fileCode)) {
      problems.push({ line, problem: "bad-code", detail: fileCode });
      continue;
    }
    const stored = storedSpelling(fileCode);
    if (stored === null) {
      problems.push({ line, problem: "ambiguous-code", detail: `${fileCode} (${variants(fileCode).join(", ")})` });
      continue;
    }
    const code = stored ?? fileCode;
    if (!KIND_CODE_PATTERN.test(kind) || (!knownKinds.includes(kind) && !namedKinds.has(kind))) {
      problems.push({ line, problem: "unknown-kind", detail: kind });
      continue;
    }
    const first = firstLineOf.get(foldCode(code));
    if (first !== undefined) {
      problems.push({ line, problem: "duplicate-code", detail: fileCode, firstLine: first });
      continue;
    }
    firstLineOf.set(foldCode(code), line);
    rows.push({ line, code, name, kind: kind as AgencyKind, parentCode });
  }

  // Parent codes, too, are matched without regard to case: to the stored spelling, else to the file's.
  const fileSpelling = new Map(rows.map((r) => [foldCode(r.code), r.code]));
  for (const r of rows) {
    if (r.parentCode === null) continue;
    const stored = storedSpelling(r.parentCode);
    if (stored === null) problems.push({ line: r.line, problem: "ambiguous-code", detail: `${r.parentCode} (${variants(r.parentCode).join(", ")})` });
    else r.parentCode = stored ?? fileSpelling.get(foldCode(r.parentCode)) ?? r.parentCode;
  }
  const parentOf = new Map<string, string | null>(existing.map((e) => [e.code, e.parentCode]));
  for (const r of rows) parentOf.set(r.code, r.parentCode);
  for (const r of rows) {
    if (r.parentCode !== null && !parentOf.has(r.parentCode) && storedSpelling(r.parentCode) !== null)
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
  const kinds = [...namedKinds.values()].filter((k) => rows.some((r) => r.kind === k.code));
  return kinds.length > 0 ? { ok: true, rows, kinds } : { ok: true, rows };
}
