import type { Db } from "../../db/client.ts";
import type { IsoDate } from "../../time/calendar-date.ts";
import { periodBounds, previousPeriodKey } from "../calendar/period-bounds.ts";
import { CADENCES, type Cadence } from "../templates/template-definition.ts";
import { findPeriodById, periodsBetween, type PeriodRow } from "./summaries.repository.ts";

/**
 * Periods a template has no period of, made of its shorter ones: "quý 3", "6 tháng đầu năm", "năm 2026" of a
 * monthly template is the months inside that window (Decree 09 windows, period-bounds.ts). Its figures combine
 * the months (period-combining.ts). Buttons name it by a token: the latest month's id and the longer key.
 */

type KeyCadence = Exclude<Cadence, "one-off">;

/** The cadence a period key is written in ("2026-Q3" quarterly, "2026" annual), if any. */
export function cadenceOfKey(key: string): KeyCadence | undefined {
  return CADENCES.find((c): c is KeyCadence => c !== "one-off" && periodBounds(c, key) !== undefined);
}

/**
 * The template's periods lying wholly inside the window of `key`, as one period; only those whose cut-off has
 * passed by `today` when there are any (an open month's few early filers would read as everyone missing it).
 */
export async function combinedPeriod(db: Db, templateId: string, key: string, today: IsoDate): Promise<PeriodRow | undefined> {
  const cadence = cadenceOfKey(key);
  const bounds = cadence && periodBounds(cadence, key);
  if (!bounds) return undefined;
  const inside = (await periodsBetween(db, templateId, bounds.startsOn, bounds.cutoffOn))
    .filter((p) => p.periodKey !== key && p.definition.cadence !== cadence && p.startsOn >= bounds.startsOn)
    .reverse();
  const due = inside.filter((p) => p.cutoffOn <= today);
  const months = due.length > 0 ? due : inside;
  const last = months.at(-1);
  if (!last) return undefined;
  return { ...last, periodKey: key, startsOn: months[0]!.startsOn, months };
}

/** The combined period before this one (the quarter before a quarter), if the template has periods in it. */
export async function previousCombinedPeriod(db: Db, period: PeriodRow, today: IsoDate): Promise<PeriodRow | undefined> {
  const cadence = cadenceOfKey(period.periodKey);
  const key = cadence && previousPeriodKey(cadence, period.periodKey);
  return key ? combinedPeriod(db, period.templateId, key, today) : undefined;
}

/** How buttons name a period (at most 20 bytes): its id, or for a combined one the latest month's id and the longer key. */
export function periodToken(period: PeriodRow): string {
  return period.months ? `${period.id}.${period.periodKey}` : String(period.id);
}

/**
 * The period a button names, re-read from the database: never trusted beyond that. A combined one must still
 * contain the month it was built around.
 */
export async function findPeriodByToken(db: Db, token: string, today: IsoDate): Promise<PeriodRow | undefined> {
  const m = /^(\d{1,9})(?:\.(.+))?$/.exec(token);
  if (!m) return undefined;
  const period = await findPeriodById(db, Number(m[1]));
  if (!period || m[2] === undefined) return period;
  const cadence = cadenceOfKey(m[2]);
  const bounds = cadence && periodBounds(cadence, m[2]);
  if (!bounds || period.cutoffOn < bounds.startsOn || period.cutoffOn > bounds.cutoffOn) return undefined;
  return combinedPeriod(db, period.templateId, m[2], today);
}
