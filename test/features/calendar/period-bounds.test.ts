import { describe, expect, it } from "vitest";
import { periodBounds, periodContaining, previousPeriodKey } from "../../../src/features/calendar/period-bounds.ts";
import { deadlineFor } from "../../../src/features/calendar/working-days.ts";

describe("period bounds (Decree 09/2019)", () => {
  it("monthly runs from the 15th of the previous month to the 14th, across the year end", () => {
    expect(periodBounds("monthly", "2026-01")).toEqual({ periodKey: "2026-01", startsOn: "2025-12-15", cutoffOn: "2026-01-14" });
    expect(periodContaining("monthly", "2026-12-20").periodKey).toBe("2027-01");
    expect(periodContaining("monthly", "2026-12-14").periodKey).toBe("2026-12");
  });
  it("quarterly, six-month, nine-month and annual follow the same pattern", () => {
    expect(periodBounds("quarterly", "2026-Q1")).toMatchObject({ startsOn: "2025-12-15", cutoffOn: "2026-03-14" });
    expect(periodBounds("six-month", "2026-H1")).toMatchObject({ startsOn: "2025-12-15", cutoffOn: "2026-06-14" });
    expect(periodBounds("nine-month", "2026-9M")).toMatchObject({ startsOn: "2025-12-15", cutoffOn: "2026-09-14" });
    expect(periodBounds("annual", "2026")).toMatchObject({ startsOn: "2025-12-15", cutoffOn: "2026-12-14" });
    expect(periodBounds("monthly", "2026-13")).toBeUndefined();
    expect(periodBounds("quarterly", "2026-11")).toBeUndefined();
  });
  it("knows the previous period", () => {
    expect(previousPeriodKey("monthly", "2026-01")).toBe("2025-12");
    expect(previousPeriodKey("quarterly", "2026-Q1")).toBe("2025-Q4");
    expect(previousPeriodKey("nine-month", "2026-9M")).toBe("2025-9M");
    expect(previousPeriodKey("annual", "2026")).toBe("2025");
  });
  it("counts working days after the cut-off, skipping weekends and holidays", () => {
    // 14/11/2026 is a Saturday: Mon 16 and Tue 17 are the two working days.
    expect(deadlineFor({ kind: "working-days-after-cutoff", days: 2 }, "2026-11-14", new Map())).toBe("2026-11-17");
    const tet = new Map([["2026-11-16", "holiday" as const]]);
    expect(deadlineFor({ kind: "working-days-after-cutoff", days: 2 }, "2026-11-14", tet)).toBe("2026-11-18");
    // A compensatory Saturday counts as a working day.
    const swap = new Map([["2026-11-14", "workday" as const], ["2026-11-15", "workday" as const]]);
    expect(deadlineFor({ kind: "working-days-after-cutoff", days: 1 }, "2026-11-14", swap)).toBe("2026-11-15");
    expect(deadlineFor({ kind: "fixed-day", day: 15 }, "2026-11-14", new Map())).toBe("2026-11-16");
  });
});
