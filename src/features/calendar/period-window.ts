import type { Cadence } from "../templates/template-definition.ts";
import { parseIsoDate, toIsoDate, type IsoDate } from "../../time/calendar-date.ts";
import { periodBounds, periodContaining, type PeriodBounds } from "./period-bounds.ts";

/**
 * Years a person may name at all (a period to read, /holidays, a ranking). Outside it a typed year is a slip
 * ("0026" for 2026), answered as such rather than read as the year 26 or sent to the database.
 */
export const PLAUSIBLE_YEARS = { min: 2000, max: 2100 } as const;

export function isPlausibleYear(year: number): boolean {
  return Number.isInteger(year) && year >= PLAUSIBLE_YEARS.min && year <= PLAUSIBLE_YEARS.max;
}

export type PeriodicCadence = Exclude<Cadence, "one-off">;

/** The periods that may be opened on `today`, oldest and newest. */
export interface OpenableRange {
  earliest: PeriodBounds;
  latest: PeriodBounds;
}

export type OpenableCheck =
  | { ok: true; bounds: PeriodBounds }
  | { ok: false; reason: "bad-key" }
  | ({ ok: false; reason: "too-early" | "too-late" } & OpenableRange);

/**
 * Periods that may be opened by hand: from the one that contained the same day a year ago (a month or a
 * quarter missed and caught up late) up to the one after the current period (opened early, as the
 * /openperiod buttons offer). Anything else is a typo ("1999-01", "0001-01", "2099-12") that would start
 * years of overdue reminders at once, or let a report be filed for a period that has not begun.
 */
export function openableRange(cadence: PeriodicCadence, today: IsoDate): OpenableRange {
  const { y, m, d } = parseIsoDate(today);
  const yearAgo = toIsoDate(y - 1, m, Math.min(d, 28));
  const current = periodContaining(cadence, today);
  // In the gap between nine-month windows (15/9–14/12) the "current" one has not begun: it is the next one.
  const next = current.startsOn > today ? current : periodContaining(cadence, toIsoDate(...ymd(current.cutoffOn, 1)));
  return { earliest: periodContaining(cadence, yearAgo), latest: next };
}

/** Whether a period key of a periodic template may be opened on `today`, and if not, why. */
export function checkOpenablePeriod(cadence: PeriodicCadence, periodKey: string, today: IsoDate): OpenableCheck {
  const bounds = periodBounds(cadence, periodKey);
  if (!bounds) return { ok: false, reason: "bad-key" };
  const range = openableRange(cadence, today);
  if (bounds.startsOn < range.earliest.startsOn) return { ok: false, reason: "too-early", ...range };
  if (bounds.startsOn > range.latest.startsOn) return { ok: false, reason: "too-late", ...range };
  return { ok: true, bounds };
}

function ymd(day: IsoDate, plusDays: number): [number, number, number] {
  const { y, m, d } = parseIsoDate(day);
  return [y, m, d + plusDays];
}
