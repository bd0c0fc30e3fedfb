import { sql } from "drizzle-orm";
import { date, index, integer, pgTable, primaryKey, serial, text, timestamp, unique } from "drizzle-orm/pg-core";
import { people } from "../people/people.table.ts";
import { periods } from "../reports/reports.table.ts";
import { agencies } from "./agencies.table.ts";

/** A merge: from `effectiveOn` the predecessor's history continues under the successor. One successor each. */
export const agencySuccessions = pgTable(
  "agency_successions",
  {
    id: serial("id").primaryKey(),
    predecessorId: integer("predecessor_id").notNull().references(() => agencies.id),
    successorId: integer("successor_id").notNull().references(() => agencies.id),
    effectiveOn: date("effective_on", { mode: "string" }).notNull(),
    createdBy: integer("created_by").references(() => people.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [unique("agency_successions_predecessor_uq").on(t.predecessorId), index("agency_successions_successor_idx").on(t.successorId)],
);

export const CLOSURE_REASONS = ["merged", "deactivated"] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

/**
 * The report of an agency for a period that will never come: the agency was merged or deactivated while the
 * period was open and it had not filed. It is neither chased nor counted as missing.
 */
export const agencyPeriodClosures = pgTable(
  "agency_period_closures",
  {
    periodId: integer("period_id").notNull().references(() => periods.id),
    agencyId: integer("agency_id").notNull().references(() => agencies.id),
    reason: text("reason").$type<ClosureReason>().notNull(),
    closedOn: date("closed_on", { mode: "string" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.periodId, t.agencyId] })],
);

export type AgencySuccession = typeof agencySuccessions.$inferSelect;
