import { doublePrecision, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { periods } from "../reports/reports.table.ts";

/**
 * Each agency's own history as the outlier flag of a period sees it: the median, the median absolute
 * deviation and the count of each numeric answer over the periods before it. Kept up to date as reports are
 * submitted (outlier-baselines.repository.ts), so a summary only reads them.
 */
export const outlierBaselines = pgTable(
  "outlier_baselines",
  {
    periodId: integer("period_id").notNull().references(() => periods.id, { onDelete: "cascade" }),
    agencyId: integer("agency_id").notNull(),
    questionKey: text("question_key").notNull(),
    median: doublePrecision("median").notNull(),
    mad: doublePrecision("mad").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.periodId, t.agencyId, t.questionKey] })],
);

/** The periods whose baselines are complete (kept on submit, or computed whole once after a bulk load). */
export const outlierBaselineRuns = pgTable("outlier_baseline_runs", {
  periodId: integer("period_id").primaryKey().references(() => periods.id, { onDelete: "cascade" }),
  fingerprint: text("fingerprint").notNull(),
  computedAt: timestamp("computed_at", { withTimezone: true }).notNull().defaultNow(),
});
