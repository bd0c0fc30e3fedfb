import type { AgencyKind } from "../agencies/agencies.table.ts";
import type { TemplateDefinition } from "../templates/template-definition.ts";
import type { StoredReport } from "./period-answers.ts";
import { OUTLIER_RULE, type OutlierBaseline } from "./outlier-baselines.repository.ts";
import type { ChoiceCountRow, ContradictionRow, NumericAggregateRow, OutlierRow, TextAnswerRow } from "./summaries.repository.ts";

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
  // Per kind (and null for all), four numbers per key in one flat array: count, sum, min, max.
  const width = keys.length * 4;
  const byKind = new Map<AgencyKind | null, Float64Array>();
  const slots = (kind: AgencyKind | null) => {
    let s = byKind.get(kind);
    if (!s) {
      byKind.set(kind, (s = new Float64Array(width)));
      for (let i = 0; i < keys.length; i++) {
        s[i * 4 + 2] = Infinity;
        s[i * 4 + 3] = -Infinity;
      }
    }
    return s;
  };
  const total = slots(null);
  for (const rep of reports) {
    const kind = kindOf(rep.agencyId);
    if (kind === undefined) continue;
    const own = slots(kind);
    for (let i = 0; i < keys.length; i++) {
      const v = rep.nums.get(keys[i]!);
      if (v === undefined) continue;
      accumulate(own, i * 4, v);
      accumulate(total, i * 4, v);
    }
  }
  const rows: NumericAggregateRow[] = [];
  for (const [kind, s] of byKind) {
    for (let i = 0; i < keys.length; i++) {
      const o = i * 4;
      const n = s[o]!;
      if (n === 0) continue;
      rows.push({ periodId, kind, key: keys[i]!, n, sum: s[o + 1]!, avg: s[o + 1]! / n, min: s[o + 2]!, max: s[o + 3]! });
    }
  }
  return rows;
}

function accumulate(s: Float64Array, o: number, v: number): void {
  s[o]!++;
  s[o + 1]! += v;
  if (v < s[o + 2]!) s[o + 2] = v;
  if (v > s[o + 3]!) s[o + 3] = v;
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
  // A report that did not move is the same object as last time (period-answers.ts), so its flags against the
  // same baselines and keys are too.
  const signature = keys.join(",");
  let byReport = outlierMemo.get(baselines);
  if (!byReport || byReport.keys !== signature) outlierMemo.set(baselines, (byReport = { keys: signature, rows: new WeakMap() }));
  const sortedKeys = [...keys].sort();
  const out: OutlierRow[] = [];
  for (const rep of reports) {
    let rows = byReport.rows.get(rep);
    if (!rows) byReport.rows.set(rep, (rows = reportOutliers(rep, sortedKeys, baselines.get(rep.agencyId))));
    for (const r of rows) out.push(r);
  }
  return out;
}

const outlierMemo = new WeakMap<object, { keys: string; rows: WeakMap<StoredReport, OutlierRow[]> }>();

function reportOutliers(rep: StoredReport, sortedKeys: readonly string[], own: ReadonlyMap<string, OutlierBaseline> | undefined): OutlierRow[] {
  if (!own) return [];
  const { ratio, robustZ, minRelative } = OUTLIER_RULE;
  const out: OutlierRow[] = [];
  for (const key of sortedKeys) {
    const value = rep.nums.get(key);
    const b = own.get(key);
    if (value === undefined || !b) continue;
    const far = b.median > 0 && value > ratio * b.median;
    const deviant = b.mad > 0 && Math.abs(value - b.median) / (1.4826 * b.mad) > robustZ && Math.abs(value - b.median) >= minRelative * Math.abs(b.median);
    if (far || deviant) out.push({ agencyId: rep.agencyId, key, value, median: b.median, mad: b.mad, n: b.n });
  }
  return out;
}
