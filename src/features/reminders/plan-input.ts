import type { IsoDate } from "../../time/calendar-date.ts";
import type { DayOverrides } from "../calendar/working-days.ts";
import type { LocalizedText, TemplateDefinition } from "../templates/template-definition.ts";

/** Everything the reminder plan and /overdue look at, loaded in a fixed number of queries. No I/O beyond this. */
export interface PlanAgency {
  id: number;
  code: string;
  name: string;
  kind: string;
  parentId: number | null;
}

export interface PlanPeriod {
  id: number;
  templateId: string;
  periodKey: string;
  startsOn: IsoDate;
  deadlineOn: IsoDate;
  title: LocalizedText;
  reminders: TemplateDefinition["reminders"];
  /** Agencies that must report for this period. */
  requiredAgencyIds: readonly number[];
}

export interface PlanPerson {
  id: number;
  chatId: number;
  locale: string;
  /** Agencies this person reports for. */
  reporterOf: readonly number[];
  /** Agencies this person heads (leader scoped to the agency). */
  headOf: readonly number[];
  /** Coordinators and province leaders get the daily digest. */
  getsDigest: boolean;
}

export interface DateRange {
  personId: number;
  fromOn: IsoDate;
  toOn: IsoDate;
}

export interface Delegation extends DateRange {
  agencyId: number;
}

export interface PlanInput {
  overrides: DayOverrides;
  periods: PlanPeriod[];
  agencies: ReadonlyMap<number, PlanAgency>;
  /** `${periodId}:${agencyId}` of every submitted report. */
  submitted: ReadonlySet<string>;
  people: PlanPerson[];
  mutes: DateRange[];
  delegations: Delegation[];
  /** Dedupe keys of notices already recorded, so the plan only lists what is still to send. */
  alreadySent: ReadonlySet<string>;
}

export const submittedKey = (periodId: number, agencyId: number) => `${periodId}:${agencyId}`;

export function covers(r: { fromOn: IsoDate; toOn: IsoDate }, day: IsoDate): boolean {
  return r.fromOn <= day && day <= r.toOn;
}
