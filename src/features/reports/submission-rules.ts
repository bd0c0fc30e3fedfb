import type { IsoDate } from "../../time/calendar-date.ts";
import type { SubmissionStatus } from "./reports.table.ts";

export interface PeriodWindow {
  status: "open" | "closed";
  deadlineOn: IsoDate;
  reopenedUntil: IsoDate | null;
}

/** The last day changes are still accepted after a first submission: the deadline, or the reopening date. */
export function amendUntil(p: PeriodWindow): IsoDate {
  return p.reopenedUntil && p.reopenedUntil > p.deadlineOn ? p.reopenedUntil : p.deadlineOn;
}

export type FilingRefusal = "period-closed" | "amend-closed";

/**
 * May the report be (re)submitted today? A first submission and a fix of a returned report are accepted
 * while the period is open, late or not; an amendment of a submitted report only until amendUntil().
 */
export function filingRefusal(status: SubmissionStatus, p: PeriodWindow, today: IsoDate): FilingRefusal | undefined {
  if (p.status !== "open") return "period-closed";
  if (status === "submitted" && today > amendUntil(p)) return "amend-closed";
  return undefined;
}

/** On time when the first submission's local date is on or before the deadline. */
export function isOnTime(submittedOn: IsoDate, deadlineOn: IsoDate): boolean {
  return submittedOn <= deadlineOn;
}

/** "IT-PLAN-2026-11-STTTT-2": template, period, agency and version, readable over the phone. */
export function referenceNumber(templateId: string, periodKey: string, agencyCode: string, version: number): string {
  return `${templateId}-${periodKey}-${agencyCode}-${version}`.toUpperCase().replace(/[^A-Z0-9-]/g, "");
}
