import type { BotDeps } from "../../bot/context.ts";
import type { IsoDate } from "../../time/calendar-date.ts";
import { renderNotice } from "./notice-message.ts";
import type { OverdueEntry } from "./overdue.ts";
import type { PlanInput } from "./plan-input.ts";
import { manualMarkerKey, manualReminders } from "./reminder-plan.ts";
import { recordAndEnqueue } from "./reminders.repository.ts";

export type RemindNowResult = { status: "sent"; people: number } | { status: "already" } | { status: "no-recipient" };

/**
 * Reminds one overdue agency now, at most once per agency, report and day (the marker notice is unique).
 * In quiet hours the messages wait in the outbox until `notBefore`.
 */
export async function remindAgencyNow(
  deps: Pick<BotDeps, "db" | "t">,
  input: PlanInput,
  entry: OverdueEntry,
  at: { now: Date; today: IsoDate; notBefore?: Date },
): Promise<RemindNowResult> {
  const planned = manualReminders(input, entry, at.today);
  if (planned.length === 0) return { status: "no-recipient" };
  const fresh = await recordAndEnqueue(deps.db, at.now, planned, (n) => renderNotice(deps.t, n), {
    notBefore: at.notBefore,
    marker: {
      dedupeKey: manualMarkerKey(entry.period.id, entry.agency.id, at.today),
      kind: "manual",
      periodId: entry.period.id,
      agencyId: entry.agency.id,
    },
  });
  return fresh === undefined ? { status: "already" } : { status: "sent", people: fresh.length };
}
