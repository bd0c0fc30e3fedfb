import { sql } from "drizzle-orm";
import { boolean, date, index, integer, pgTable, serial, text, timestamp, type AnyPgColumn } from "drizzle-orm/pg-core";

/**
 * The kinds every deployment knows without being told (their names are in the locales): a province with
 * departments and communes, and districts for those who keep three levels. Others are data: agency_kinds.
 */
export const AGENCY_KINDS = ["province", "department", "district", "commune"] as const;
/** A kind code: one of AGENCY_KINDS or one stored in agency_kinds. */
export type AgencyKind = string;

export const agencies = pgTable(
  "agencies",
  {
    id: serial("id").primaryKey(),
    code: text("code").notNull().unique(),
    name: text("name").notNull(),
    kind: text("kind").$type<AgencyKind>().notNull(),
    parentId: integer("parent_id").references((): AnyPgColumn => agencies.id),
    active: boolean("active").notNull().default(true),
    // The first day it exists (an agency a merge created); null: it always has. Periods cut off before it never
    // required it.
    startsOn: date("starts_on", { mode: "string" }),
    // The first day it no longer exists or reports (deactivated or merged from that day); `active` turns false
    // on that day (agency-lifecycle.ts), and periods cut off before it still show it as it was.
    endsOn: date("ends_on", { mode: "string" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [index("agencies_parent_idx").on(t.parentId)],
);

export type Agency = typeof agencies.$inferSelect;
