import type { Db } from "../../db/client.ts";
import { calendarDays } from "./calendar.table.ts";
import type { DayOverrides } from "./working-days.ts";

/** All holiday and compensatory-day overrides; a few dozen rows a year, read whole. */
export async function loadDayOverrides(db: Db): Promise<DayOverrides> {
  const rows = await db.select().from(calendarDays);
  return new Map(rows.map((r) => [r.day, r.kind]));
}
