import { addDays, daysInMonth, parseIsoDate, toIsoDate, weekday, type IsoDate } from "../../time/calendar-date.ts";
import type { TemplateDefinition } from "../templates/template-definition.ts";

/** Holidays and compensatory working days, by date; loaded from the calendar_days table. */
export type DayOverrides = ReadonlyMap<IsoDate, "holiday" | "workday">;

export function isWorkingDay(day: IsoDate, overrides: DayOverrides): boolean {
  const o = overrides.get(day);
  if (o) return o === "workday";
  const wd = weekday(day);
  return wd !== 0 && wd !== 6;
}

/** The n-th working day after `day` (n ≥ 1); n = 0 gives the first working day on or after it. */
export function addWorkingDays(day: IsoDate, n: number, overrides: DayOverrides): IsoDate {
  let d = day;
  if (n === 0) {
    while (!isWorkingDay(d, overrides)) d = addDays(d, 1);
    return d;
  }
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkingDay(d, overrides)) left--;
  }
  return d;
}

/** The n-th working day before `day` (n ≥ 1), e.g. "2 working days before the deadline". */
export function subtractWorkingDays(day: IsoDate, n: number, overrides: DayOverrides): IsoDate {
  let d = day;
  let left = n;
  while (left > 0) {
    d = addDays(d, -1);
    if (isWorkingDay(d, overrides)) left--;
  }
  return d;
}

/** Working days strictly after `from` up to and including `to` (0 when `to` ≤ `from`). */
export function workingDaysBetween(from: IsoDate, to: IsoDate, overrides: DayOverrides): number {
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d, overrides)) count++;
  return count;
}

/**
 * The deadline of a period from its cut-off and the template's rule: N working days after the cut-off,
 * or the next given day of the month after the cut-off (moved to the next working day if it is not one).
 */
export function deadlineFor(rule: TemplateDefinition["deadline"], cutoffOn: IsoDate, overrides: DayOverrides): IsoDate {
  if (rule.kind === "working-days-after-cutoff") return addWorkingDays(cutoffOn, rule.days, overrides);
  const { y, m, d } = parseIsoDate(cutoffOn);
  const [ty, tm] = rule.day > d ? [y, m] : m === 12 ? [y + 1, 1] : [y, m + 1];
  const target = toIsoDate(ty, tm, Math.min(rule.day, daysInMonth(ty, tm)));
  return addWorkingDays(target, 0, overrides);
}
