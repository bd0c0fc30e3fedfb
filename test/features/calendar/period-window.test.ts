import { describe, expect, it } from "vitest";
import { addDays, daysInMonth, toIsoDate, weekday } from "../../../src/time/calendar-date.ts";
import { periodBounds } from "../../../src/features/calendar/period-bounds.ts";
import { checkOpenablePeriod, isPlausibleYear, openableRange, type PeriodicCadence } from "../../../src/features/calendar/period-window.ts";

const TODAY = "2026-11-20"; // in the window of 2026-12 (15/11–14/12)

describe("checkOpenablePeriod: a year back to the next period", () => {
  it.each<[PeriodicCadence, string, string]>([
    ["monthly", "2026-12", "ok"],
    ["monthly", "2027-01", "ok"],
    ["monthly", "2026-11", "ok"],
    ["monthly", "2025-12", "ok"],
    ["monthly", "2025-11", "too-early"],
    ["monthly", "2027-02", "too-late"],
    ["monthly", "1999-01", "too-early"],
    ["monthly", "0001-01", "too-early"],
    ["monthly", "0026-11", "too-early"],
    ["monthly", "2099-12", "too-late"],
    ["monthly", "9999-12", "too-late"],
    ["monthly", "0000-01", "bad-key"],
    ["monthly", "2026-13", "bad-key"],
    ["monthly", "2026-Q4", "bad-key"],
    ["quarterly", "2026-Q4", "ok"],
    ["quarterly", "2027-Q1", "ok"],
    ["quarterly", "2027-Q2", "too-late"],
    ["quarterly", "2025-Q4", "ok"],
    ["quarterly", "2025-Q3", "too-early"],
    ["six-month", "2026-H2", "ok"],
    ["six-month", "2027-H1", "ok"],
    ["six-month", "2027-H2", "too-late"],
    ["six-month", "2025-H2", "ok"],
    ["six-month", "2025-H1", "too-early"],
    ["nine-month", "2026-9M", "ok"],
    ["nine-month", "2027-9M", "ok"],
    ["nine-month", "2028-9M", "too-late"],
    ["nine-month", "2025-9M", "too-early"],
    ["annual", "2026", "ok"],
    ["annual", "2027", "ok"],
    ["annual", "2025", "ok"],
    ["annual", "2024", "too-early"],
    ["annual", "2028", "too-late"],
    ["annual", "0026", "too-early"],
  ])("%s %s → %s", (cadence, key, expected) => {
    const r = checkOpenablePeriod(cadence, key, TODAY);
    expect(r.ok ? "ok" : r.reason).toBe(expected);
  });

  it("names the oldest and newest periods that may be opened", () => {
    const range = openableRange("monthly", TODAY);
    expect([range.earliest.periodKey, range.latest.periodKey]).toEqual(["2025-12", "2027-01"]);
    const r = checkOpenablePeriod("monthly", "1999-01", TODAY);
    expect(r).toMatchObject({ ok: false, reason: "too-early", earliest: { periodKey: "2025-12" }, latest: { periodKey: "2027-01" } });
    // On the 29th of February the window still starts a year back.
    expect(openableRange("monthly", "2028-02-29").earliest.periodKey).toBe("2027-03");
  });
});

describe("years below 1900 stay the years written", () => {
  it.each([
    ["0001-01", "0000-12-15", "0001-01-14"],
    ["0026-11", "0026-10-15", "0026-11-14"],
    ["1899-03", "1899-02-15", "1899-03-14"],
  ])("period %s runs %s–%s (not 19xx)", (key, startsOn, cutoffOn) => {
    expect(periodBounds("monthly", key)).toMatchObject({ startsOn, cutoffOn });
  });

  it("date arithmetic keeps the year and the leap days of the proleptic calendar", () => {
    expect(toIsoDate(26, 1, 15)).toBe("0026-01-15");
    expect(toIsoDate(99, 12, 32)).toBe("0100-01-01");
    expect(addDays("0026-02-28", 1)).toBe("0026-03-01");
    expect(addDays("0024-02-28", 1)).toBe("0024-02-29");
    expect(daysInMonth(4, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(addDays("2025-02-28", 2)).toBe("2025-03-02");
    // 1 January of the year 1 was a Monday (proleptic Gregorian); 1 January 1901 a Tuesday.
    expect(weekday("0001-01-01")).toBe(1);
    expect(weekday("1901-01-01")).toBe(2);
  });
});

describe("isPlausibleYear", () => {
  it.each([
    [2026, true],
    [2000, true],
    [2100, true],
    [1999, false],
    [26, false],
    [2101, false],
    [2026.5, false],
  ])("%s → %s", (y, ok) => expect(isPlausibleYear(y)).toBe(ok));
});
