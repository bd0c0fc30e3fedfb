import { and, asc, eq, gte, lte, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { calendarDays } from "./calendar.table.ts";
import type { IsoDate } from "../../time/calendar-date.ts";
import { defaultHolidays, type CalendarDay } from "./vietnam-holidays.ts";
import type { DayOverrides } from "./working-days.ts";

/** All holiday and compensatory-day overrides; a few dozen rows a year, read whole. */
export async function loadDayOverrides(db: Db): Promise<DayOverrides> {
  const rows = await db.select().from(calendarDays);
  return new Map(rows.map((r) => [r.day, r.kind]));
}

/** The overrides of one year (or all), in date order. */
export async function listCalendarDays(db: Db, year?: number): Promise<CalendarDay[]> {
  const rows = await db
    .select()
    .from(calendarDays)
    .where(year === undefined ? undefined : and(gte(calendarDays.day, `${year}-01-01`), lte(calendarDays.day, `${year}-12-31`)))
    .orderBy(asc(calendarDays.day));
  return rows.map((r) => ({ day: r.day, kind: r.kind, name: r.name }));
}

/** Sets a day as a holiday or a (compensatory) working day; returns what was there before. */
export async function setCalendarDay(db: Db, entry: CalendarDay): Promise<CalendarDay | undefined> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(calendarDays).where(eq(calendarDays.day, entry.day));
    await tx
      .insert(calendarDays)
      .values(entry)
      .onConflictDoUpdate({ target: calendarDays.day, set: { kind: entry.kind, name: entry.name } });
    return before ? { day: before.day, kind: before.kind, name: before.name } : undefined;
  });
}

/** Removes a day's override, so it follows the weekday rule again; returns the removed entry. */
export async function removeCalendarDay(db: Db, day: IsoDate): Promise<CalendarDay | undefined> {
  const [row] = await db.delete(calendarDays).where(eq(calendarDays.day, day)).returning();
  return row ? { day: row.day, kind: row.kind, name: row.name } : undefined;
}

/**
 * Seeds the default holidays of each given year that has no entry at all yet, so an edited year is never
 * overwritten. Idempotent and safe with two instances (conflicts are skipped). Returns the years seeded.
 */
export async function ensureDefaultHolidays(db: Db, years: number[]): Promise<number[]> {
  if (years.length === 0) return [];
  const present = await db
    .selectDistinct({ year: sql<number>`extract(year from ${calendarDays.day})::int` })
    .from(calendarDays)
    .where(and(gte(calendarDays.day, `${Math.min(...years)}-01-01`), lte(calendarDays.day, `${Math.max(...years)}-12-31`)));
  const have = new Set(present.map((r) => Number(r.year)));
  const missing = years.filter((y) => !have.has(y));
  const rows = missing.flatMap((y) => defaultHolidays(y));
  if (rows.length > 0) await db.insert(calendarDays).values(rows).onConflictDoNothing();
  return missing;
}
