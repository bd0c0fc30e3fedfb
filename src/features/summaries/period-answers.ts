import type { Db } from "../../db/client.ts";
import { FingerprintCache } from "./fingerprint-cache.ts";
import { loadMovedSubmissions, loadOfficialAnswers, loadPeriodSubmissions, type PeriodSubmissionRow } from "./summaries.repository.ts";

/** One agency's report of a period as summaries see it: its status and its official answers of the keys read. */
export interface StoredReport extends PeriodSubmissionRow {
  /** Numeric answers (num_value) by question key. */
  nums: ReadonlyMap<string, number>;
  /** Answers of the choice and list questions, as their JSON values. */
  values: ReadonlyMap<string, unknown>;
}

export interface AnswerKeys {
  numeric: readonly string[];
  values: readonly string[];
}

/**
 * The official answers of a period, kept in this process per database and period. Each use reads the
 * period's submissions (one small query, ≈2,000 rows at provincial scale) and fetches again only the
 * answers of reports that moved since: official answers are only written when a report is submitted or
 * amended, which moves its version and submission time, and a return changes its status. Draft answers
 * are not official, so filing does not cost a summary anything. Several instances stay right: each
 * compares with what the database says now.
 */
/** Up to 8 periods per database (a period at provincial scale is ≈40,000 answers, a few MB). */
const stores = new FingerprintCache<string, ReadonlyMap<number, StoredReport>>(8);
/** Above this many moved reports one query by period is cheaper than a list of ids. */
const REFETCH_BY_PERIOD = 300;

/**
 * The period's reports in agency order, drafts included (without answers). With the period's fingerprint
 * (summaries.repository.ts submissionFingerprints), what is kept is used without asking when it was read
 * under the same one.
 */
export async function periodAnswers(db: Db, periodId: number, keys: AnswerKeys, fingerprint?: string): Promise<StoredReport[]> {
  const storeKey = `${periodId}|${keys.numeric.join(",")}|${keys.values.join(",")}`;
  const unchanged = stores.get(db, storeKey, fingerprint);
  if (unchanged) return [...unchanged.values()];
  const kept = stores.last(db, storeKey);
  const rows = kept ? await withMoved(db, periodId, kept) : await loadPeriodSubmissions(db, periodId);
  const moved = rows.filter((r) => r.reported && !same(kept?.get(r.id), r)).map((r) => r.id);
  const fetched = moved.length === 0
    ? []
    : await loadOfficialAnswers(db, moved.length > REFETCH_BY_PERIOD || !kept ? { periodId } : { submissionIds: moved }, keys);
  const answers = new Map<number, { nums: Map<string, number>; values: Map<string, unknown> }>();
  for (const a of fetched) {
    let m = answers.get(a.submissionId);
    if (!m) answers.set(a.submissionId, (m = { nums: new Map(), values: new Map() }));
    if (a.num !== null) m.nums.set(a.key, a.num);
    if (a.value !== null && a.value !== undefined) m.values.set(a.key, a.value);
  }
  const movedIds = new Set(moved);
  const next = new Map<number, StoredReport>();
  for (const r of rows) {
    const old = kept?.get(r.id);
    const fresh = answers.get(r.id);
    const report: StoredReport = old !== undefined && old === r
      ? old // kept as it was (withMoved hands back the kept object itself)
      : !r.reported
        ? { ...r, nums: EMPTY, values: EMPTY }
        : movedIds.has(r.id)
          ? { ...r, nums: fresh?.nums ?? EMPTY, values: fresh?.values ?? EMPTY }
          : { ...r, nums: old!.nums, values: old!.values };
    next.set(r.id, report);
  }
  stores.set(db, storeKey, fingerprint, next);
  return [...next.values()];
}

const EMPTY = new Map<string, never>();

/**
 * The period's submissions as they are now: the kept ones with those that moved read again (one query that
 * sends what is kept and brings back only the difference); all of them again if one was deleted.
 */
async function withMoved(db: Db, periodId: number, kept: ReadonlyMap<number, StoredReport>): Promise<PeriodSubmissionRow[]> {
  const { total, moved } = await loadMovedSubmissions(db, periodId, [...kept.values()]);
  const added = moved.filter((m) => !kept.has(m.id)).length;
  if (total !== kept.size + added) return loadPeriodSubmissions(db, periodId);
  if (moved.length === 0) return [...kept.values()];
  const byId = new Map<number, PeriodSubmissionRow>(kept);
  for (const m of moved) byId.set(m.id, m);
  const rows = [...byId.values()];
  return added > 0 ? rows.sort((a, b) => a.agencyId - b.agencyId) : rows;
}

/** The report has not moved since its answers were read. */
function same(old: StoredReport | undefined, r: PeriodSubmissionRow): boolean {
  return (
    old !== undefined && old.reported && old.version === r.version && old.submittedAt === r.submittedAt &&
    old.status === r.status && old.agencyId === r.agencyId
  );
}
