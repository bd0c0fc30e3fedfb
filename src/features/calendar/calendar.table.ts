import { date, pgTable, text } from "drizzle-orm/pg-core";

/** Public holidays and compensatory working days. Editable data, since the government announces swaps yearly. */
export const calendarDays = pgTable("calendar_days", {
  day: date("day", { mode: "string" }).primaryKey(),
  // "holiday": a day off even if a weekday; "workday": a working day even if a weekend (compensatory).
  kind: text("kind").$type<"holiday" | "workday">().notNull(),
  name: text("name").notNull(),
});
