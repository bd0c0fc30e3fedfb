import type { Db } from "../../db/client.ts";
import type { IsoDate } from "../../time/calendar-date.ts";
import { periodBounds } from "../calendar/period-bounds.ts";
import { indicatorValue, partsOf, type Indicator } from "./indicators.ts";
import type { PeriodRef } from "./period-ref.ts";
import { scoreAgencies, type RankedAgency } from "./ranking-score.ts";
import {
  findPeriodsByKey, latestReportedPeriod, loadAgencyHistory, loadAgencyValues, loadIndicatorMeans, loadNumericAggregates,
  loadTimeliness, periodForWindow, periodsBetween, recentPeriods, scopeKey, submissionFingerprints, type AgencyRow, type AgencyValueRow, type NumericAggregateRow,
  type PeriodRow, type Scope,
} from "./summaries.repository.ts";
import { FingerprintCache } from "./fingerprint-cache.ts";
import { combinedPeriod } from "./combined-periods.ts";
import { successorOf } from "./combined-reads.ts";
import { combinationsOf, combineReports } from "./period-combining.ts";
import { requiredBy, scopeOf, type Visibility } from "./visibility.ts";

export interface ResolvedPeriod {
  period: PeriodRow | undefined;
  /** Set when the period asked for does not exist and the latest one inside its window is shown instead. */
  fallbackFrom?: string;
}

/**
 * Finds the period a person means. "latest" is the newest period with reports whose cut-off has passed (an
 * open period with early filers only when no other has reports); "current" ("kỳ này") is the newest period
 * whose cut-off has passed, "previous" the one before it. A quarter, half-year or year asked of a monthly
 * template is its months combined (combined-periods.ts); a month asked of a longer cadence falls back to the
 * period whose window holds it.
 */
export async function resolvePeriod(db: Db, ref: PeriodRef, today: IsoDate, templateId?: string): Promise<ResolvedPeriod> {
  const main = await latestReportedPeriod(db, templateId, today);
  if (ref.kind === "latest") return { period: main };
  const tpl = templateId ?? main?.templateId;
  if (ref.kind === "current" || ref.kind === "previous") {
    if (!tpl) return { period: undefined };
    const recent = await recentPeriods(db, tpl, today, 2);
    return { period: recent[ref.kind === "current" ? 0 : 1] };
  }
  const exact = (await findPeriodsByKey(db, ref.key, tpl))[0];
  if (exact) return { period: exact };
  const bounds = periodBounds(ref.cadence, ref.key);
  if (!tpl || !bounds) return { period: undefined };
  const combined = await combinedPeriod(db, tpl, ref.key, today);
  if (combined) return { period: combined };
  const shown = await periodForWindow(db, tpl, bounds.startsOn, bounds.cutoffOn, today);
  return shown ? { period: shown, fallbackFrom: ref.key } : { period: undefined };
}

export interface ComparisonRow {
  agency: AgencyRow;
  value: number;
  /** The merged agencies whose reports of this period count in this row ("gồm số liệu của …"). */
  carries: AgencyRow[];
}

/**
 * Agencies of the scope ranked on one indicator in one period (best first for "higher is better"). History
 * follows a merge: a merged agency's report counts under the agency that carries its history now, with the
 * agencies it carries named; several reports in one row combine as the indicator aggregates (Σ-ratio, sum, mean).
 */
export async function compareAgencies(
  db: Db,
  period: PeriodRow,
  ind: Indicator,
  agencies: readonly AgencyRow[],
  visibility: Visibility,
): Promise<ComparisonRow[]> {
  const rows = period.months
    ? await combinedAgencyValues(db, period, partsOf(ind), agencies, visibility)
    : await loadAgencyValues(db, period.id, partsOf(ind), scopeOf(visibility));
  const byAgency = new Map<number, Map<string, number>>();
  for (const r of rows) {
    const m = byAgency.get(r.agencyId) ?? new Map<string, number>();
    m.set(r.key, r.value);
    byAgency.set(r.agencyId, m);
  }
  const byId = new Map(agencies.map((a) => [a.id, a]));
  const fold = successorFold(agencies);
  const groups = new Map<number, { reports: Map<string, number>[]; carries: AgencyRow[] }>();
  for (const [agencyId, values] of byAgency) {
    const home = fold.get(agencyId) ?? agencyId;
    const g = groups.get(home) ?? { reports: [], carries: [] };
    g.reports.push(values);
    if (home !== agencyId && byId.has(agencyId)) g.carries.push(byId.get(agencyId)!);
    groups.set(home, g);
  }
  const direction = period.definition.ranking.indicators.find((i) => i.key === ind.key)?.direction ?? "higher";
  const out: ComparisonRow[] = [];
  for (const [agencyId, g] of groups) {
    const value = combinedValue(ind, g.reports);
    const agency = byId.get(agencyId);
    if (value !== undefined && agency) out.push({ agency, value, carries: g.carries.sort((x, y) => x.name.localeCompare(y.name, "vi")) });
  }
  return out.sort((a, b) => (direction === "lower" ? a.value - b.value : b.value - a.value) || a.agency.name.localeCompare(b.agency.name, "vi"));
}

/** One row's value from one or more reports: a share over the summed parts, a sum, or the mean of the values. */
function combinedValue(ind: Indicator, reports: readonly Map<string, number>[]): number | undefined {
  if (reports.length === 1) return indicatorValue(ind, reports[0]!);
  if (ind.aggregate === "share") {
    const parts = new Map<string, number>();
    for (const r of reports)
      if (r.has(ind.numerator!) && r.has(ind.denominator!)) for (const k of [ind.numerator!, ind.denominator!]) parts.set(k, (parts.get(k) ?? 0) + r.get(k)!);
    return indicatorValue(ind, parts);
  }
  const values = reports.map((r) => indicatorValue(ind, r)).filter((v): v is number => v !== undefined);
  if (values.length === 0) return undefined;
  const sum = values.reduce((a, b) => a + b, 0);
  return ind.aggregate === "sum" ? sum : sum / values.length;
}

/** Each agency's values of `keys` over a combined period's months, combined as the template says (merged agencies under their successor). */
async function combinedAgencyValues(
  db: Db,
  period: PeriodRow,
  keys: readonly string[],
  agencies: readonly AgencyRow[],
  visibility: Visibility,
): Promise<AgencyValueRow[]> {
  const how = combinationsOf(period.definition);
  const months = await Promise.all(
    (period.months ?? []).map(async (m) => {
      const byAgency = new Map<number, Map<string, number>>();
      for (const r of await loadAgencyValues(db, m.id, keys, scopeOf(visibility))) {
        const own = byAgency.get(r.agencyId) ?? new Map<string, number>();
        byAgency.set(r.agencyId, own.set(r.key, Number(r.value)));
      }
      const reports = [...byAgency].map(([agencyId, nums]) => ({
        id: 0, agencyId, reported: true, status: "submitted", version: 0, onTime: null, submittedAt: null, nums, values: new Map<string, unknown>(),
      }));
      return { periodKey: m.periodKey, reports };
    }),
  );
  const combined = combineReports(months, (k) => how.get(k) ?? "last", successorOf(agencies));
  return combined.reports.flatMap((r) => [...r.nums].map(([key, value]) => ({ agencyId: r.agencyId, key, value })));
}

export interface TrendPoint {
  period: PeriodRow;
  value: number | undefined;
}

/** One indicator over the latest `count` periods (oldest first): total, mean or Σ-ratio as the indicator says. */
export async function indicatorTrend(
  db: Db,
  templateId: string,
  ind: Indicator,
  today: IsoDate,
  visibility: Visibility,
  count = 12,
): Promise<TrendPoint[]> {
  const periods = (await recentPeriods(db, templateId, today, count)).reverse();
  const rows = await periodTotals(db, periods.map((p) => p.id), partsOf(ind), scopeOf(visibility));
  return periods.map((p) => {
    const total = (key: string) => rows.find((r) => r.periodId === p.id && r.kind === null && r.key === key);
    if (ind.aggregate === "share") {
      const n = total(ind.numerator!)?.sum;
      const d = total(ind.denominator!)?.sum;
      return { period: p, value: n !== undefined && d !== undefined && d > 0 ? (100 * n) / d : undefined };
    }
    const r = total(ind.key);
    return { period: p, value: r ? (ind.aggregate === "sum" ? r.sum : r.avg) : undefined };
  });
}

/**
 * Aggregates of the given keys per period, kept per database, period, keys and scope while the period's
 * reports do not move (one fingerprint query for all the periods): a trend over twelve periods then reads
 * again only the periods whose reports changed, usually none or the current one.
 */
const totalsCache = new FingerprintCache<string, NumericAggregateRow[]>(512);

async function periodTotals(db: Db, periodIds: readonly number[], keys: readonly string[], scope: Scope): Promise<NumericAggregateRow[]> {
  if (periodIds.length === 0) return [];
  const fingerprints = await submissionFingerprints(db, periodIds);
  const keyOf = (id: number) => `${id}|${keys.join(",")}|${scopeKey(scope)}`;
  const rows = new Map(periodIds.map((id) => [id, totalsCache.get(db, keyOf(id), fingerprints.get(id))] as const));
  const stale = periodIds.filter((id) => rows.get(id) === undefined);
  const fresh = stale.length > 0 ? await loadNumericAggregates(db, stale, keys, scope) : [];
  for (const id of stale) {
    const own = fresh.filter((r) => r.periodId === id);
    rows.set(id, own);
    totalsCache.set(db, keyOf(id), fingerprints.get(id), own);
  }
  return periodIds.flatMap((id) => rows.get(id) ?? []);
}

export interface Ranking {
  periods: PeriodRow[];
  /** `carries`: the merged agencies whose reports count in this agency's score. */
  rows: (RankedAgency & { agency: AgencyRow; carries: AgencyRow[] })[];
  rule: PeriodRow["definition"]["ranking"];
}

/** The annual ranking over the template's periods of `year` whose deadline has passed by `today`. */
export async function annualRanking(
  db: Db,
  templateId: string,
  year: number,
  today: IsoDate,
  agencies: readonly AgencyRow[],
  visibility: Visibility,
): Promise<Ranking> {
  const periods = (await periodsBetween(db, templateId, `${year}-01-01`, `${year}-12-31`)).filter((p) => p.deadlineOn < today);
  const latest = periods[0];
  if (!latest) return { periods, rows: [], rule: { timelinessWeight: 0, indicators: [] } };
  const def = latest.definition;
  const scope = scopeOf(visibility);
  const ids = periods.map((p) => p.id);
  const required = requiredBy(def.agencies, agencies).filter((a) => visibility.all || visibility.agencyIds.has(a.id));
  const fold = successorFold(agencies);
  const timeliness = new Map((await loadTimeliness(db, ids, scope, fold)).map((r) => [r.agencyId, r]));
  const values = new Map<string, Map<number, number>>();
  for (const ind of def.ranking.indicators) {
    const derived = def.derived.find((d) => d.key === ind.key);
    const rows = await loadIndicatorMeans(db, ids, derived ? { key: ind.key, numerator: derived.numerator, denominator: derived.denominator } : { key: ind.key }, scope, fold);
    values.set(ind.key, new Map(rows.map((r) => [r.agencyId, Number(r.value)])));
  }
  const scored = scoreAgencies(
    required.map((a) => ({
      agencyId: a.id,
      required: periods.length,
      onTime: timeliness.get(a.id)?.onTime ?? 0,
      late: timeliness.get(a.id)?.late ?? 0,
      values: Object.fromEntries(def.ranking.indicators.map((i) => [i.key, values.get(i.key)?.get(a.id)])),
    })),
    def.ranking,
  );
  const byId = new Map(agencies.map((a) => [a.id, a]));
  return { periods, rule: def.ranking, rows: scored.map((s) => ({ ...s, agency: byId.get(s.agencyId)!, carries: carriedBy(agencies, s.agencyId) })) };
}

/** predecessor → successor for every merged agency (history follows the merge). */
export function successorFold(agencies: readonly AgencyRow[]): Map<number, number> {
  return new Map(agencies.flatMap((a) => (a.successorId != null ? [[a.id, a.successorId] as const] : [])));
}

/** The merged agencies whose history lives under this one, by name. */
export function carriedBy(agencies: readonly AgencyRow[], agencyId: number): AgencyRow[] {
  return agencies.filter((a) => a.successorId === agencyId).sort((x, y) => x.name.localeCompare(y.name, "vi"));
}

export interface AgencyPeriodLine {
  period: PeriodRow;
  status: "on-time" | "late" | "missing";
  values: Map<string, number>;
}

/** One agency over the latest periods (newest first): timeliness and its numeric answers. */
export async function agencyHistory(
  db: Db,
  templateId: string,
  agencyId: number,
  keys: readonly string[],
  today: IsoDate,
  count = 6,
): Promise<AgencyPeriodLine[]> {
  const periods = await recentPeriods(db, templateId, today, count);
  const rows = await loadAgencyHistory(db, agencyId, periods.map((p) => p.id), keys);
  return periods.map((p) => {
    const mine = rows.filter((r) => r.periodId === p.id);
    const reported = mine.some((r) => r.reported);
    const late = mine.some((r) => r.onTime === false);
    const values = new Map<string, number>();
    for (const r of mine) if (r.key !== null && r.value !== null) values.set(r.key, Number(r.value));
    return { period: p, status: !reported ? "missing" : late ? "late" : "on-time", values };
  });
}
