import { describe, expect, it } from "vitest";
import { weekday } from "../../../src/time/calendar-date.ts";
import { lunarNewYear, lunarToSolar } from "../../../src/features/calendar/lunar-calendar.ts";
import { periodsDueToOpen } from "../../../src/features/calendar/period-opening.ts";
import { defaultHolidays } from "../../../src/features/calendar/vietnam-holidays.ts";
import { addWorkingDays, deadlineFor, isWorkingDay, subtractWorkingDays, workingDaysBetween } from "../../../src/features/calendar/working-days.ts";

const overridesOf = (...years: number[]) => new Map(years.flatMap((y) => defaultHolidays(y)).map((d) => [d.day, d.kind] as const));

describe("Vietnamese lunar calendar", () => {
  it("finds mùng 1 Tết for 2020–2030 (dates as published in Vietnamese calendars)", () => {
    const tet = {
      2020: "2020-01-25", 2021: "2021-02-12", 2022: "2022-02-01", 2023: "2023-01-22", 2024: "2024-02-10", 2025: "2025-01-29",
      2026: "2026-02-17", 2027: "2027-02-06", 2028: "2028-01-26", 2029: "2029-02-13", 2030: "2030-02-02",
    };
    for (const [y, d] of Object.entries(tet)) expect(lunarNewYear(Number(y)), y).toBe(d);
  });
  it("uses Vietnam's time zone, not China's: Tết 1985 fell a month apart", () => {
    expect(lunarNewYear(1985)).toBe("1985-01-21");
  });
  it("places Giỗ Tổ Hùng Vương (10/3 lunar) and handles a leap month", () => {
    expect(lunarToSolar(2024, 3, 10)).toBe("2024-04-18");
    expect(lunarToSolar(2025, 3, 10)).toBe("2025-04-07");
    expect(lunarToSolar(2026, 3, 10)).toBe("2026-04-26");
    expect(lunarToSolar(2027, 3, 10)).toBe("2027-04-16");
    // 2023 had a leap 2nd month (tháng 2 nhuận) from 22/3/2023.
    expect(lunarToSolar(2023, 2, 1, true)).toBe("2023-03-22");
    expect(lunarToSolar(2023, 3, 1)).toBe("2023-04-20");
    expect(lunarToSolar(2023, 5, 1, true)).toBeUndefined();
  });
});

describe("default public holidays", () => {
  it("2026: Tết 16–20/2, Hùng Kings on a Sunday compensated on Monday, 30/4–1/5, 1–2/9", () => {
    const days = defaultHolidays(2026).map((d) => d.day);
    expect(days).toEqual([
      "2026-01-01", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20",
      "2026-04-26", "2026-04-27", "2026-04-30", "2026-05-01", "2026-09-01", "2026-09-02",
    ]);
    expect(defaultHolidays(2026).every((d) => d.kind === "holiday" && d.name.length > 0)).toBe(true);
  });
  it("2027: Tết days on the weekend are compensated after the block; 1/5 on Saturday moves to Monday 3/5", () => {
    const days = defaultHolidays(2027).map((d) => d.day);
    expect(days).toEqual([
      "2027-01-01", "2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11",
      "2027-04-16", "2027-04-30", "2027-05-01", "2027-05-03", "2027-09-02", "2027-09-03",
    ]);
    expect(defaultHolidays(2027).find((d) => d.day === "2027-05-03")?.name).toContain("Nghỉ bù");
  });
});

describe("working days and deadlines across holidays", () => {
  const o = overridesOf(2026, 2027);
  it("skips the Tết block when counting working days", () => {
    // Cut-off Sat 14/2/2026: Mon 16 – Fri 20 are Tết, so the 2nd working day is Tue 24/2.
    expect(deadlineFor({ kind: "working-days-after-cutoff", days: 2 }, "2026-02-14", o)).toBe("2026-02-24");
    expect(workingDaysBetween("2026-02-13", "2026-02-23", o)).toBe(1);
    // 2027: Tết and its compensatory days run Fri 5/2 – Thu 11/2.
    expect(deadlineFor({ kind: "working-days-after-cutoff", days: 2 }, "2027-02-04", o)).toBe("2027-02-15");
    expect(subtractWorkingDays("2027-02-12", 1, o)).toBe("2027-02-04");
  });
  it("moves a fixed-day deadline off a holiday and counts a compensatory Saturday", () => {
    // The 30th of April 2026 is a holiday, and so is 1 May (Fri): the next working day is Mon 4/5.
    expect(deadlineFor({ kind: "fixed-day", day: 30 }, "2026-04-14", o)).toBe("2026-05-04");
    const swapped = new Map(o);
    swapped.set("2026-05-02", "workday");
    expect(isWorkingDay("2026-05-02", swapped)).toBe(true);
    expect(deadlineFor({ kind: "fixed-day", day: 30 }, "2026-04-14", swapped)).toBe("2026-05-02");
    expect(addWorkingDays("2026-04-29", 1, swapped)).toBe("2026-05-02");
  });
  it("counts 2/9 and its adjacent day as days off", () => {
    expect(workingDaysBetween("2026-08-31", "2026-09-03", o)).toBe(1);
    expect(weekday("2026-09-03")).toBe(4);
  });
});

describe("periods open when their window starts", () => {
  const templates = [
    { templateId: "m", cadence: "monthly" as const },
    { templateId: "q", cadence: "quarterly" as const },
    { templateId: "h", cadence: "six-month" as const },
    { templateId: "n", cadence: "nine-month" as const },
    { templateId: "y", cadence: "annual" as const },
    { templateId: "o", cadence: "one-off" as const },
  ];
  it("across the year end every cadence rolls into the next year on 15/12", () => {
    expect(periodsDueToOpen(templates, "2026-12-14")).toEqual([
      { templateId: "m", periodKey: "2026-12" },
      { templateId: "q", periodKey: "2026-Q4" },
      { templateId: "h", periodKey: "2026-H2" },
      { templateId: "y", periodKey: "2026" },
    ]);
    expect(periodsDueToOpen(templates, "2026-12-15")).toEqual([
      { templateId: "m", periodKey: "2027-01" },
      { templateId: "q", periodKey: "2027-Q1" },
      { templateId: "h", periodKey: "2027-H1" },
      { templateId: "n", periodKey: "2027-9M" },
      { templateId: "y", periodKey: "2027" },
    ]);
  });
  it("leaves the nine-month gap (15/9–14/12) empty and opens monthly periods over Tết as usual", () => {
    expect(periodsDueToOpen(templates, "2026-10-01").map((p) => p.templateId)).not.toContain("n");
    expect(periodsDueToOpen(templates, "2026-09-14").find((p) => p.templateId === "n")?.periodKey).toBe("2026-9M");
    expect(periodsDueToOpen(templates, "2026-02-17").find((p) => p.templateId === "m")?.periodKey).toBe("2026-03");
  });
});
