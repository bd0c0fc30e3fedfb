import type { Question, TemplateDefinition } from "../templates/template-definition.ts";
import { NUMERIC_TYPES } from "./period-summary.ts";
import { matchScore } from "./text-match.ts";

/** A numeric thing leaders can compare, trend or rank: a numeric question, or a derived share. */
export interface Indicator {
  key: string;
  label: { vi: string; en: string };
  type: Question["type"] | "share";
  /** How agencies combine into one figure: total, mean, or (for shares) Σ numerator / Σ denominator. */
  aggregate: "sum" | "avg" | "share";
  numerator?: string;
  denominator?: string;
}

export function indicatorsOf(def: TemplateDefinition): Indicator[] {
  const numeric = def.questions
    .filter((q) => NUMERIC_TYPES.has(q.type))
    .map((q): Indicator => ({ key: q.key, label: q.label, type: q.type, aggregate: q.aggregate === "sum" ? "sum" : "avg" }));
  const derived = def.derived.map(
    (d): Indicator => ({ key: d.key, label: d.label, type: "share", aggregate: "share", numerator: d.numerator, denominator: d.denominator }),
  );
  return [...derived, ...numeric];
}

/** The indicator a person means by a key or words of its label (either language); undefined if nothing fits. */
export function findIndicator(def: TemplateDefinition, query: string): Indicator | undefined {
  const all = indicatorsOf(def);
  const q = query.trim();
  if (!q) return undefined;
  const exact = all.find((i) => i.key === q.toLowerCase());
  if (exact) return exact;
  let best: { i: Indicator; score: number } | undefined;
  for (const i of all) {
    const score = Math.max(matchScore(q, i.label.vi), matchScore(q, i.label.en), matchScore(q, i.key.replace(/_/g, " ")));
    if (score > (best?.score ?? 0)) best = { i, score };
  }
  return best && best.score >= 0.5 ? best.i : undefined;
}

/** An agency's value of an indicator from its answers by key (shares in %). */
export function indicatorValue(ind: Indicator, values: ReadonlyMap<string, number>): number | undefined {
  if (ind.aggregate === "share") {
    const n = values.get(ind.numerator!);
    const d = values.get(ind.denominator!);
    return n !== undefined && d !== undefined && d > 0 ? (100 * n) / d : undefined;
  }
  return values.get(ind.key);
}

export const partsOf = (ind: Indicator): string[] => (ind.aggregate === "share" ? [ind.numerator!, ind.denominator!] : [ind.key]);
