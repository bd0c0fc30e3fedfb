import { sql } from "drizzle-orm";
import {
  bigint, boolean, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, unique,
} from "drizzle-orm/pg-core";
import { jsonbValue } from "../../db/jsonb-value.ts";
import { agencies } from "../agencies/agencies.table.ts";
import { people } from "../people/people.table.ts";
import { templates, templateVersions } from "../templates/templates.table.ts";

export const PERIOD_STATUSES = ["open", "closed"] as const;
export type PeriodStatus = (typeof PERIOD_STATUSES)[number];

/** One reporting period of one template, e.g. it-plan 2026-11. Dates are calendar dates in REPORT_TIMEZONE. */
export const periods = pgTable(
  "periods",
  {
    id: serial("id").primaryKey(),
    templateId: text("template_id").notNull().references(() => templates.id),
    templateVersionId: integer("template_version_id").notNull().references(() => templateVersions.id),
    // "2026-11", "2026-Q3", "2026-H1", "2026-9M", "2026", or a one-off label.
    periodKey: text("period_key").notNull(),
    startsOn: date("starts_on", { mode: "string" }).notNull(),
    cutoffOn: date("cutoff_on", { mode: "string" }).notNull(),
    deadlineOn: date("deadline_on", { mode: "string" }).notNull(),
    status: text("status").$type<PeriodStatus>().notNull().default("open"),
    // Set when a coordinator reopens a period for amendments past its deadline.
    reopenedUntil: date("reopened_until", { mode: "string" }),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull(),
    openedBy: integer("opened_by").references(() => people.id),
  },
  (t) => [unique("periods_template_key_uq").on(t.templateId, t.periodKey), index("periods_status_idx").on(t.status)],
);

export const SUBMISSION_STATUSES = ["draft", "submitted", "returned"] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** The one report of one agency for one period: a draft until submitted, then versioned. */
export const submissions = pgTable(
  "submissions",
  {
    id: serial("id").primaryKey(),
    periodId: integer("period_id").notNull().references(() => periods.id),
    agencyId: integer("agency_id").notNull().references(() => agencies.id),
    templateVersionId: integer("template_version_id").notNull().references(() => templateVersions.id),
    status: text("status").$type<SubmissionStatus>().notNull().default("draft"),
    // Human reference number shown on the confirmation, e.g. "IT-2026-11-SOTTTT-1".
    refNo: text("ref_no"),
    version: integer("version").notNull().default(0),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    submittedBy: integer("submitted_by").references(() => people.id),
    firstSubmittedAt: timestamp("first_submitted_at", { withTimezone: true }),
    onTime: boolean("on_time"),
    returnComment: text("return_comment"),
    editingPersonId: integer("editing_person_id").references(() => people.id),
    editingSince: timestamp("editing_since", { withTimezone: true }),
    // Goes up with every change to the working copy (a saved answer, a submission): a screen shown at one
    // revision saves or submits only if the draft is still at that revision, so a stale screen never
    // overwrites what a colleague entered meanwhile.
    draftRev: integer("draft_rev").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().default(sql`now()`),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [unique("submissions_period_agency_uq").on(t.periodId, t.agencyId), index("submissions_agency_idx").on(t.agencyId)],
);

/** One answer to one question: the same shape for the official answers and the working copy. */
const answerColumns = () => ({
  submissionId: integer("submission_id").notNull().references(() => submissions.id, { onDelete: "cascade" }),
  questionKey: text("question_key").notNull(),
  // Not drizzle's jsonb: that one would turn a text answer "123" into the number 123 (see jsonb-value.ts).
  value: jsonbValue("value").notNull(),
  numValue: doublePrecision("num_value"),
  updatedBy: integer("updated_by").references(() => people.id),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});

/**
 * The official answers of a submission: the last submitted version, which is what leaders see.
 * Written at submit time from the draft. `numValue` mirrors numeric answers so aggregation is plain SQL.
 */
export const answers = pgTable(
  "answers",
  answerColumns(),
  (t) => [primaryKey({ columns: [t.submissionId, t.questionKey] }), index("answers_question_idx").on(t.questionKey)],
);

/**
 * The working copy the reporter edits: each valid answer is saved here at once, so nothing typed is lost.
 * It always holds the whole report: after a submit it equals `answers`, and an amendment edits it until resubmit.
 */
export const draftAnswers = pgTable(
  "draft_answers",
  answerColumns(),
  (t) => [primaryKey({ columns: [t.submissionId, t.questionKey] })],
);

export const SUBMISSION_EVENTS = ["submitted", "amended", "returned", "resubmitted"] as const;
export type SubmissionEvent = (typeof SUBMISSION_EVENTS)[number];

/** History: every submit, amendment and return, with the full answers and what changed. */
export const submissionVersions = pgTable(
  "submission_versions",
  {
    id: serial("id").primaryKey(),
    submissionId: integer("submission_id").notNull().references(() => submissions.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    event: text("event").$type<SubmissionEvent>().notNull(),
    answers: jsonb("answers").$type<Record<string, unknown>>().notNull(),
    changes: jsonb("changes").$type<Record<string, { from: unknown; to: unknown }>>(),
    comment: text("comment"),
    personId: integer("person_id").references(() => people.id),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("submission_versions_sub_idx").on(t.submissionId)],
);

/** A substitute reporter for an agency over a date range (inclusive). */
export const delegations = pgTable(
  "delegations",
  {
    id: serial("id").primaryKey(),
    agencyId: integer("agency_id").notNull().references(() => agencies.id),
    personId: integer("person_id").notNull().references(() => people.id),
    fromOn: date("from_on", { mode: "string" }).notNull(),
    toOn: date("to_on", { mode: "string" }).notNull(),
    createdBy: integer("created_by").references(() => people.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [index("delegations_agency_idx").on(t.agencyId)],
);

/**
 * The report a private chat is filing and the screen it was last shown (filing-step.ts): the filing's whole
 * state besides the draft itself. `draftRev` is the draft revision that screen was shown under; `selection`
 * the choices ticked so far on a multi-choice screen. One row a chat; gone when the filing ends.
 */
export const filingSessions = pgTable("filing_sessions", {
  chatId: bigint("chat_id", { mode: "number" }).primaryKey(),
  personId: integer("person_id").notNull().references(() => people.id, { onDelete: "cascade" }),
  submissionId: integer("submission_id").notNull().references(() => submissions.id, { onDelete: "cascade" }),
  screen: jsonb("screen").notNull(),
  draftRev: integer("draft_rev").notNull(),
  selection: jsonb("selection").$type<string[]>().notNull().default([]),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});

export type Period = typeof periods.$inferSelect;
export type Submission = typeof submissions.$inferSelect;
