import type { Cadence } from "../templates/template-definition.ts";
import { addDays, toIsoDate, type IsoDate } from "../../time/calendar-date.ts";

/**
 * Data cut-off windows of Decree 09/2019/ND-CP: every window runs from the 15th of the month before
 * to the 14th of its last month. Keys: "2026-11", "2026-Q3", "2026-H1", "2026-H2", "2026-9M", "2026".
 */
export interface PeriodBounds {
  periodKey: string;
  startsOn: IsoDate;
  cutoffOn: IsoDate;
}

const PATTERNS: Record<Exclude<Cadence, "one-off">, RegExp> = {
  monthly: /^(\d{4})-(\d{2})$/,
  quarterly: /^(\d{4})-Q([1-4])$/,
  "six-month": /^(\d{4})-H([12])$/,
  "nine-month": /^(\d{4})-9M$/,
  annual: /^(\d{4})$/,
};

/** First and last reporting month (1-12) of a period; the window starts on the 15th of the month before the first. */
function months(cadence: Exclude<Cadence, "one-off">, y: number, n: number): [number, number] {
  switch (cadence) {
    case "monthly":
      return [n, n];
    case "quarterly":
      return [3 * n - 2, 3 * n];
    case "six-month":
      return n === 1 ? [1, 6] : [7, 12];
    case "nine-month":
      return [1, 9];
    case "annual":
      return [1, 12];
  }
}

/** Bounds of a period key, or undefined when the key does not fit the cadence. */
export function periodBounds(cadence: Cadence, periodKey: string): PeriodBounds | undefined {
  if (cadence === "one-off") return undefined;
  const m = PATTERNS[cadence].exec(periodKey);
  if (!m) return undefined;
  const y = Number(m[1]);
  const n = m[2] ? Number(m[2]) : 0;
  // Year 0000's window would start in the year -1, which no "YYYY-MM-DD" can hold.
  if (y < 1) return undefined;
  if (cadence === "monthly" && (n < 1 || n > 12)) return undefined;
  const [first, last] = months(cadence, y, n);
  return { periodKey, startsOn: toIsoDate(y, first - 1, 15), cutoffOn: toIsoDate(y, last, 14) };
}

/** The period of a cadence whose window contains the date. */
export function periodContaining(cadence: Exclude<Cadence, "one-off">, day: IsoDate): PeriodBounds {
  const [y, mo, d] = day.split("-").map(Number) as [number, number, number];
  // Dates from the 15th on belong to the next month's window.
  const rm = d >= 15 ? mo + 1 : mo;
  const ry = rm > 12 ? y + 1 : y;
  const month = rm > 12 ? 1 : rm;
  const key = (() => {
    switch (cadence) {
      case "monthly":
        return `${ry}-${String(month).padStart(2, "0")}`;
      case "quarterly":
        return `${ry}-Q${Math.ceil(month / 3)}`;
      case "six-month":
        return `${ry}-H${month <= 6 ? 1 : 2}`;
      case "nine-month":
        return month <= 9 ? `${ry}-9M` : `${ry + 1}-9M`;
      case "annual":
        return `${ry}`;
    }
  })();
  return periodBounds(cadence, key)!;
}

/** The period right before this one (for "kỳ trước" and comparisons). */
export function previousPeriodKey(cadence: Exclude<Cadence, "one-off">, periodKey: string): string | undefined {
  const b = periodBounds(cadence, periodKey);
  if (!b) return undefined;
  // Nine-month windows do not tile the year: the one before is last year's.
  if (cadence === "nine-month") return `${Number(periodKey.slice(0, 4)) - 1}-9M`;
  return periodContaining(cadence, addDays(b.startsOn, -1)).periodKey;
}
