import { localDateTime, type IsoDate } from "../../time/calendar-date.ts";
import { isWorkingDay, type DayOverrides } from "../calendar/working-days.ts";

/** Quiet hours as minutes since midnight; `from` > `to` means the window wraps past midnight. */
export interface QuietHours {
  from: number;
  to: number;
}

/** "20:00-07:30" → { from: 1200, to: 450 }. The config schema has already checked the shape. */
export function parseQuietHours(text: string): QuietHours {
  const [a, b] = text.split("-") as [string, string];
  const minutes = (hm: string) => {
    const [h, m] = hm.split(":").map(Number) as [number, number];
    return h * 60 + m;
  };
  return { from: minutes(a), to: minutes(b) };
}

export function inQuietHours(minutes: number, q: QuietHours): boolean {
  if (q.from === q.to) return false;
  return q.from < q.to ? minutes >= q.from && minutes < q.to : minutes >= q.from || minutes < q.to;
}

/** Minutes from `minutes` until quiet hours end (0 when not quiet). */
export function minutesUntilQuietEnds(minutes: number, q: QuietHours): number {
  return inQuietHours(minutes, q) ? (q.to - minutes + 1440) % 1440 : 0;
}

/** The local moment that scheduled notices are judged at. */
export interface LocalMoment {
  today: IsoDate;
  minutes: number;
}

export function localMoment(now: Date, timeZone: string): LocalMoment {
  const { date, minutes } = localDateTime(now, timeZone);
  return { today: date, minutes };
}

/** Scheduled notices go out only on working days and outside quiet hours; otherwise they wait for the next run. */
export function maySendScheduled(at: LocalMoment, quiet: QuietHours, overrides: DayOverrides): boolean {
  return isWorkingDay(at.today, overrides) && !inQuietHours(at.minutes, quiet);
}
