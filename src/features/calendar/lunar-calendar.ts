import type { IsoDate } from "../../time/calendar-date.ts";

/**
 * Vietnamese lunar calendar (âm lịch), computed astronomically: months begin on the day of the new moon
 * in UTC+7, and month 11 is the one containing the winter solstice. The new-moon and sun-longitude series
 * are the low-precision ones from Jean Meeus, "Astronomical Algorithms" (ch. 25 and 49), accurate to
 * minutes for 1900–2100, which is enough to place a new moon on its calendar day.
 * UTC+7 matters: the Chinese calendar (UTC+8) puts some months, and so some Tết, one day apart.
 */
const VN_OFFSET_HOURS = 7;
const SYNODIC_MONTH = 29.530588853;
const UNIX_EPOCH_JD = 2_440_588;
const rad = Math.PI / 180;

/** Julian day number of a civil date. */
function jdOf(y: number, m: number, d: number): number {
  return Math.floor(Date.UTC(y, m - 1, d) / 86_400_000) + UNIX_EPOCH_JD;
}

function isoOfJd(jd: number): IsoDate {
  return new Date((jd - UNIX_EPOCH_JD) * 86_400_000).toISOString().slice(0, 10);
}

/** Julian date (fractional, UT) of the k-th new moon after 1900-01-01. */
function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  let jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * rad);
  const M = (359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3) * rad;
  const Mp = (306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3) * rad;
  const F = (21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3) * rad;
  const c =
    (0.1734 - 0.000393 * T) * Math.sin(M) + 0.0021 * Math.sin(2 * M) -
    0.4068 * Math.sin(Mp) + 0.0161 * Math.sin(2 * Mp) - 0.0004 * Math.sin(3 * Mp) +
    0.0104 * Math.sin(2 * F) - 0.0051 * Math.sin(M + Mp) - 0.0074 * Math.sin(M - Mp) +
    0.0004 * Math.sin(2 * F + M) - 0.0004 * Math.sin(2 * F - M) - 0.0006 * Math.sin(2 * F + Mp) +
    0.001 * Math.sin(2 * F - Mp) + 0.0005 * Math.sin(2 * Mp + M);
  // ΔT (dynamical minus universal time), in days.
  const deltaT = T < -11
    ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
    : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd + c - deltaT;
}

/** The civil day (JDN in Vietnam) of the k-th new moon. */
function newMoonDay(k: number): number {
  return Math.floor(newMoon(k) + 0.5 + VN_OFFSET_HOURS / 24);
}

/** The sun's apparent longitude in radians, normalised to [0, 2π), at a Julian date. */
function sunLongitude(jd: number): number {
  const T = (jd - 2451545.0) / 36525;
  const T2 = T * T;
  const M = (357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2) * rad;
  const L0 = (280.46645 + 36000.76983 * T + 0.0003032 * T2) * rad;
  const dl =
    (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(M) + (0.019993 - 0.000101 * T) * Math.sin(2 * M) +
    0.00029 * Math.sin(3 * M);
  const L = L0 + dl * rad;
  return L - 2 * Math.PI * Math.floor(L / (2 * Math.PI));
}

/** Which 30° sector (0–11) the sun is in at the start of a Vietnamese civil day. */
function sunSector(dayJd: number): number {
  return Math.floor((sunLongitude(dayJd - 0.5 - VN_OFFSET_HOURS / 24) / Math.PI) * 6);
}

/** First day of lunar month 11 (the month of the winter solstice) of the given Gregorian year. */
function month11Start(year: number): number {
  const k = Math.floor((jdOf(year, 12, 31) - 2415021) / SYNODIC_MONTH);
  const nm = newMoonDay(k);
  return sunSector(nm) >= 9 ? newMoonDay(k - 1) : nm;
}

/** In a 13-month lunar year starting at month 11 (a11), the offset of the first month without a major solar term. */
function leapMonthOffset(a11: number): number {
  const k = Math.floor((a11 - 2415021.076998695) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let arc = sunSector(newMoonDay(k + i));
  let last: number;
  do {
    last = arc;
    i++;
    arc = sunSector(newMoonDay(k + i));
  } while (arc !== last && i < 14);
  return i - 1;
}

/** The Gregorian date of a lunar date (day, month 1–12, lunar year, leap month or not); undefined if no such leap month. */
export function lunarToSolar(lunarYear: number, month: number, day: number, leap = false): IsoDate | undefined {
  const [a11, b11] = month < 11
    ? [month11Start(lunarYear - 1), month11Start(lunarYear)]
    : [month11Start(lunarYear), month11Start(lunarYear + 1)];
  const k = Math.floor(0.5 + (a11 - 2415021.076998695) / SYNODIC_MONTH);
  let off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) return undefined;
    if (leap || off >= leapOff) off += 1;
  } else if (leap) return undefined;
  return isoOfJd(newMoonDay(k + off) + day - 1);
}

/** Mùng 1 Tết: the first day of the lunar year that starts in the given Gregorian year. */
export function lunarNewYear(year: number): IsoDate {
  return lunarToSolar(year, 1, 1)!;
}
