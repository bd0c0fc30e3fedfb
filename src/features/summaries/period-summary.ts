import type { Db } from "../../db/client.ts";
import type { AgencyKind } from "../agencies/agencies.table.ts";
import { previousPeriodKey } from "../calendar/period-bounds.ts";
import type { Question, TemplateDefinition } from "../templates/template-definition.ts";
import {
  findPeriodsByKey, loadChoiceCounts, loadContradictions, loadNumericAggregates, loadOutliers, loadSubmissionStatuses,
  loadTextAnswers, outlierPeriodIds, submissionsFingerprint, type AgencyRow, type NumericAggregateRow, type OutlierRow,
  type PeriodRow,
} from "./summaries.repository.ts";
import { requiredBy, scopeOf, type Visibility } from "./visibility.ts";

/** One collator for every sort: `localeCompare(x, "vi")` builds a new one per comparison. */
const byVietnameseName = new Intl.Collator("vi");

export const NUMERIC_TYPES: ReadonlySet<Question["type"]> = new Set(["integer", "decimal", "percent", "money"]);

export interface Completion {
  kind: AgencyKind | null;
  required: number;
  onTime: number;
  late: number;
  missing: number;
}

/** A number per agency kind and over all of them, this period and the one before. */
export interface Figure {
  byKind: { kind: AgencyKind; value: number }[];
  total: number | undefined;
  previousTotal: number | undefined;
}

export interface IndicatorSummary {
  key: string;
  question: Question;
  /** What the template says to show: the total (sum), the mean (avg) or the range (minmax). */
  aggregate: "sum" | "avg" | "minmax";
  figure: Figure;
  min?: number;
  max?: number;
  reporting: number;
}

export interface ChoiceSummary {
  key: string;
  question: Question;
  counts: { choice: string; total: number; byKind: { kind: AgencyKind; count: number }[] }[];
}

export interface DerivedSummary {
  key: string;
  label: TemplateDefinition["derived"][number]["label"];
  figure: Figure;
}

export type QualityFlag =
  | { type: "outlier"; agency: AgencyRow; key: string; value: number; median: number }
  | { type: "contradiction"; agency: AgencyRow; key: string; numerator: number; denominator: number };

export interface PeriodSummary {
  period: PeriodRow;
  previous: PeriodRow | undefined;
  completion: Completion[];
  missing: AgencyRow[];
  late: AgencyRow[];
  indicators: IndicatorSummary[];
  choices: ChoiceSummary[];
  derived: DerivedSummary[];
  texts: { key: string; question: Question; items: { agency: AgencyRow; text: string }[] }[];
  flags: QualityFlag[];
}

/** Everything `/summary` shows for one period, limited to what the viewer may see. */
export async function buildPeriodSummary(
  db: Db,
  period: PeriodRow,
  agencies: readonly AgencyRow[],
  visibility: Visibility,
): Promise<PeriodSummary> {
  const def = period.definition;
  const scope = scopeOf(visibility);
  const byId = new Map(agencies.map((a) => [a.id, a]));
  const visible = (a: AgencyRow) => visibility.all || visibility.agencyIds.has(a.id);
  const numericQuestions = def.questions.filter(
    (q) => NUMERIC_TYPES.has(q.type) && (q.aggregate === "sum" || q.aggregate === "avg" || q.aggregate === "minmax"),
  );
  const numericKeys = [...new Set([...numericQuestions.map((q) => q.key), ...def.derived.flatMap((d) => [d.numerator, d.denominator])])];
  const choiceQuestions = def.questions.filter((q) => q.aggregate === "count-by-choice");
  const listQuestions = def.questions.filter((q) => q.aggregate === "list");

  // Independent reads run side by side (on PostgreSQL each takes its own pooled connection).
  // The previous period counts the same agencies that reported this one (in scope), so a missing
  // report does not read as a fall; the condition is in SQL so that this read runs alongside the others.
  const [[previous, prev], statuses, cur, choiceRows, textRows, outliers, contradictions] = await Promise.all([
    previousPeriodOf(db, period).then(async (p) =>
      [p, p ? await loadNumericAggregates(db, [p.id], numericKeys, scope, period.id) : []] as const),
    loadSubmissionStatuses(db, period.id, scope),
    loadNumericAggregates(db, [period.id], numericKeys, scope),
    loadChoiceCounts(db, period.id, choiceQuestions.map((q) => q.key), scope),
    loadTextAnswers(db, period.id, listQuestions.map((q) => q.key), scope),
    cachedOutliers(db, period, numericQuestions.map((q) => q.key), scope),
    loadContradictions(db, period.id, def.derived, scope),
  ]);
  const required = requiredBy(def.agencies, agencies).filter(visible);
  const reported = new Map(statuses.filter((s) => s.reported).map((s) => [s.agencyId, s]));
  const missing = required.filter((a) => !reported.has(a.id));
  const late = [...reported.values()].filter((s) => s.onTime === false).map((s) => byId.get(s.agencyId)).filter((a): a is AgencyRow => !!a);
  const completion = completionOf(required, reported);

  const indicators: IndicatorSummary[] = numericQuestions.map((q) => {
    const aggregate = q.aggregate as IndicatorSummary["aggregate"];
    const pick = (r: NumericAggregateRow) => (aggregate === "sum" ? r.sum : r.avg);
    const total = cur.find((r) => r.kind === null && r.key === q.key);
    const prevTotal = prev.find((r) => r.kind === null && r.key === q.key);
    return {
      key: q.key,
      question: q,
      aggregate,
      figure: {
        byKind: cur.filter((r) => r.kind !== null && r.key === q.key).map((r) => ({ kind: r.kind!, value: pick(r) })),
        total: total ? pick(total) : undefined,
        previousTotal: prevTotal ? pick(prevTotal) : undefined,
      },
      min: total?.min,
      max: total?.max,
      reporting: total?.n ?? 0,
    };
  });

  const derived: DerivedSummary[] = def.derived.map((d) => {
    const share = (rows: NumericAggregateRow[], kind: AgencyKind | null) => {
      const n = rows.find((r) => r.kind === kind && r.key === d.numerator)?.sum;
      const dn = rows.find((r) => r.kind === kind && r.key === d.denominator)?.sum;
      return n !== undefined && dn !== undefined && dn > 0 ? (100 * n) / dn : undefined;
    };
    const kinds = [...new Set(cur.filter((r) => r.kind !== null).map((r) => r.kind!))];
    return {
      key: d.key,
      label: d.label,
      figure: {
        byKind: kinds.flatMap((k) => {
          const v = share(cur, k);
          return v === undefined ? [] : [{ kind: k, value: v }];
        }),
        total: share(cur, null),
        previousTotal: share(prev, null),
      },
    };
  });

  const choices: ChoiceSummary[] = choiceQuestions.map((q) => {
    const rows = choiceRows.filter((r) => r.key === q.key);
    const options = [...(q.choices?.map((c) => c.value) ?? []), ...new Set(rows.map((r) => r.choice))];
    return {
      key: q.key,
      question: q,
      counts: [...new Set(options)].map((choice) => ({
        choice,
        total: rows.find((r) => r.kind === null && r.choice === choice)?.count ?? 0,
        byKind: rows.filter((r) => r.kind !== null && r.choice === choice).map((r) => ({ kind: r.kind!, count: r.count })),
      })),
    };
  });

  const texts = listQuestions.map((q) => ({
    key: q.key,
    question: q,
    items: textRows
      .filter((r) => r.key === q.key && byId.has(r.agencyId))
      .map((r) => ({ agency: byId.get(r.agencyId)!, text: r.text }))
      .sort((a, b) => byVietnameseName.compare(a.agency.name, b.agency.name)),
  }));

  const flags: QualityFlag[] = [
    ...contradictions.flatMap((c) => {
      const agency = byId.get(c.agencyId);
      return agency ? [{ type: "contradiction" as const, agency, key: c.key, numerator: c.numerator, denominator: c.denominator }] : [];
    }),
    ...outliers.flatMap((o) => {
      const agency = byId.get(o.agencyId);
      return agency ? [{ type: "outlier" as const, agency, key: o.key, value: o.value, median: o.median }] : [];
    }),
  ];

  return { period, previous, completion, missing, late, indicators, choices, derived, texts, flags };
}

/**
 * The outlier check reads the agency's last six periods (≈200,000 answers at 2,000 agencies), far more than
 * the rest of a summary. Past reports rarely change, so its result is kept per period and scope until a
 * report of those periods is submitted, amended or returned (checked with one cheap query).
 */
const outlierCache = new Map<string, { fingerprint: string; rows: OutlierRow[] }>();
const OUTLIER_CACHE_SIZE = 64;

async function cachedOutliers(db: Db, period: PeriodRow, keys: string[], scope: readonly number[] | null): Promise<OutlierRow[]> {
  const fingerprint = await submissionsFingerprint(db, await outlierPeriodIds(db, period));
  const cacheKey = `${period.id}|${keys.join(",")}|${scope === null ? "all" : [...scope].sort((a, b) => a - b).join(",")}`;
  const hit = outlierCache.get(cacheKey);
  if (hit && hit.fingerprint === fingerprint) return hit.rows;
  const rows = await loadOutliers(db, period, keys, scope);
  if (outlierCache.size >= OUTLIER_CACHE_SIZE) outlierCache.delete(outlierCache.keys().next().value!);
  outlierCache.set(cacheKey, { fingerprint, rows });
  return rows;
}

/** The period right before this one in the same template (by key), if it was opened. */
export async function previousPeriodOf(db: Db, period: PeriodRow): Promise<PeriodRow | undefined> {
  const cadence = period.definition.cadence;
  if (cadence === "one-off") return undefined;
  const key = previousPeriodKey(cadence, period.periodKey);
  if (!key) return undefined;
  return (await findPeriodsByKey(db, key, period.templateId))[0];
}

/** On time, late and missing per agency kind (and the total, kind null), among the required agencies. */
export function completionOf(
  required: readonly AgencyRow[],
  reported: ReadonlyMap<number, { onTime: boolean | null }>,
): Completion[] {
  const rows = new Map<AgencyKind | null, Completion>();
  const row = (kind: AgencyKind | null) => {
    let r = rows.get(kind);
    if (!r) rows.set(kind, (r = { kind, required: 0, onTime: 0, late: 0, missing: 0 }));
    return r;
  };
  for (const a of required) {
    for (const r of [row(a.kind), row(null)]) {
      r.required++;
      const s = reported.get(a.id);
      if (!s) r.missing++;
      else if (s.onTime === false) r.late++;
      else r.onTime++;
    }
  }
  if (!rows.has(null)) row(null);
  return [...rows.values()];
}
