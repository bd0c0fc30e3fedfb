import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client.ts";
import type { PeriodRow } from "./summaries.repository.ts";

/**
 * Each agency's own history as the outlier flag of a period sees it (the median, the median absolute deviation
 * and the count of each numeric answer over the `historyPeriods` periods before it, at least `minHistory`).
 *
 * Kept up to date as reports are submitted, not computed when a summary is read: submitting agency A's report
 * of period P (keepOutlierBaselines, in the submit transaction) recomputes A's rows for P and for the periods
 * whose history P belongs to (the `historyPeriods` after it) — one agency, a few dozen answers. A period whose
 * baselines are complete for every agency that reported it has a row in outlier_baseline_runs. A period without
 * one (filled in bulk by a seed or an import, or from before this rule) is computed whole once, on its first
 * read or by fillOutlierBaselines right after the bulk fill.
 */

/** Rules of the outlier flag. */
export const OUTLIER_RULE = { historyPeriods: 6, minHistory: 3, ratio: 3, robustZ: 3.5, minRelative: 0.5 } as const;

export interface OutlierBaseline {
  median: number;
  mad: number;
  n: number;
}

const intArray = (ids: readonly number[]) => `{${ids.map((n) => Math.trunc(n)).join(",")}}`;
const textArray = (xs: readonly string[]) => `{${xs.map((x) => `"${x.replace(/["\\]/g, "\\$&")}"`).join(",")}}`;
const REPORTED = sql`(s.status <> 'draft' or s.first_submitted_at is not null)`;
/** The numeric questions a template version flags: the same list as period-summary.ts reads. */
const FLAGGED_TYPES = sql`('integer', 'decimal', 'percent', 'money')`;
const FLAGGED_AGGREGATES = sql`('sum', 'avg', 'minmax')`;
const OUTLIER_BASELINE_LOCK = 7_004;
/** What outlier_baseline_runs.fingerprint holds for a period whose baselines are complete and kept on submit. */
const KEPT = "kept on submit";

/**
 * After agency `agencyId` submitted (or amended) its report of `periodId`: its baselines for that period and for
 * the `historyPeriods` periods after it (whose history now holds this report) from its answers as they are now.
 * One statement; meant to run in the submit transaction, so a summary read after the commit finds them.
 */
export async function keepOutlierBaselines(db: Db, at: { periodId: number; agencyId: number }): Promise<void> {
  const { historyPeriods, minHistory } = OUTLIER_RULE;
  await queryRows(
    db,
    sql`with me as (select template_id, cutoff_on from periods where id = ${at.periodId}::int),
        targets as materialized (
          select p.id, p.cutoff_on, p.template_version_id from periods p, me
          where p.template_id = me.template_id and p.cutoff_on >= me.cutoff_on
          order by p.cutoff_on, p.id limit ${historyPeriods + 1}::int),
        hist as materialized (
          select t.id as target, h.id as period_id from targets t cross join lateral (
            select p.id from periods p, me where p.template_id = me.template_id and p.cutoff_on < t.cutoff_on
            order by p.cutoff_on desc limit ${historyPeriods}::int) h),
        keys as materialized (
          select t.id as target, q->>'key' as key
          from targets t join template_versions tv on tv.id = t.template_version_id
          cross join lateral jsonb_array_elements(tv.definition->'questions') q
          where q->>'type' in ${FLAGGED_TYPES} and q->>'aggregate' in ${FLAGGED_AGGREGATES}),
        vals as (
          select h.target, an.question_key as key, an.num_value as value
          from hist h join submissions s on s.period_id = h.period_id and s.agency_id = ${at.agencyId}::int and ${REPORTED}
          join answers an on an.submission_id = s.id and an.num_value is not null
          join keys k on k.target = h.target and k.key = an.question_key),
        med as materialized (
          select target, key, percentile_cont(0.5) within group (order by value) as median, count(*)::int as n, array_agg(value) as vals
          from vals group by target, key having count(*) >= ${minHistory}::int),
        fresh as materialized (
          select m.target, m.key, m.median, m.n,
            coalesce((select percentile_cont(0.5) within group (order by abs(x - m.median)) from unnest(m.vals) as x), 0) as mad
          from med m),
        up as (
          insert into outlier_baselines (period_id, agency_id, question_key, median, mad, n)
          select target, ${at.agencyId}::int, key, median, mad, n from fresh
          on conflict (period_id, agency_id, question_key) do update set median = excluded.median, mad = excluded.mad, n = excluded.n),
        gone as (
          delete from outlier_baselines b using targets t
          where b.period_id = t.id and b.agency_id = ${at.agencyId}::int
            and not exists (select 1 from fresh f where f.target = b.period_id and f.key = b.question_key))
        insert into outlier_baseline_runs (period_id, fingerprint, computed_at)
        select t.id, ${KEPT}::text, now() from targets t
        where not exists (select 1 from submissions s where s.period_id = t.id and s.agency_id <> ${at.agencyId}::int and ${REPORTED})
        on conflict (period_id) do nothing`,
  );
}

/** Whether the period's baselines are complete (kept on submit, or computed whole once). */
export async function outlierBaselinesKept(db: Db, periodId: number): Promise<boolean> {
  const rows = await queryRows<{ one: number }>(db, sql`select 1 as one from outlier_baseline_runs where period_id = ${periodId}`);
  return rows.length > 0;
}

export interface LoadedBaselines {
  baselines: Map<number, Map<string, OutlierBaseline>>;
  /** The agencies that had reported the period when they were read (the same snapshot): theirs are all there. */
  reported: Set<number>;
}

/**
 * The period's outlier baselines by agency and question key, of the given agencies only when given; with the
 * agencies that had reported it in the same statement, so a report submitted meanwhile is never taken as read.
 */
export async function loadOutlierBaselines(db: Db, periodId: number, agencyIds?: readonly number[]): Promise<LoadedBaselines> {
  const only = (column: SQL) => (agencyIds ? sql`and ${column} = any(${intArray(agencyIds)}::int[])` : sql``);
  const rows = await queryRows<{ agencyId: number; key: string | null; median: number; mad: number; n: number }>(
    db,
    sql`select agency_id as "agencyId", question_key as key, median, mad, n from outlier_baselines
        where period_id = ${periodId} ${only(sql`agency_id`)}
        union all
        select s.agency_id, null, null, null, null from submissions s where s.period_id = ${periodId} and ${REPORTED} ${only(sql`s.agency_id`)}`,
  );
  const baselines = new Map<number, Map<string, OutlierBaseline>>();
  const reported = new Set<number>();
  for (const r of rows) {
    if (r.key === null) {
      reported.add(Number(r.agencyId));
      continue;
    }
    let own = baselines.get(r.agencyId);
    if (!own) baselines.set(r.agencyId, (own = new Map()));
    own.set(r.key, { median: Number(r.median), mad: Number(r.mad), n: Number(r.n) });
  }
  return { baselines, reported };
}

/** The periods the outlier flags of a period compare with: the `historyPeriods` before it. */
export async function historyPeriodIds(db: Db, period: Pick<PeriodRow, "templateId" | "cutoffOn">): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select id from periods where template_id = ${period.templateId} and cutoff_on < ${period.cutoffOn}
        order by cutoff_on desc limit ${OUTLIER_RULE.historyPeriods}`,
  );
  return rows.map((r) => r.id);
}

/**
 * The whole period's baselines at once, for a period that has none kept (filled in bulk, or from before they
 * were kept on submit). One instance at a time per period (a transaction lock); the others then find them.
 * Returns whether it computed anything.
 */
export async function computeOutlierBaselines(db: Db, period: Pick<PeriodRow, "id" | "templateId" | "cutoffOn">, keys: readonly string[]): Promise<boolean> {
  const historyIds = await historyPeriodIds(db, period);
  const { minHistory } = OUTLIER_RULE;
  return db.transaction(async (tx) => {
    const q = tx as unknown as Db;
    await tx.execute(sql`select pg_advisory_xact_lock(${OUTLIER_BASELINE_LOCK}, ${period.id})`);
    if (await outlierBaselinesKept(q, period.id)) return false;
    await tx.execute(sql`delete from outlier_baselines where period_id = ${period.id}`);
    if (historyIds.length > 0 && keys.length > 0) {
      // MATERIALIZED: each step is small; inlined, a planner without fresh statistics (PGlite has no
      // autovacuum) joins every period's answers row by row.
      await tx.execute(
        sql`insert into outlier_baselines (period_id, agency_id, question_key, median, mad, n)
            with hist as materialized (
              select s.agency_id, an.question_key as key, an.num_value as value
              from submissions s join answers an on an.submission_id = s.id
              where s.period_id = any(${intArray(historyIds)}::int[]) and ${REPORTED}
                and an.question_key = any(${textArray(keys)}::text[]) and an.num_value is not null),
            med as materialized (
              select agency_id, key, percentile_cont(0.5) within group (order by value) as median, count(*)::int as n,
                array_agg(value) as vals
              from hist group by agency_id, key having count(*) >= ${minHistory})
            select ${period.id}, m.agency_id, m.key, m.median, coalesce(
                (select percentile_cont(0.5) within group (order by abs(x - m.median)) from unnest(m.vals) as x), 0), m.n
            from med m`,
      );
    }
    await tx.execute(
      sql`insert into outlier_baseline_runs (period_id, fingerprint, computed_at) values (${period.id}, ${KEPT}, now())
          on conflict (period_id) do update set fingerprint = excluded.fingerprint, computed_at = excluded.computed_at`,
    );
    return true;
  });
}

/**
 * After a bulk fill (a seed, an import of past reports): the baselines of every period of the template that has
 * reports and none kept, oldest first, so the first summary of each reads them instead of computing them.
 */
export async function fillOutlierBaselines(db: Db, templateId: string): Promise<number> {
  const periods = await queryRows<{ id: number; templateId: string; cutoffOn: string; keys: string[] }>(
    db,
    sql`select p.id, p.template_id as "templateId", p.cutoff_on::text as "cutoffOn",
          array(select q->>'key' from jsonb_array_elements(tv.definition->'questions') q
                where q->>'type' in ${FLAGGED_TYPES} and q->>'aggregate' in ${FLAGGED_AGGREGATES}) as keys
        from periods p join template_versions tv on tv.id = p.template_version_id
        where p.template_id = ${templateId}
          and not exists (select 1 from outlier_baseline_runs r where r.period_id = p.id)
          and exists (select 1 from submissions s where s.period_id = p.id and ${REPORTED})
        order by p.cutoff_on`,
  );
  let computed = 0;
  for (const p of periods) if (await computeOutlierBaselines(db, p, p.keys)) computed++;
  // Fresh statistics for the planner, which otherwise joins a period's answers to its baselines row by row.
  if (computed > 0) await queryRows(db, sql`analyze outlier_baselines`);
  return computed;
}
