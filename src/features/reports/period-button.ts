import type { IsoDate } from "../../time/calendar-date.ts";

/**
 * Buttons of /closeperiod and /reopenperiod: `report:pc:<id>` (close), `report:pr:<id>` (reopen: pick the day),
 * `report:pu:<id>:<yyyymmdd>` (reopen until that day). Typed values; the period is re-loaded on every press.
 */
export type PeriodButton =
  | { verb: "close"; periodId: number }
  | { verb: "reopen"; periodId: number }
  | { verb: "until"; periodId: number; until: IsoDate };

export const periodButtonPattern = /^report:p[cru]:/;

export function encodePeriodButton(b: PeriodButton): string {
  if (b.verb === "until") return `report:pu:${b.periodId}:${b.until.replace(/-/g, "")}`;
  return `report:${b.verb === "close" ? "pc" : "pr"}:${b.periodId}`;
}

export function decodePeriodButton(data: string): PeriodButton | undefined {
  const m = /^report:(pc|pr|pu):(\d{1,9})(?::(\d{4})(\d{2})(\d{2}))?$/.exec(data);
  if (!m) return undefined;
  const periodId = Number(m[2]);
  if (m[1] === "pu") return m[3] ? { verb: "until", periodId, until: `${m[3]}-${m[4]}-${m[5]}` } : undefined;
  if (m[3]) return undefined;
  return { verb: m[1] === "pc" ? "close" : "reopen", periodId };
}
