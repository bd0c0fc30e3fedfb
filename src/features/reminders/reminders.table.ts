import { sql } from "drizzle-orm";
import { date, index, integer, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { people } from "../people/people.table.ts";

/**
 * One row per notice ever decided (opening notice, reminder, escalation, digest, manual "remind now").
 * `dedupeKey` is unique: it encodes period, agency, person, kind (and the day where a kind repeats daily),
 * so a restart, a second instance or a catch-up can never send the same notice twice.
 */
export const notices = pgTable(
  "notices",
  {
    id: serial("id").primaryKey(),
    dedupeKey: text("dedupe_key").notNull().unique(),
    kind: text("kind").notNull(),
    periodId: integer("period_id"),
    agencyId: integer("agency_id"),
    personId: integer("person_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [index("notices_period_idx").on(t.periodId, t.agencyId)],
);

/** A person's out-of-office: no reminders to them on these dates (inclusive). */
export const mutes = pgTable(
  "mutes",
  {
    id: serial("id").primaryKey(),
    personId: integer("person_id").notNull().references(() => people.id),
    fromOn: date("from_on", { mode: "string" }).notNull(),
    toOn: date("to_on", { mode: "string" }).notNull(),
  },
  (t) => [index("mutes_person_idx").on(t.personId)],
);
