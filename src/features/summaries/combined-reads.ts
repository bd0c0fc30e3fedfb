import type { Db } from "../../db/client.ts";
import { closedAgencyIds } from "../agencies/agency-lifecycle.ts";
import { previousCombinedPeriod } from "./combined-periods.ts";
import { FingerprintCache } from "./fingerprint-cache.ts";
import { choiceCounts, contradictions, numericAggregates, textAnswers } from "./period-aggregates.ts";
import { periodAnswers } from "./period-answers.ts";
import { combinationsOf, combineReports, missedMonths } from "./period-combining.ts";
import type { SummaryReads } from "./period-summary.ts";
import { scopeKey, submissionFingerprints, type AgencyRow, type PeriodRow, type Scope } from "./summaries.repository.ts";
import { requiredBy, type Visibility } from "./visibility.ts";

/** A summary's reads for a combined period (combined-periods.ts), and which months each agency filed. */
export interface CombinedReads extends SummaryReads {
  filed: Map<number, string[]>;
}

/**
 * Reused while the months' reports (and the previous window's) do not move, like a single period's reads;
 * each month's answers come from period-answers.ts, so a month already read costs nothing.
 */
const combinedCache = new FingerprintCache<string, CombinedReads>(16);

/** Where each agency's history lives: its successor after a merge (when that one is known), else itself. */
export function successorOf(agencies: readonly AgencyRow[]): (agencyId: number) => number {
  const known = new Set(agencies.map((a) => a.id));
  const next = new Map(agencies.flatMap((a) => (a.successorId != null && known.has(a.successorId) ? [[a.id, a.successorId] as const] : [])));
  return (id) => next.get(id) ?? id;
}

export async function combinedSummaryReads(
  db: Db,
  period: PeriodRow,
  agencies: readonly AgencyRow[],
  scope: Scope,
  keys: { numericKeys: string[]; choiceKeys: string[]; listKeys: string[] },
  agenciesKey: string,
): Promise<CombinedReads> {
  const months = period.months ?? [period];
  const previous = await previousCombinedPeriod(db, period, period.cutoffOn);
  const before = previous?.months ?? [];
  const fingerprints = await submissionFingerprints(db, [...months, ...before].map((p) => p.id));
  const fingerprint = [...fingerprints].map(([id, fp]) => `${id}=${fp}`).join(";");
  const cacheKey = [period.templateId, period.periodKey, months.map((m) => m.id).join(","), before.map((m) => m.id).join(","), scopeKey(scope), agenciesKey].join("|");
  const kept = combinedCache.get(db, cacheKey, fingerprint);
  if (kept) return kept;

  const answerKeys = { numeric: keys.numericKeys, values: [...keys.choiceKeys, ...keys.listKeys] };
  const read = (ps: readonly PeriodRow[]) => Promise.all(ps.map((p) => periodAnswers(db, p.id, answerKeys, fingerprints.get(p.id))));
  const [current, earlier] = await Promise.all([read(months), read(before)]);
  const visible = scope === null ? undefined : new Set(scope);
  const counts = (r: { reported: boolean; agencyId: number }) => r.reported && (visible === undefined || visible.has(r.agencyId));
  const targetOf = successorOf(agencies);
  const how = combinationsOf(period.definition);
  const combine = (ps: readonly PeriodRow[], answers: Awaited<ReturnType<typeof read>>) =>
    combineReports(ps.map((p, i) => ({ periodKey: p.periodKey, reports: answers[i]!.filter(counts) })), (k) => how.get(k) ?? "last", targetOf);
  const now = combine(months, current);
  // Like for like: the previous window counts the agencies that reported this one.
  const then = combine(before, earlier).reports.filter((r) => now.filed.has(r.agencyId));
  const kinds = new Map(agencies.map((a) => [a.id, a.kind]));
  const kindOf = (id: number) => kinds.get(id);
  const reads: CombinedReads = {
    previous,
    prev: previous ? numericAggregates(previous.id, then, kindOf, keys.numericKeys) : [],
    statuses: now.reports,
    cur: numericAggregates(period.id, now.reports, kindOf, keys.numericKeys),
    choiceRows: choiceCounts(now.reports, kindOf, keys.choiceKeys),
    textRows: textAnswers(now.reports, keys.listKeys),
    // Outlier baselines are monthly: a quarter's sum is not compared with them (each month's summary flags its own).
    outliers: [],
    contradictions: contradictions(now.reports, period.definition.derived),
    filed: now.filed,
  };
  combinedCache.set(db, cacheKey, fingerprint, reads);
  return reads;
}

export interface Coverage {
  /** The months the period combines, oldest first (period keys). */
  months: string[];
  /** Agencies that filed some of those months but not all they had to, with the months they miss. */
  agenciesMissingMonths: { agency: AgencyRow; months: string[] }[];
}

/**
 * Who had to report a combined period (every agency required in one of its months, merged ones under their
 * successor) and which months those that filed miss.
 */
export async function combinedRequirement(
  db: Db,
  period: PeriodRow,
  agencies: readonly AgencyRow[],
  visibility: Visibility,
  filed: ReadonlyMap<number, readonly string[]>,
): Promise<{ required: AgencyRow[]; coverage: Coverage }> {
  const months = period.months ?? [period];
  const visible = (id: number) => visibility.all || visibility.agencyIds.has(id);
  const targetOf = successorOf(agencies);
  const requiredByMonth = await Promise.all(
    months.map(async (m) => ({
      periodKey: m.periodKey,
      agencyIds: requiredBy(m.definition.agencies, agencies, { cutoffOn: m.cutoffOn, closed: await closedAgencyIds(db, m.id) })
        .map((a) => a.id)
        .filter(visible),
    })),
  );
  const byId = new Map(agencies.map((a) => [a.id, a]));
  const requiredIds = new Set(requiredByMonth.flatMap((m) => m.agencyIds.map(targetOf)));
  const missed = missedMonths(requiredByMonth, filed, targetOf);
  const agenciesMissingMonths = [...missed]
    .filter(([id]) => filed.has(id) && byId.has(id))
    .map(([id, ms]) => ({ agency: byId.get(id)!, months: ms }))
    .sort((x, y) => x.agency.name.localeCompare(y.agency.name, "vi"));
  return {
    required: [...requiredIds].flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])),
    coverage: { months: months.map((m) => m.periodKey), agenciesMissingMonths },
  };
}
