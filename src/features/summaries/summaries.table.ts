import { doublePrecision, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { periods } from "../reports/reports.table.ts";

/**
 * Each agency's own history as the outlier flag of a period sees it: the median, the median absolute
 * deviation and the count of each numeric answer over the periods before it. Computed once and kept
 * until a report of those earlier periods changes (outlier_baseline_runs holds the fingerprint it was
 * computed from), so a summary right after a new report only compares that period's answers with it.
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

/** Which reports (a fingerprint of the history periods and the question keys) a period's baselines come from. */
export const outlierBaselineRuns = pgTable("outlier_baseline_runs", {
  periodId: integer("period_id").primaryKey().references(() => periods.id, { onDelete: "cascade" }),
  fingerprint: text("fingerprint").notNull(),
  computedAt: timestamp("computed_at", { withTimezone: true }).notNull().defaultNow(),
});
