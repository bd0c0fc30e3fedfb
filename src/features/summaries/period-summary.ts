import { closedAgencyIds } from "../agencies/agency-lifecycle.ts";
import type { Db } from "../../db/client.ts";
import type { AgencyKind } from "../agencies/agencies.table.ts";
import type { KindCatalogue } from "../agencies/agency-kinds.ts";
import { loadKindCatalogue } from "../agencies/agency-kinds.repository.ts";
import { previousPeriodKey } from "../calendar/period-bounds.ts";
import type { Question, TemplateDefinition } from "../templates/template-definition.ts";
import { choiceCounts, contradictions, numericAggregates, outliers, textAnswers } from "./period-aggregates.ts";
import { combinedRequirement, combinedSummaryReads, type Coverage } from "./combined-reads.ts";
import { FingerprintCache } from "./fingerprint-cache.ts";
import { periodAnswers } from "./period-answers.ts";
import {
  computeOutlierBaselines, historyPeriodIds, loadOutlierBaselines, outlierBaselinesKept, type OutlierBaseline,
} from "./outlier-baselines.repository.ts";
import {
  findPeriodsByKey, scopeKey, submissionFingerprints, type AgencyRow, type ChoiceCountRow, type ContradictionRow,
  type NumericAggregateRow, type OutlierRow, type PeriodRow, type Scope, type SubmissionStatusRow, type TextAnswerRow,
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
  /** The province's kinds: their names, and the order of every breakdown by kind above. */
  kinds: KindCatalogue;
  /** Of a combined period (a quarter of a monthly template): the months it adds up and who misses one. */
  coverage?: Coverage;
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

  const readKeys = {
    numericKeys,
    outlierKeys: numericQuestions.map((q) => q.key),
    choiceKeys: choiceQuestions.map((q) => q.key),
    listKeys: listQuestions.map((q) => q.key),
  };
  let required: AgencyRow[];
  let coverage: Coverage | undefined;
  let reads: SummaryReads;
  if (period.months) {
    const combined = await combinedSummaryReads(db, period, agencies, scope, readKeys, agenciesKey(agencies));
    ({ required, coverage } = await combinedRequirement(db, period, agencies, visibility, combined.filed));
    reads = combined;
  } else {
    reads = await summaryReads(db, period, agencies, scope, readKeys);
    required = requiredBy(def.agencies, agencies, { cutoffOn: period.cutoffOn, closed: await closedAgencyIds(db, period.id) }).filter(visible);
  }
  const { previous, prev, statuses, cur, choiceRows, textRows, outliers: outlierRows, contradictions: contradictionRows } = reads;
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
    ...contradictionRows.flatMap((c) => {
      const agency = byId.get(c.agencyId);
      return agency ? [{ type: "contradiction" as const, agency, key: c.key, numerator: c.numerator, denominator: c.denominator }] : [];
    }),
    ...outlierRows.flatMap((o) => {
      const agency = byId.get(o.agencyId);
      return agency ? [{ type: "outlier" as const, agency, key: o.key, value: o.value, median: o.median }] : [];
    }),
  ];

  // Every breakdown by kind in the order the province gave its kinds; the total (kind null) last.
  const kinds = await loadKindCatalogue(db);
  const byOrder = <T extends { kind: AgencyKind | null }>(rows: T[]) => kinds.sort(rows, (r) => r.kind ?? "\u{10FFFF}");
  for (const f of [...indicators.map((i) => i.figure), ...derived.map((d) => d.figure)]) f.byKind = byOrder(f.byKind);
  for (const c of choices) for (const o of c.counts) o.byKind = byOrder(o.byKind);
  return { period, previous, completion: [...byOrder(completion.filter((c) => c.kind !== null)), ...completion.filter((c) => c.kind === null)], missing, late, indicators, choices, derived, texts, flags, kinds, ...(coverage ? { coverage } : {}) };
}

export interface SummaryReads {
  previous: PeriodRow | undefined;
  prev: NumericAggregateRow[];
  statuses: SubmissionStatusRow[];
  cur: NumericAggregateRow[];
  choiceRows: ChoiceCountRow[];
  textRows: TextAnswerRow[];
  outliers: OutlierRow[];
  contradictions: ContradictionRow[];
}

/**
 * A summary's figures. Two levels of reuse, both checked against the database on every call:
 * - the figures themselves, per database, period, scope and agency list, while the per-period fingerprints
 *   of the reports they come from (the period, the one before and the outlier history; one small query)
 *   stay the same: leaders ask for the same period again and again;
 * - the periods' official answers (period-answers.ts), so when a report moves only its answers are read
 *   again and the figures are recomputed here (tens of milliseconds at 2,000 agencies).
 * Draft answers are not official and move no fingerprint, so filing costs a summary nothing.
 */
const readsCache = new FingerprintCache<string, SummaryReads>(64);

async function summaryReads(
  db: Db,
  period: PeriodRow,
  agencies: readonly AgencyRow[],
  scope: Scope,
  keys: { numericKeys: string[]; outlierKeys: string[]; choiceKeys: string[]; listKeys: string[] },
): Promise<SummaryReads> {
  const [previous, history] = await Promise.all([previousPeriodOf(db, period), historyPeriodIds(db, period)]);
  const fingerprints = await submissionFingerprints(db, [...new Set([period.id, ...(previous ? [previous.id] : []), ...history])]);
  const fingerprint = [...fingerprints].map(([id, fp]) => `${id}=${fp}`).join(";");
  const cacheKey = [period.id, previous?.id ?? "-", scopeKey(scope), agenciesKey(agencies)].join("|");
  const kept = readsCache.get(db, cacheKey, fingerprint);
  if (kept) return kept;

  const answerKeys = { numeric: keys.numericKeys, values: [...keys.choiceKeys, ...keys.listKeys] };
  const historyFingerprint = [keys.outlierKeys.join(","), ...history.map((id) => `${id}=${fingerprints.get(id)}`)].join(";");
  const currentRead = periodAnswers(db, period.id, answerKeys, fingerprints.get(period.id));
  const reportedNowIds = currentRead.then((rows) => rows.filter((r) => r.reported).map((r) => r.agencyId));
  // Awaited only when the baselines are kept; a failed read is reported once, by Promise.all below.
  reportedNowIds.catch(() => undefined);
  const [current, before, baselines] = await Promise.all([
    currentRead,
    previous ? periodAnswers(db, previous.id, answerKeys, fingerprints.get(previous.id)) : Promise.resolve([]),
    outlierBaselines(db, period, keys.outlierKeys, historyFingerprint, reportedNowIds),
  ]);
  const kinds = new Map(agencies.map((a) => [a.id, a.kind]));
  const kindOf = (id: number) => kinds.get(id);
  const visible = scope === null ? undefined : new Set(scope);
  const inScope = (id: number) => visible === undefined || visible.has(id);
  const reported = current.filter((r) => r.reported && inScope(r.agencyId));
  // The previous period counts the same agencies that reported this one, so a missing report does not read as a fall.
  const reportedNow = new Set(reported.map((r) => r.agencyId));
  const likeForLike = before.filter((r) => r.reported && reportedNow.has(r.agencyId));
  const reads: SummaryReads = {
    previous,
    prev: previous ? numericAggregates(previous.id, likeForLike, kindOf, keys.numericKeys) : [],
    statuses: current.filter((r) => inScope(r.agencyId)),
    cur: numericAggregates(period.id, reported, kindOf, keys.numericKeys),
    choiceRows: choiceCounts(reported, kindOf, keys.choiceKeys),
    textRows: textAnswers(reported, keys.listKeys),
    outliers: outliers(reported, keys.outlierKeys, baselines),
    contradictions: contradictions(reported, period.definition.derived),
  };
  readsCache.set(db, cacheKey, fingerprint, reads);
  return reads;
}

/** Ids and kinds of the agencies: the figures by kind depend on both. */
export function agenciesKey(agencies: readonly AgencyRow[]): string {
  let h = 0x811c9dc5;
  const mix = (s: string) => {
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  };
  for (const a of agencies) mix(`${a.id}:${a.kind};`);
  return `${agencies.length}:${(h >>> 0).toString(36)}`;
}

/**
 * The period's outlier baselines (outlier-baselines.repository.ts: kept up to date as reports are submitted),
 * read into this process once per state of the history (`fingerprint`), alongside the period's answers. While
 * the history stays the same an agency's baselines only appear when it first reports the period: then only
 * that agency's are read (`newlyReported`). A period filled in bulk that has none kept is computed whole once, here.
 */
const baselineCache = new FingerprintCache<number, { baselines: Map<number, Map<string, OutlierBaseline>>; read: Set<number> }>(8);

async function outlierBaselines(
  db: Db,
  period: PeriodRow,
  keys: string[],
  fingerprint: string,
  reportedAgencies: Promise<readonly number[]>,
): Promise<Map<number, Map<string, OutlierBaseline>>> {
  const kept = baselineCache.get(db, period.id, fingerprint);
  if (kept) {
    const unread = (await reportedAgencies).filter((id) => !kept.read.has(id));
    if (unread.length > 0) {
      const fresh = await loadOutlierBaselines(db, period.id, unread);
      for (const [id, own] of fresh.baselines) kept.baselines.set(id, own);
      for (const id of fresh.reported) kept.read.add(id);
    }
    return kept.baselines;
  }
  if (!(await outlierBaselinesKept(db, period.id))) await computeOutlierBaselines(db, period, keys);
  const { baselines, reported } = await loadOutlierBaselines(db, period.id);
  baselineCache.set(db, period.id, fingerprint, { baselines, read: reported });
  return baselines;
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
