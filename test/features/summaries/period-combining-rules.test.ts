import { describe, expect, it } from "vitest";
import type { StoredReport } from "../../../src/features/summaries/period-answers.ts";
import { combinationsOf, combineReports, combineValues, missedMonths } from "../../../src/features/summaries/period-combining.ts";
import { combinationOf, templateDefinitionSchema, type Combination } from "../../../src/features/templates/template-definition.ts";
import { loadTemplateFile } from "../../../src/features/templates/template-file.ts";

const report = (agencyId: number, nums: Record<string, number>, extra: Partial<StoredReport> = {}): StoredReport => ({
  id: agencyId, agencyId, reported: true, status: "submitted", version: 1, onTime: true, submittedAt: null,
  nums: new Map(Object.entries(nums)), values: new Map(), ...extra,
});

describe("how months combine", () => {
  it.each<[Combination, (number | undefined)[], number | undefined]>([
    ["sum", [10, 20, 30], 60],
    ["sum", [10, undefined, 30], 40],
    ["last", [10, 20, 30], 30],
    ["last", [10, 20, undefined], 20],
    ["avg", [80, 90, undefined], 85],
    ["avg", [undefined, undefined], undefined],
    ["sum", [], undefined],
  ])("%s of %j is %s", (how, monthly, expected) => {
    expect(combineValues(how, monthly)).toBe(expected);
  });

  it.each<[string, "integer" | "percent" | "money" | "decimal", Combination | undefined, Combination]>([
    ["declared sum", "integer", "sum", "sum"],
    ["declared last on money", "money", "last", "last"],
    ["a percent without a declaration is averaged", "percent", undefined, "avg"],
    ["a count without a declaration keeps its latest value", "integer", undefined, "last"],
    ["an amount without a declaration keeps its latest value", "money", undefined, "last"],
  ])("%s", (_, type, combine, expected) => {
    expect(combinationOf({ type, ...(combine ? { combine } : {}) })).toBe(expected);
  });

  it("a template refuses combine on a question that is not a number", () => {
    const parsed = templateDefinitionSchema.safeParse({
      id: "t", title: { vi: "T", en: "T" }, cadence: "monthly",
      questions: [{ key: "note", type: "long-text", label: { vi: "Ghi chú", en: "Note" }, combine: "sum" }],
    });
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain("combine applies to numeric questions");
  });

  it("the shipped IT-plan template sums flows, keeps stocks and averages the percentage", async () => {
    const how = combinationsOf(await loadTemplateFile("templates/it-plan.yaml"));
    expect(Object.fromEntries(how)).toEqual({
      docs_electronic_pct: "avg", online_services: "last", dossiers_online: "sum", dossiers_total: "sum", staff_trained: "sum",
      outreach_events: "sum", budget_allocated: "last", budget_disbursed: "last", connected_systems: "last",
    });
  });

  it("a quarter: flows add up, stocks keep the latest month filed, shares come from the combined parts", () => {
    const how = (k: string): Combination => (k === "services" || k === "budget" || k === "disbursed" ? "last" : k === "pct" ? "avg" : "sum");
    const { reports, filed } = combineReports(
      [
        { periodKey: "2026-07", reports: [report(1, { total: 100, online: 50, services: 10, pct: 80 }), report(2, { total: 10, online: 1, services: 3, pct: 60 })] },
        { periodKey: "2026-08", reports: [report(1, { total: 200, online: 150, services: 12, pct: 90 })] },
        { periodKey: "2026-09", reports: [report(1, { total: 300, online: 100, services: 15, pct: 100 }, { onTime: false })] },
      ],
      how,
    );
    expect(reports.map((r) => [r.agencyId, Object.fromEntries(r.nums), r.onTime])).toEqual([
      [1, { total: 600, online: 300, services: 15, pct: 90 }, false],
      [2, { total: 10, online: 1, services: 3, pct: 60 }, true],
    ]);
    expect(Object.fromEntries(filed)).toEqual({ 1: ["2026-07", "2026-08", "2026-09"], 2: ["2026-07"] });
    // The share of the quarter is Σ online / Σ total of the combined reports (300 + 1) / (600 + 10), not a mean of monthly shares.
    const share = reports.reduce((a, r) => a + r.nums.get("online")!, 0) / reports.reduce((a, r) => a + r.nums.get("total")!, 0);
    expect(share).toBeCloseTo(301 / 610);
  });

  it("a merge inside the quarter: the predecessor's months count for the successor; choices and texts are the latest month's", () => {
    const how = (k: string): Combination => (k === "services" ? "last" : "sum");
    const successor = (id: number) => (id === 7 || id === 8 ? 9 : id);
    const { reports, filed } = combineReports(
      [
        { periodKey: "2026-07", reports: [report(7, { total: 40, services: 4 }, { values: new Map([["status", "behind"]]) }), report(8, { total: 60, services: 6 })] },
        { periodKey: "2026-08", reports: [report(9, { total: 110, services: 11 }, { values: new Map([["status", "on_schedule"]]) })] },
      ],
      how,
      successor,
    );
    expect(reports).toHaveLength(1);
    expect([reports[0]!.agencyId, Object.fromEntries(reports[0]!.nums), reports[0]!.values.get("status")]).toEqual([9, { total: 210, services: 11 }, "on_schedule"]);
    expect(filed.get(9)).toEqual(["2026-07", "2026-08"]);
  });

  it("who misses a month: only months it had to report, with merged agencies under their successor", () => {
    const missed = missedMonths(
      [
        { periodKey: "2026-07", agencyIds: [1, 2, 7] },
        { periodKey: "2026-08", agencyIds: [1, 2, 9] },
        { periodKey: "2026-09", agencyIds: [1, 9] },
      ],
      new Map([[1, ["2026-07", "2026-08", "2026-09"]], [2, ["2026-08"]], [9, ["2026-07", "2026-09"]]]),
      (id) => (id === 7 ? 9 : id),
    );
    expect(Object.fromEntries(missed)).toEqual({ 2: ["2026-07"], 9: ["2026-08"] });
  });
});
