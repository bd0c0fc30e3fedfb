/** Calendar dates as "YYYY-MM-DD" strings; arithmetic in UTC so no time zone can shift a day. */
export type IsoDate = string;

/**
 * A UTC midnight; the month and day may overflow, as with `Date.UTC`. `Date.UTC` reads years 0-99 as
 * 1900-1999 ("0026" would become 1926), so the date is built 400 years later (the Gregorian calendar repeats
 * every 400 years, leap days included) and the year is then set back with setUTCFullYear, which takes it as written.
 */
function utcDate(y: number, m: number, d: number): Date {
  const date = new Date(Date.UTC(y + 400, m - 1, d));
  date.setUTCFullYear(date.getUTCFullYear() - 400);
  return date;
}

export function toIsoDate(y: number, m: number, d: number): IsoDate {
  return utcDate(y, m, d).toISOString().slice(0, 10);
}

export function parseIsoDate(s: IsoDate): { y: number; m: number; d: number } {
  const [y, m, d] = s.split("-").map(Number) as [number, number, number];
  return { y, m, d };
}

export function addDays(s: IsoDate, n: number): IsoDate {
  const { y, m, d } = parseIsoDate(s);
  return toIsoDate(y, m, d + n);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(s: IsoDate): number {
  const { y, m, d } = parseIsoDate(s);
  return utcDate(y, m, d).getUTCDay();
}

export function daysInMonth(y: number, m: number): number {
  return utcDate(y, m + 1, 0).getUTCDate();
}

// Building an Intl.DateTimeFormat costs far more than using one; a process sees one or two zones.
const zoneFormatters = new Map<string, Intl.DateTimeFormat>();
function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = zoneFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
    });
    zoneFormatters.set(timeZone, f);
  }
  return f;
}

/**
 * The last answer per zone, by UTC minute: formatToParts costs tens of microseconds and the bot asks for
 * the same minute many times. Every zone's offset is a whole number of minutes since 1972, so within one
 * UTC minute the local date and minute do not change; older instants are not kept.
 */
const lastMinute = new Map<string, { minute: number; date: IsoDate; minutes: number }>();
const WHOLE_MINUTE_OFFSETS_SINCE = Date.UTC(1973, 0, 1);

/** The calendar date and minutes since midnight of an instant in a time zone. */
export function localDateTime(instant: Date, timeZone: string): { date: IsoDate; minutes: number } {
  const ms = instant.getTime();
  const minute = Math.floor(ms / 60_000);
  const last = lastMinute.get(timeZone);
  if (last && last.minute === minute) return { date: last.date, minutes: last.minutes };
  const parts = zoneFormatter(timeZone).formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "00";
  const local = { date: `${get("year")}-${get("month")}-${get("day")}`, minutes: Number(get("hour")) * 60 + Number(get("minute")) };
  if (ms >= WHOLE_MINUTE_OFFSETS_SINCE && (last || lastMinute.size < 100)) lastMinute.set(timeZone, { minute, ...local });
  return local;
}

/** "27/11/2026" for people. */
export function formatVnDate(s: IsoDate): string {
  const { y, m, d } = parseIsoDate(s);
  return `${String(d).padStart(2, "0")}/${String(m).padStart(2, "0")}/${y}`;
}

/** Parses dd/mm/yyyy (also d/m/yyyy, with - or .); undefined when it is not a real date. */
export function parseVnDate(text: string): IsoDate | undefined {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!m) return undefined;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Years before 1900 are slips ("01/01/0027"), and Date.UTC would read 0–99 as 1900–1999.
  if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  return toIsoDate(y, mo, d);
}
