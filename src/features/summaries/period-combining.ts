import { combinationOf, NUMERIC_QUESTION_TYPES, type Combination, type TemplateDefinition } from "../templates/template-definition.ts";
import type { StoredReport } from "./period-answers.ts";

/**
 * A longer period made of a template's own periods (a quarter, half-year or year of a monthly template): each
 * agency's answers of the months combine into one report, as each question declares (`combine`, see
 * template-definition.ts): a flow is summed, a stock keeps its latest value, a level is averaged. Derived shares
 * are not combined here: they are recomputed from the combined numerator and denominator like any month's.
 * A merged agency's reports count for its successor (history follows the merge).
 */

/** How each numeric question of a definition combines. */
export function combinationsOf(def: Pick<TemplateDefinition, "questions">): Map<string, Combination> {
  return new Map(def.questions.filter((q) => NUMERIC_QUESTION_TYPES.has(q.type)).map((q) => [q.key, combinationOf(q)]));
}

/** One value from the months' values (oldest first; a month without one is undefined), as `how` says. */
export function combineValues(how: Combination, monthly: readonly (number | undefined)[]): number | undefined {
  const present = monthly.filter((v): v is number => v !== undefined);
  if (present.length === 0) return undefined;
  switch (how) {
    case "sum":
      return present.reduce((a, b) => a + b, 0);
    case "last":
      return present[present.length - 1];
    case "avg":
      return present.reduce((a, b) => a + b, 0) / present.length;
  }
}

export interface MonthReports {
  periodKey: string;
  /** The month's reports that count (reported, in scope). */
  reports: readonly StoredReport[];
}

export interface CombinedReports {
  /** One report per agency (after merges) that filed at least one month, in agency order. */
  reports: StoredReport[];
  /** The months each of those agencies filed (its own reports or its predecessors'), oldest first. */
  filed: Map<number, string[]>;
}

/**
 * Combines the months (oldest first) agency by agency. `targetOf` maps an agency to the one its history now
 * lives under (itself unless merged). Within one month, reports of several agencies merged into one add up
 * (a level is averaged); across months each key combines as `how` says (keys it does not know keep the
 * latest value). Choices and texts are the latest month's. Late if any month was late.
 */
export function combineReports(
  months: readonly MonthReports[],
  how: (key: string) => Combination,
  targetOf: (agencyId: number) => number = (id) => id,
): CombinedReports {
  interface Acc {
    nums: Map<string, (number | undefined)[]>;
    values: Map<string, unknown>;
    latest: StoredReport;
    late: boolean;
    onTimeKnown: boolean;
    filed: string[];
  }
  const acc = new Map<number, Acc>();
  months.forEach((month, i) => {
    const byTarget = new Map<number, StoredReport[]>();
    for (const r of month.reports) {
      if (!r.reported) continue;
      const t = targetOf(r.agencyId);
      byTarget.set(t, [...(byTarget.get(t) ?? []), r]);
    }
    for (const [target, sources] of byTarget) {
      let a = acc.get(target);
      if (!a) acc.set(target, (a = { nums: new Map(), values: new Map(), latest: sources[0]!, late: false, onTimeKnown: false, filed: [] }));
      a.filed.push(month.periodKey);
      // The target's own report speaks for the month's choices and texts; else its predecessors', in order.
      const ordered = [...sources].sort((x, y) => Number(y.agencyId === target) - Number(x.agencyId === target));
      a.latest = ordered[0]!;
      for (const r of sources) {
        if (r.onTime === false) a.late = true;
        if (r.onTime !== null) a.onTimeKnown = true;
      }
      a.values = new Map();
      for (const r of [...ordered].reverse()) for (const [k, v] of r.values) a.values.set(k, v);
      const keys = new Set(sources.flatMap((r) => [...r.nums.keys()]));
      for (const key of keys) {
        const vals = sources.map((r) => r.nums.get(key)).filter((v): v is number => v !== undefined);
        const monthValue = how(key) === "avg" ? vals.reduce((x, y) => x + y, 0) / vals.length : vals.reduce((x, y) => x + y, 0);
        let series = a.nums.get(key);
        if (!series) a.nums.set(key, (series = new Array<number | undefined>(months.length).fill(undefined)));
        series[i] = monthValue;
      }
    }
  });
  const reports: StoredReport[] = [];
  const filed = new Map<number, string[]>();
  for (const [target, a] of [...acc].sort(([x], [y]) => x - y)) {
    const nums = new Map<string, number>();
    for (const [key, series] of a.nums) {
      const v = combineValues(how(key), series);
      if (v !== undefined) nums.set(key, v);
    }
    reports.push({ ...a.latest, agencyId: target, reported: true, onTime: a.late ? false : a.onTimeKnown ? true : null, nums, values: a.values });
    filed.set(target, a.filed);
  }
  return { reports, filed };
}

/** Per agency, the months it had to report and did not (neither it nor an agency merged into it). */
export function missedMonths(
  requiredByMonth: readonly { periodKey: string; agencyIds: readonly number[] }[],
  filed: ReadonlyMap<number, readonly string[]>,
  targetOf: (agencyId: number) => number = (id) => id,
): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const { periodKey, agencyIds } of requiredByMonth) {
    for (const t of new Set(agencyIds.map(targetOf))) {
      if (filed.get(t)?.includes(periodKey)) continue;
      out.set(t, [...(out.get(t) ?? []), periodKey]);
    }
  }
  return out;
}
