/**
 * The annual evaluation score. Each part is 0–100, weighted by the template's ranking rule:
 * - timeliness = (on-time reports + ½ × late reports) / reports required in the year × 100;
 * - each indicator = the agency's mean over the year, scaled min–max across the ranked agencies
 *   (100 = best; "lower" indicators are reversed); an agency with no value gets 0 for it.
 * total = Σ weight × part / Σ weights.
 */
export interface RankingInput {
  agencyId: number;
  required: number;
  onTime: number;
  late: number;
  values: Record<string, number | undefined>;
}

export interface RankingRule {
  timelinessWeight: number;
  indicators: { key: string; weight: number; direction: "higher" | "lower" }[];
}

export interface RankedAgency {
  agencyId: number;
  rank: number;
  total: number;
  timeliness: number;
  parts: Record<string, number>;
}

export function scoreAgencies(inputs: readonly RankingInput[], rule: RankingRule): RankedAgency[] {
  const ranges = new Map<string, { min: number; max: number }>();
  for (const ind of rule.indicators) {
    const vals = inputs.map((i) => i.values[ind.key]).filter((v): v is number => v !== undefined && Number.isFinite(v));
    if (vals.length) ranges.set(ind.key, { min: Math.min(...vals), max: Math.max(...vals) });
  }
  const weights = rule.timelinessWeight + rule.indicators.reduce((s, i) => s + i.weight, 0);
  const scored = inputs.map((i) => {
    const timeliness = i.required > 0 ? (100 * (Math.min(i.onTime, i.required) + 0.5 * Math.min(i.late, i.required - Math.min(i.onTime, i.required)))) / i.required : 0;
    const parts: Record<string, number> = {};
    let sum = rule.timelinessWeight * timeliness;
    for (const ind of rule.indicators) {
      const v = i.values[ind.key];
      const r = ranges.get(ind.key);
      let part = 0;
      if (v !== undefined && Number.isFinite(v) && r) {
        const scaled = r.max === r.min ? 1 : (v - r.min) / (r.max - r.min);
        part = 100 * (ind.direction === "lower" ? 1 - scaled : scaled);
      }
      parts[ind.key] = part;
      sum += ind.weight * part;
    }
    return { agencyId: i.agencyId, rank: 0, total: weights > 0 ? sum / weights : 0, timeliness, parts };
  });
  scored.sort((a, b) => b.total - a.total || a.agencyId - b.agencyId);
  // Equal totals share a rank (1, 2, 2, 4).
  scored.forEach((s, idx) => {
    const prev = scored[idx - 1];
    s.rank = prev && Math.abs(prev.total - s.total) < 1e-9 ? prev.rank : idx + 1;
  });
  return scored;
}
