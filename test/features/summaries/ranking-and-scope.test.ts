import { describe, expect, it } from "vitest";
import type { Membership } from "../../../src/features/people/people.table.ts";
import { scoreAgencies } from "../../../src/features/summaries/ranking-score.ts";
import { rankingInScope } from "../../../src/features/summaries/ranking-scope.ts";
import type { Ranking } from "../../../src/features/summaries/leader-queries.ts";
import type { AgencyRow } from "../../../src/features/summaries/summaries.repository.ts";
import { canSee, requiredBy, visibilityOf } from "../../../src/features/summaries/visibility.ts";
import { findIndicator } from "../../../src/features/summaries/indicators.ts";
import { TEST_TEMPLATE } from "./summaries-fixture.ts";

describe("ranking score", () => {
  const rule = { timelinessWeight: 40, indicators: [{ key: "a", weight: 30, direction: "higher" as const }, { key: "b", weight: 30, direction: "lower" as const }] };

  it("weights timeliness and min–max scaled indicators, lower-is-better reversed, ties share a rank", () => {
    const r = scoreAgencies(
      [
        { agencyId: 1, required: 4, onTime: 4, late: 0, values: { a: 10, b: 5 } },
        { agencyId: 2, required: 4, onTime: 2, late: 2, values: { a: 0, b: 1 } },
        { agencyId: 3, required: 4, onTime: 0, late: 0, values: { a: undefined, b: 5 } },
        { agencyId: 4, required: 4, onTime: 2, late: 2, values: { a: 0, b: 1 } },
      ],
      rule,
    );
    const by = new Map(r.map((x) => [x.agencyId, x]));
    expect(by.get(1)!.timeliness).toBe(100);
    expect(by.get(2)!.timeliness).toBe(75);
    expect(by.get(1)!.parts).toEqual({ a: 100, b: 0 });
    expect(by.get(2)!.parts).toEqual({ a: 0, b: 100 });
    expect(by.get(3)!.parts.a).toBe(0);
    expect(by.get(1)!.total).toBeCloseTo((40 * 100 + 30 * 100) / 100);
    expect(by.get(2)!.total).toBeCloseTo((40 * 75 + 30 * 100) / 100);
    expect(r.map((x) => [x.agencyId, x.rank])).toEqual([[1, 1], [2, 2], [4, 2], [3, 4]]);
  });
});

describe("a ranking as one viewer sees it", () => {
  it("keeps province-wide ranks and the province's count for an agency head, and shows them only their rows", () => {
    const scored = scoreAgencies(
      [30, 80, 55, 95].map((v, i) => ({ agencyId: i + 1, required: 1, onTime: 1, late: 0, values: { a: v } })),
      { timelinessWeight: 0, indicators: [{ key: "a", weight: 1, direction: "higher" }] },
    );
    const ranking = { periods: [], rule: { timelinessWeight: 0, indicators: [] }, rows: scored.map((s) => ({ ...s, agency: { id: s.agencyId } as AgencyRow, carries: [] })) } as unknown as Ranking;
    const head = rankingInScope(ranking, { all: false, agencyIds: new Set([3]), aggregate: true });
    expect(head.rows.map((r) => [r.agencyId, r.rank])).toEqual([[3, 3]]);
    expect(head.total).toBe(4);
    // Scaled across the province (30…95), not within the head's one agency (where it would score 100).
    expect(head.rows[0]!.total).toBeCloseTo((100 * (55 - 30)) / (95 - 30));
    expect(head.topScore).toBe(100);
    expect(rankingInScope(ranking, { all: true, agencyIds: new Set(), aggregate: true }).rows).toHaveLength(4);
  });
});

describe("who sees what", () => {
  const agencies: AgencyRow[] = [
    { id: 1, code: "P", name: "Tỉnh", kind: "province", parentId: null, active: true },
    { id: 2, code: "D", name: "Sở", kind: "department", parentId: 1, active: true },
    { id: 3, code: "H", name: "Huyện", kind: "district", parentId: 1, active: true },
    { id: 4, code: "X", name: "Xã", kind: "commune", parentId: 3, active: true },
    { id: 5, code: "Y", name: "Xã cũ", kind: "commune", parentId: 3, active: false },
  ];
  const m = (role: Membership["role"], agencyId: number | null) => ({ id: 0, personId: 1, role, agencyId, createdAt: new Date() }) as Membership;

  it("gives province-wide roles everything", () => {
    for (const ms of [[m("admin", null)], [m("coordinator", null)], [m("leader", null)]]) expect(visibilityOf(ms, agencies).all).toBe(true);
  });

  it("gives a scoped leader the agency and its descendants, a reporter only their agency", () => {
    const leader = visibilityOf([m("leader", 3)], agencies);
    expect(leader.all).toBe(false);
    expect([...leader.agencyIds].sort()).toEqual([3, 4, 5]);
    expect(leader.aggregate).toBe(true);
    const reporter = visibilityOf([m("reporter", 3)], agencies);
    expect([...reporter.agencyIds]).toEqual([3]);
    expect(reporter.aggregate).toBe(false);
    expect(canSee(reporter, 4)).toBe(false);
    expect(visibilityOf([], agencies).agencyIds.size).toBe(0);
  });

  it("applies the template's selector to active agencies only", () => {
    expect(requiredBy({ mode: "kinds", kinds: ["commune"] }, agencies).map((a) => a.id)).toEqual([4]);
    expect(requiredBy({ mode: "list", codes: ["D", "Y"] }, agencies).map((a) => a.id)).toEqual([2]);
  });

  it("finds an indicator by words of its label in either language, or by key", () => {
    expect(findIndicator(TEST_TEMPLATE, "tỷ lệ hồ sơ trực tuyến")?.key).toBe("online_share");
    expect(findIndicator(TEST_TEMPLATE, "dịch vụ công")?.key).toBe("services");
    expect(findIndicator(TEST_TEMPLATE, "disbursement rate")?.key).toBe("disb_rate");
    expect(findIndicator(TEST_TEMPLATE, "budget")?.key).toBe("budget");
    expect(findIndicator(TEST_TEMPLATE, "thời tiết")).toBeUndefined();
  });
});
