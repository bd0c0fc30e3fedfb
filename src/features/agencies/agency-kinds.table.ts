import { integer, pgTable, text } from "drizzle-orm/pg-core";

/**
 * The kinds of agency this province has (e.g. department, commune), with their names and their place in
 * summaries. Kinds come with the agencies file or from /kinds; the well-known codes (province, department,
 * district, commune) have names in the locales until a row here renames them.
 */
export const agencyKinds = pgTable("agency_kinds", {
  code: text("code").primaryKey(),
  nameVi: text("name_vi").notNull(),
  nameEn: text("name_en"),
  sortOrder: integer("sort_order").notNull(),
});

export type AgencyKindRow = typeof agencyKinds.$inferSelect;
