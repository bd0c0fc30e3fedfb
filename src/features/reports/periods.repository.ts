import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { localDateTime, type IsoDate } from "../../time/calendar-date.ts";
import { loadDayOverrides } from "../calendar/calendar.repository.ts";
import { periodBounds } from "../calendar/period-bounds.ts";
import { checkOpenablePeriod } from "../calendar/period-window.ts";
import { deadlineFor } from "../calendar/working-days.ts";
import { currentTemplateVersion } from "../templates/templates.repository.ts";
import { periods, type Period } from "./reports.table.ts";

export type PeriodErrorCode =
  | "unknown-template"
  | "bad-period-key"
  | "deadline-required"
  | "deadline-before-cutoff"
  | "deadline-past"
  | "unknown-period"
  | "reopen-past"
  | "out-of-window";

/** A period request that cannot be met; `code` maps to a locale key (report-period-error-<code>). */
export class PeriodError extends Error {
  constructor(
    readonly code: PeriodErrorCode,
    message: string,
    /** For "out-of-window": the oldest and newest period keys that may be opened today. */
    readonly range?: { earliest: string; latest: string },
  ) {
    super(message);
  }
}

export interface OpenPeriodInput {
  templateId: string;
  periodKey: string;
  /** YYYY-MM-DD; default: the template's deadline rule after the cut-off (working days from calendar_days). */
  deadlineOn?: string;
  openedBy?: number | null;
  now: Date;
  /** For one-off periods, which start on the day they are opened; default Asia/Ho_Chi_Minh. */
  timeZone?: string;
  /**
   * A period asked for by a person (chat, button, CLI): a periodic key must lie in the window of
   * `checkOpenablePeriod` (a year back to the next period). Seeds and the scheduler's own opening skip it.
   */
  byHand?: boolean;
}

/**
 * Opens a period of a template under its current version. Idempotent: opening the same
 * template and key again returns the existing period with `created: false`.
 */
export async function openPeriod(db: Db, input: OpenPeriodInput): Promise<{ period: Period; created: boolean }> {
  const existing = await findPeriod(db, input.templateId, input.periodKey);
  if (existing) return { period: existing, created: false };
  const tv = await currentTemplateVersion(db, input.templateId);
  if (!tv) throw new PeriodError("unknown-template", `unknown template "${input.templateId}"`);
  const def = tv.definition;
  let startsOn: IsoDate;
  let cutoffOn: IsoDate;
  if (def.cadence === "one-off") {
    if (!input.deadlineOn) throw new PeriodError("deadline-required", "a one-off period needs a deadline");
    startsOn = localDateTime(input.now, input.timeZone ?? "Asia/Ho_Chi_Minh").date;
    // Opened today with a deadline already gone (a typo in the year): every report would be late at once.
    if (input.deadlineOn < startsOn) throw new PeriodError("deadline-past", `the deadline ${input.deadlineOn} is already past`);
    cutoffOn = input.deadlineOn;
  } else {
    const b = periodBounds(def.cadence, input.periodKey);
    if (!b) throw new PeriodError("bad-period-key", `"${input.periodKey}" is not a ${def.cadence} period key`);
    if (input.byHand) {
      const check = checkOpenablePeriod(def.cadence, input.periodKey, localDateTime(input.now, input.timeZone ?? "Asia/Ho_Chi_Minh").date);
      if (!check.ok && check.reason !== "bad-key") {
        const range = { earliest: check.earliest.periodKey, latest: check.latest.periodKey };
        throw new PeriodError("out-of-window", `period ${input.periodKey} is outside the periods that may be opened today (${range.earliest} to ${range.latest})`, range);
      }
    }
    startsOn = b.startsOn;
    cutoffOn = b.cutoffOn;
  }
  const deadlineOn = input.deadlineOn ?? deadlineFor(def.deadline, cutoffOn, await loadDayOverrides(db));
  if (deadlineOn < cutoffOn && def.cadence !== "one-off")
    throw new PeriodError("deadline-before-cutoff", `deadline ${deadlineOn} is before the cut-off ${cutoffOn}`);
  const inserted = await db
    .insert(periods)
    .values({
      templateId: input.templateId,
      templateVersionId: tv.id,
      periodKey: input.periodKey,
      startsOn,
      cutoffOn,
      deadlineOn,
      status: "open",
      openedAt: input.now,
      openedBy: input.openedBy ?? null,
    })
    .onConflictDoNothing()
    .returning();
  if (inserted[0]) return { period: inserted[0], created: true };
  // Someone else opened it in between.
  return { period: (await findPeriod(db, input.templateId, input.periodKey))!, created: false };
}

export async function findPeriod(db: Db, templateId: string, periodKey: string): Promise<Period | undefined> {
  const [row] = await db.select().from(periods).where(and(eq(periods.templateId, templateId), eq(periods.periodKey, periodKey)));
  return row;
}

export async function getPeriod(db: Db, id: number): Promise<Period | undefined> {
  const [row] = await db.select().from(periods).where(eq(periods.id, id));
  return row;
}

export async function listOpenPeriods(db: Db, templateIds?: string[]): Promise<Period[]> {
  return db
    .select()
    .from(periods)
    .where(and(eq(periods.status, "open"), templateIds ? inArray(periods.templateId, templateIds) : undefined))
    .orderBy(asc(periods.deadlineOn), asc(periods.id));
}

/**
 * Closes a period: no filing or amendment is accepted and nobody is reminded about it any more (an old month
 * an agency will never file, or a one-off survey that is over). Idempotent; `/reopenperiod` opens it again.
 */
export async function closePeriod(db: Db, input: { templateId: string; periodKey: string }): Promise<{ period: Period; wasOpen: boolean }> {
  const before = await findPeriod(db, input.templateId, input.periodKey);
  if (!before) throw new PeriodError("unknown-period", `no period ${input.periodKey} of template "${input.templateId}"`);
  const [row] = await db.update(periods).set({ status: "closed" }).where(eq(periods.id, before.id)).returning();
  return { period: row!, wasOpen: before.status === "open" };
}

/**
 * Lets reporters amend (or file) past the deadline until `until` (inclusive); reopens a closed period.
 * A day before `today` would accept nothing (a typo): refused.
 */
export async function reopenPeriod(db: Db, input: { templateId: string; periodKey: string; until: IsoDate; today: IsoDate }): Promise<Period> {
  if (input.until < input.today) throw new PeriodError("reopen-past", `${input.until} is already past`);
  const [row] = await db
    .update(periods)
    .set({ status: "open", reopenedUntil: input.until })
    .where(and(eq(periods.templateId, input.templateId), eq(periods.periodKey, input.periodKey)))
    .returning();
  if (!row) throw new PeriodError("unknown-period", `no period ${input.periodKey} of template "${input.templateId}"`);
  return row;
}

/** The latest periods (open or closed), newest cut-off first: what /reopenperiod offers. */
export async function recentPeriodsForReopen(db: Db, limit = 12): Promise<Period[]> {
  return db.select().from(periods).orderBy(desc(periods.cutoffOn), desc(periods.id)).limit(limit);
}
