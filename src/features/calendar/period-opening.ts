import type { Cadence } from "../templates/template-definition.ts";
import type { IsoDate } from "../../time/calendar-date.ts";
import { periodContaining } from "./period-bounds.ts";

/**
 * The period of each periodic template whose window contains `today` and has started. A nine-month window
 * (15/12–14/9) leaves a gap until the next one starts, so it may have nothing to open.
 */
export function periodsDueToOpen(templates: { templateId: string; cadence: Cadence }[], today: IsoDate): { templateId: string; periodKey: string }[] {
  const out: { templateId: string; periodKey: string }[] = [];
  for (const t of templates) {
    if (t.cadence === "one-off") continue;
    const b = periodContaining(t.cadence, today);
    if (b.startsOn <= today) out.push({ templateId: t.templateId, periodKey: b.periodKey });
  }
  return out;
}
