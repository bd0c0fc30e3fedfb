import type { IsoDate } from "../../time/calendar-date.ts";
import { isPlausibleYear } from "../calendar/period-window.ts";
import { foldText } from "./text-match.ts";

/**
 * A period as a person names it. `key` refs carry the cadence their key belongs to
 * ("2026-11" monthly, "2026-Q3" quarterly, "2026-H1" six-month, "2026-9M" nine-month, "2026" annual).
 */
export type PeriodRef =
  | { kind: "latest" }
  | { kind: "current" }
  | { kind: "previous" }
  | { kind: "key"; cadence: "monthly" | "quarterly" | "six-month" | "nine-month" | "annual"; key: string };

export interface PeriodParse {
  ref: PeriodRef | undefined;
  /** A year written where a period's year goes that no period can have ("năm 0026", "11/1999" is fine, "0026-11" not): say so. */
  badYear?: string;
  /** The text with the period words taken out, for what remains to be understood. */
  rest: string;
  /** A period phrase that names no period ("tháng 13", "quý 5"): say so, never show another period. */
  badPeriod?: string;
}

const pad = (n: number) => String(n).padStart(2, "0");
const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

/**
 * Finds a period in free text or a command argument (Vietnamese or English, with or without diacritics):
 * "tháng 11", "tháng 11/2026", "11/2026", "2026-11", "quý 3 năm 2026", "Q3/2026", "2026-Q3",
 * "6 tháng đầu năm", "6 tháng cuối năm 2026", "9 tháng", "năm 2026", "kỳ này", "kỳ trước".
 * A month or quarter without a year is the latest one not after `today`.
 */
export function parsePeriodRef(input: string, today: IsoDate): PeriodParse {
  let s = ` ${foldText(input)} `;
  const ty = Number(today.slice(0, 4));
  const tm = Number(today.slice(5, 7));
  let ref: PeriodRef | undefined;
  let badYear: string | undefined;
  /** A written year outside PLAUSIBLE_YEARS is a slip: no period is taken from it, and it is reported. */
  const yearOk = (...raw: (string | undefined)[]): boolean => {
    const y = raw.find((x) => x !== undefined);
    if (y === undefined || isPlausibleYear(Number(y))) return true;
    badYear ??= y;
    return false;
  };
  const take = (re: RegExp, build: (m: RegExpExecArray) => PeriodRef | undefined): void => {
    if (ref) return;
    const m = re.exec(s);
    if (!m) return;
    const r = build(m);
    if (!r) return;
    ref = r;
    s = s.slice(0, m.index) + " " + s.slice(m.index + m[0].length);
  };
  const yearOf = (...c: (string | undefined)[]) => {
    const y = c.find((x) => x !== undefined);
    return y === undefined ? undefined : Number(y);
  };

  take(/ (?:ky|period) (?:nay|hien tai|this)\b| this period /, () => ({ kind: "current" }));
  take(/ (?:ky|period) (?:truoc|previous|last)\b| (?:last|previous) period /, () => ({ kind: "previous" }));
  // Periods named relative to today: the month, quarter or year this one or the one before.
  const quarter = Math.ceil(tm / 3);
  take(/ (?:thang|month) (?:nay|this) | this month /, () => month(ty, tm));
  take(/ (?:thang|month) (?:truoc|vua qua|roi|last|previous) | last month /, () => (tm === 1 ? month(ty - 1, 12) : month(ty, tm - 1)));
  take(/ (?:quy|quarter) (?:nay|this) | this quarter /, () => ({ kind: "key", cadence: "quarterly", key: `${ty}-Q${quarter}` }));
  take(/ (?:quy|quarter) (?:truoc|vua qua|roi|last|previous) | last quarter /, () =>
    quarter === 1 ? { kind: "key", cadence: "quarterly", key: `${ty - 1}-Q4` } : { kind: "key", cadence: "quarterly", key: `${ty}-Q${quarter - 1}` },
  );
  take(/ (?:nam|year) (?:nay|this) | this year /, () => ({ kind: "key", cadence: "annual", key: String(ty) }));
  take(/ (?:nam|year) (?:truoc|ngoai|roi|last|previous) | last year /, () => ({ kind: "key", cadence: "annual", key: String(ty - 1) }));
  take(/ (\d{4})-(\d{2}) /, (m) => month(Number(m[1]), Number(m[2])));
  take(/ (\d{4})-q([1-4]) /, (m) => (yearOk(m[1]) ? { kind: "key", cadence: "quarterly", key: `${m[1]}-Q${m[2]}` } : undefined));
  take(/ (\d{4})-h([12]) /, (m) => (yearOk(m[1]) ? { kind: "key", cadence: "six-month", key: `${m[1]}-H${m[2]}` } : undefined));
  take(/ (\d{4})-9m /, (m) => (yearOk(m[1]) ? { kind: "key", cadence: "nine-month", key: `${m[1]}-9M` } : undefined));
  // Six and nine months come before "tháng N", whose words they share.
  take(/ 6 (?:thang|months?)(?: (dau|cuoi|first|last|second))?(?: nam)?(?: (?:nam |of )?(\d{4}))? /, (m) => {
    if (!yearOk(m[2])) return undefined;
    const half = m[1] === "cuoi" || m[1] === "last" || m[1] === "second" ? 2 : 1;
    const y = yearOf(m[2]) ?? (half === 2 || tm > 6 ? ty : ty - 1);
    return { kind: "key", cadence: "six-month", key: `${y}-H${half}` };
  });
  take(/ 9 (?:thang|months?)(?: dau)?(?: nam)?(?: (?:nam |of )?(\d{4}))? /, (m) =>
    yearOk(m[1]) ? { kind: "key", cadence: "nine-month", key: `${yearOf(m[1]) ?? (tm > 9 ? ty : ty - 1)}-9M` } : undefined,
  );
  take(/ (?:quy |q ?|quarter )(\d|iv|iii|ii|i)(?:(?: nam | |\/|-)(\d{4}))? /, (m) => {
    const q = ROMAN[m[1]!] ?? Number(m[1]);
    if (q < 1 || q > 4 || !yearOk(m[2])) return undefined;
    const y = yearOf(m[2]) ?? (q <= Math.ceil(tm / 3) ? ty : ty - 1);
    return { kind: "key", cadence: "quarterly", key: `${y}-Q${q}` };
  });
  take(/ (?:thang|month) (\d{1,2})(?:(?: nam | |\/|-)(\d{4}))? /, (m) => {
    const mo = Number(m[1]);
    const y = yearOf(m[2]) ?? (mo <= tm ? ty : ty - 1);
    return month(y, mo);
  });
  take(/ (\d{1,2})\/(\d{4}) /, (m) => month(Number(m[2]), Number(m[1])));
  take(/ (?:ca )?(?:nam|year) (\d{4}) | (\d{4}) /, (m) => (yearOk(m[1], m[2]) ? { kind: "key", cadence: "annual", key: m[1] ?? m[2]! } : undefined));
  // A month or quarter number left over was not a period ("tháng 13", "quý 5", "13/2026"): echoed as written.
  const left = / ((?:thang|month) \d{1,3}(?:\/\d{1,4})?|(?:quy|quarter) \d{1,3}|\d{1,2}\/\d{4}) /.exec(s)?.[1];
  const badPeriod =
    left === undefined ? undefined : (/(?:th[aá]ng|month|qu[yý]|quarter)\s+\d{1,3}(?:\/\d{1,4})?|\d{1,2}\/\d{4}/iu.exec(input.normalize("NFC"))?.[0] ?? left);
  return {
    ref,
    rest: s.replace(/\s+/g, " ").trim(),
    ...(badYear !== undefined ? { badYear } : {}),
    ...(badPeriod !== undefined && badYear === undefined ? { badPeriod } : {}),
  };

  function month(y: number, mo: number): PeriodRef | undefined {
    if (mo < 1 || mo > 12 || !yearOk(String(y).padStart(4, "0"))) return undefined;
    return { kind: "key", cadence: "monthly", key: `${y}-${pad(mo)}` };
  }
}

/**
 * The year a ranking is asked for ("2026", "năm 2026", "tháng 11/2026"): `year`, or none asked (the default
 * year), or `badYear` when what was written cannot be a year ("0026", "26").
 */
export function parseRankingYear(input: string, today: IsoDate): { year?: number; badYear?: string } {
  const { ref, badYear } = parsePeriodRef(input, today);
  if (badYear !== undefined) return { badYear };
  if (ref?.kind === "key") return { year: Number(ref.key.slice(0, 4)) };
  const digits = /\d+/.exec(input);
  return digits ? { badYear: digits[0] } : {};
}
