import type { IsoDate } from "../../time/calendar-date.ts";
import { workingDaysBetween } from "../calendar/working-days.ts";
import { submittedKey, type PlanAgency, type PlanInput, type PlanPeriod } from "./plan-input.ts";

// One collator for every comparison: localeCompare with a locale builds a new one each call.
const byName = new Intl.Collator("vi");

export interface OverdueEntry {
  period: PlanPeriod;
  agency: PlanAgency;
  /** Working days since the deadline; 0 on a non-working day right after it. */
  workingDaysLate: number;
}

/** Required agencies that have not submitted an open period whose deadline has passed, most late first. */
export function overdueEntries(input: Pick<PlanInput, "periods" | "agencies" | "submitted" | "overrides">, today: IsoDate): OverdueEntry[] {
  const out: OverdueEntry[] = [];
  for (const period of input.periods) {
    if (today <= period.deadlineOn) continue;
    const late = workingDaysBetween(period.deadlineOn, today, input.overrides);
    for (const agencyId of period.requiredAgencyIds) {
      if (input.submitted.has(submittedKey(period.id, agencyId))) continue;
      const agency = input.agencies.get(agencyId);
      if (agency) out.push({ period, agency, workingDaysLate: late });
    }
  }
  return out.sort(
    (a, b) => b.workingDaysLate - a.workingDaysLate || a.period.id - b.period.id || byName.compare(a.agency.name, b.agency.name),
  );
}
