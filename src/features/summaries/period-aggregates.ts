import type { AgencyKind } from "../agencies/agencies.table.ts";
import type { TemplateDefinition } from "../templates/template-definition.ts";
import type { StoredReport } from "./period-answers.ts";
import {
  OUTLIER_RULE, type ChoiceCountRow, type ContradictionRow, type NumericAggregateRow, type OutlierBaseline, type OutlierRow,
  type TextAnswerRow,
} from "./summaries.repository.ts";

/**
 * A period's figures from its reports (already limited to what counts: reported and in scope, in agency
 * order as period-answers.ts gives them), computed in this process from the kept answers.
 */

/** Count, sum, mean, min and max of each numeric key per agency kind and over all kinds (kind null). */
export function numericAggregates(
  periodId: number,
  reports: readonly StoredReport[],
  kindOf: (agencyId: number) => AgencyKind | undefined,
  keys: readonly string[],
): NumericAggregateRow[] {
  // One accumulator per key for each kind met and for the total (kind null), indexed like `keys`.
  const byKind = new Map<AgencyKind | null, Array<NumericAggregateRow | undefined>>();
  const slots = (kind: AgencyKind | null) => {
    let s = byKind.get(kind);
    if (!s) byKind.set(kind, (s = new Array<NumericAggregateRow | undefined>(keys.length)));
    return s;
  };
  const total = slots(null);
  const add = (s: Array<NumericAggregateRow | undefined>, i: number, kind: AgencyKind | null, v: number) => {
    const r = s[i];
    if (!r) s[i] = { periodId, kind, key: keys[i]!, n: 1, sum: v, avg: v, min: v, max: v };
    else {
      r.n++;
      r.sum += v;
      if (v < r.min) r.min = v;
      if (v > r.max) r.max = v;
    }
  };
  for (const rep of reports) {
    const kind = kindOf(rep.agencyId);
    if (kind === undefined) continue;
    const own = slots(kind);
    for (let i = 0; i < keys.length; i++) {
      const v = rep.nums.get(keys[i]!);
      if (v === undefined) continue;
      add(own, i, kind, v);
      add(total, i, null, v);
    }
  }
  const rows: NumericAggregateRow[] = [];
  for (const s of byKind.values()) for (const r of s) if (r) rows.push({ ...r, avg: r.sum / r.n });
  return rows;
}

/** How many agencies chose each option (each element of a multi-choice answer counts), per kind and overall. */
export function choiceCounts(
  reports: readonly StoredReport[],
  kindOf: (agencyId: number) => AgencyKind | undefined,
  keys: readonly string[],
): ChoiceCountRow[] {
  const acc = new Map<string, ChoiceCountRow>();
  const add = (kind: AgencyKind | null, key: string, choice: string) => {
    const id = `${kind ?? ""}|${key}|${choice}`;
    const r = acc.get(id);
    if (r) r.count++;
    else acc.set(id, { kind, key, choice, count: 1 });
  };
  for (const rep of reports) {
    const kind = kindOf(rep.agencyId);
    if (kind === undefined) continue;
    for (const key of keys) {
      const v = rep.values.get(key);
      if (v === undefined) continue;
      for (const el of Array.isArray(v) ? v : [v]) {
        if (el === null || el === undefined) continue;
        const choice = typeof el === "string" ? el : JSON.stringify(el);
        add(kind, key, choice);
        add(null, key, choice);
      }
    }
  }
  return [...acc.values()];
}

/** Non-empty free-text answers, by agency then key. */
export function textAnswers(reports: readonly StoredReport[], keys: readonly string[]): TextAnswerRow[] {
  const out: TextAnswerRow[] = [];
  const sortedKeys = [...keys].sort();
  for (const rep of reports) {
    for (const key of sortedKeys) {
      const v = rep.values.get(key);
      if (typeof v === "string" && v.trim().length > 0) out.push({ agencyId: rep.agencyId, key, text: v });
    }
  }
  return out;
}

/** Derived shares whose parts contradict each other (a numerator above its denominator), in the template's order. */
export function contradictions(reports: readonly StoredReport[], derived: TemplateDefinition["derived"]): ContradictionRow[] {
  return derived.flatMap((d) =>
    reports.flatMap((rep) => {
      const numerator = rep.nums.get(d.numerator);
      const denominator = rep.nums.get(d.denominator);
      return numerator !== undefined && denominator !== undefined && numerator > denominator
        ? [{ agencyId: rep.agencyId, key: d.key, numerator, denominator }]
        : [];
    }),
  );
}

/**
 * Answers far outside the agency's own history (its baseline): over `ratio` × the median, or a robust
 * z-score (deviation / 1.4826·MAD) above `robustZ` that is also at least `minRelative` of the median away
 * (small steady series have a tiny MAD).
 */
export function outliers(
  reports: readonly StoredReport[],
  keys: readonly string[],
  baselines: ReadonlyMap<number, ReadonlyMap<string, OutlierBaseline>>,
): OutlierRow[] {
  const { ratio, robustZ, minRelative } = OUTLIER_RULE;
  const out: OutlierRow[] = [];
  const sortedKeys = [...keys].sort();
  for (const rep of reports) {
    const own = baselines.get(rep.agencyId);
    if (!own) continue;
    for (const key of sortedKeys) {
      const value = rep.nums.get(key);
      const b = own.get(key);
      if (value === undefined || !b) continue;
      const far = b.median > 0 && value > ratio * b.median;
      const deviant = b.mad > 0 && Math.abs(value - b.median) / (1.4826 * b.mad) > robustZ && Math.abs(value - b.median) >= minRelative * Math.abs(b.median);
      if (far || deviant) out.push({ agencyId: rep.agencyId, key, value, median: b.median, mad: b.mad, n: b.n });
    }
  }
  return out;
}
