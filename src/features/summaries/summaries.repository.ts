import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client.ts";
import type { AgencyKind } from "../agencies/agencies.table.ts";
import type { TemplateDefinition } from "../templates/template-definition.ts";

/** Reads for leaders' summaries. Aggregation happens in SQL so that a period of 2,000 agencies stays fast. */

export interface AgencyRow {
  id: number;
  code: string;
  name: string;
  kind: AgencyKind;
  parentId: number | null;
  active: boolean;
  /** Its life (agency-lifecycle.ts): the first day it exists and the first day it no longer reports. */
  startsOn?: string | null;
  endsOn?: string | null;
  /** Where its history continues after a merge (following chains), or null. */
  successorId?: number | null;
}

export interface PeriodRow {
  id: number;
  templateId: string;
  periodKey: string;
  startsOn: string;
  cutoffOn: string;
  deadlineOn: string;
  status: string;
  definition: TemplateDefinition;
  /**
   * Set on a period the template has no period of, made of its own periods (a quarter of a monthly template,
   * combined-periods.ts): those periods, oldest first. The row's key is the longer period's; its id, status and
   * definition are the latest month's.
   */
  months?: readonly PeriodRow[];
}

/** Agency ids a viewer may see; null means the whole province. */
export type Scope = readonly number[] | null;

/** A scope as a cache key part: the same agencies give the same key whatever their order. */
export const scopeKey = (scope: Scope): string => (scope === null ? "all" : [...scope].sort((a, b) => a - b).join(","));

/** A PostgreSQL array literal passed as one text parameter (one parameter, whatever the scope's size). */
const intArray = (ids: readonly number[]) => `{${ids.map((n) => Math.trunc(n)).join(",")}}`;
const textArray = (xs: readonly string[]) => `{${xs.map((x) => `"${x.replace(/["\\]/g, "\\$&")}"`).join(",")}}`;
const nullableTextArray = (xs: readonly (string | null)[]) => `{${xs.map((x) => (x === null ? "NULL" : `"${x.replace(/["\\]/g, "\\$&")}"`)).join(",")}}`;
const inScope = (column: SQL, scope: Scope) => (scope === null ? sql`true` : sql`${column} = any(${intArray(scope)}::int[])`);
/** A submission that leaders see: submitted at least once (its answers are the last submitted values). */
const REPORTED = sql`(s.status <> 'draft' or s.first_submitted_at is not null)`;

/** The agencies with their life and where their history continues (a merge's successor). */
export async function loadAgencies(db: Db): Promise<AgencyRow[]> {
  return queryRows<AgencyRow>(
    db,
    sql`with recursive chain(start, cur) as (
          select predecessor_id, successor_id from agency_successions
          union select c.start, s.successor_id from chain c join agency_successions s on s.predecessor_id = c.cur)
        select a.id, a.code, a.name, a.kind, a.parent_id as "parentId", a.active, a.starts_on::text as "startsOn",
          a.ends_on::text as "endsOn",
          (select c.cur from chain c where c.start = a.id and not exists (select 1 from agency_successions n where n.predecessor_id = c.cur) limit 1) as "successorId"
        from agencies a order by a.kind, a.name`,
  );
}

const PERIOD_COLUMNS = sql`p.id, p.template_id as "templateId", p.period_key as "periodKey", p.starts_on::text as "startsOn",
  p.cutoff_on::text as "cutoffOn", p.deadline_on::text as "deadlineOn", p.status, tv.definition`;

export async function findPeriodById(db: Db, id: number): Promise<PeriodRow | undefined> {
  const rows = await queryRows<PeriodRow>(
    db,
    sql`select ${PERIOD_COLUMNS} from periods p join template_versions tv on tv.id = p.template_version_id where p.id = ${id}`,
  );
  return rows[0];
}

/**
 * The most recent period (by cut-off) with at least one submitted report, optionally of one template.
 * With `today`, periods whose cut-off has passed come first: the next month's period opens on the 15th of
 * the month before (Decree 09 windows), and one early filer there must not make it "the latest". A period
 * still open counts only when no period whose cut-off has passed has reports.
 */
export async function latestReportedPeriod(db: Db, templateId?: string, today?: string): Promise<PeriodRow | undefined> {
  const rows = await queryRows<PeriodRow>(
    db,
    sql`select ${PERIOD_COLUMNS} from periods p join template_versions tv on tv.id = p.template_version_id
        where ${templateId ? sql`p.template_id = ${templateId}` : sql`true`}
          and exists (select 1 from submissions s where s.period_id = p.id and ${REPORTED})
        order by ${today ? sql`(p.cutoff_on <= ${today}) desc, ` : sql``}p.cutoff_on desc, p.id desc limit 1`,
  );
  return rows[0];
}

/**
 * The period to show for a window the template has no period of (a quarter, half-year or year of a monthly
 * template): the newest one in the window whose cut-off has passed by `today` and that has reports; failing
 * that the newest whose cut-off has passed, then the newest with reports, then the newest. One query.
 */
export async function periodForWindow(db: Db, templateId: string, from: string, to: string, today: string): Promise<PeriodRow | undefined> {
  const rows = await queryRows<PeriodRow>(
    db,
    sql`select ${PERIOD_COLUMNS} from periods p join template_versions tv on tv.id = p.template_version_id
        where p.template_id = ${templateId} and p.cutoff_on between ${from} and ${to}
        order by (p.cutoff_on <= ${today}) desc,
          exists (select 1 from submissions s where s.period_id = p.id and ${REPORTED}) desc,
          p.cutoff_on desc, p.id desc
        limit 1`,
  );
  return rows[0];
}

/** The key of a template's latest period whose deadline has passed by `today` (the year a ranking is about). */
export async function latestDuePeriodKey(db: Db, templateId: string, today: string): Promise<string | undefined> {
  const rows = await queryRows<{ periodKey: string }>(
    db,
    sql`select period_key as "periodKey" from periods
        where template_id = ${templateId} and deadline_on < ${today}
        order by deadline_on desc, id desc limit 1`,
  );
  return rows[0]?.periodKey;
}

/** Periods with this key, the template with the most reports first. */
export async function findPeriodsByKey(db: Db, periodKey: string, templateId?: string): Promise<PeriodRow[]> {
  return queryRows<PeriodRow>(
    db,
    sql`select ${PERIOD_COLUMNS} from periods p join template_versions tv on tv.id = p.template_version_id
        where p.period_key = ${periodKey} and ${templateId ? sql`p.template_id = ${templateId}` : sql`true`}
        order by (select count(*) from submissions s where s.period_id = p.id and ${REPORTED}) desc, p.id desc`,
  );
}

/** Periods of a template with a cut-off in [from, to], newest first. */
export async function periodsBetween(db: Db, templateId: string, from: string, to: string): Promise<PeriodRow[]> {
  return queryRows<PeriodRow>(
    db,
    sql`select ${PERIOD_COLUMNS} from periods p join template_versions tv on tv.id = p.template_version_id
        where p.template_id = ${templateId} and p.cutoff_on between ${from} and ${to}
        order by p.cutoff_on desc, p.id desc`,
  );
}

/** The latest `limit` periods of a template whose cut-off is on or before `onOrBefore`, newest first. */
export async function recentPeriods(db: Db, templateId: string, onOrBefore: string, limit: number): Promise<PeriodRow[]> {
  return queryRows<PeriodRow>(
    db,
    sql`select ${PERIOD_COLUMNS} from periods p join template_versions tv on tv.id = p.template_version_id
        where p.template_id = ${templateId} and p.cutoff_on <= ${onOrBefore}
        order by p.cutoff_on desc, p.id desc limit ${limit}`,
  );
}

export interface SubmissionStatusRow {
  agencyId: number;
  reported: boolean;
  onTime: boolean | null;
  status: string;
  submittedAt: Date | string | null;
}

export async function loadSubmissionStatuses(db: Db, periodId: number, scope: Scope): Promise<SubmissionStatusRow[]> {
  return queryRows<SubmissionStatusRow>(
    db,
    sql`select s.agency_id as "agencyId", ${REPORTED} as reported, s.on_time as "onTime", s.status,
          s.submitted_at as "submittedAt"
        from submissions s where s.period_id = ${periodId} and ${inScope(sql`s.agency_id`, scope)}`,
  );
}

export interface PeriodSubmissionRow {
  id: number;
  agencyId: number;
  /** Submitted at least once: leaders see its official answers (the last submitted values). */
  reported: boolean;
  status: string;
  version: number;
  onTime: boolean | null;
  /** As text, the same from both drivers. */
  submittedAt: string | null;
}

/** Every submission of a period, drafts included, in agency order (≈2,000 rows at provincial scale). */
export async function loadPeriodSubmissions(db: Db, periodId: number): Promise<PeriodSubmissionRow[]> {
  const rows = await queryRows<PeriodSubmissionRow>(
    db,
    sql`select s.id, s.agency_id as "agencyId", ${REPORTED} as reported, s.status, s.version, s.on_time as "onTime",
          s.submitted_at::text as "submittedAt"
        from submissions s where s.period_id = ${periodId} order by s.agency_id`,
  );
  return rows.map((r) => ({ ...r, version: Number(r.version) }));
}

/**
 * The submissions of a period that differ from `known` (new, or with another version, submission time or
 * status), and how many the period has in all, so a caller keeping the rest can tell whether one went.
 */
export async function loadMovedSubmissions(
  db: Db,
  periodId: number,
  known: readonly Pick<PeriodSubmissionRow, "id" | "version" | "status" | "submittedAt">[],
): Promise<{ total: number; moved: PeriodSubmissionRow[] }> {
  const rows = await queryRows<PeriodSubmissionRow & { total: number }>(
    db,
    sql`with cur as (
          select s.id, s.agency_id, ${REPORTED} as reported, s.status, s.version, s.on_time, s.submitted_at::text as submitted_at
          from submissions s where s.period_id = ${periodId}),
        known as (
          select * from unnest(${intArray(known.map((k) => k.id))}::int[], ${intArray(known.map((k) => k.version))}::int[],
            ${textArray(known.map((k) => k.status))}::text[], ${nullableTextArray(known.map((k) => k.submittedAt))}::text[])
            as k(id, version, status, submitted_at))
        select (select count(*) from cur)::int as total, m.id, m.agency_id as "agencyId", m.reported, m.status, m.version,
          m.on_time as "onTime", m.submitted_at as "submittedAt"
        from (select 1) one left join lateral (
          select c.* from cur c left join known k on k.id = c.id
          where k.id is null or k.version <> c.version or k.status <> c.status
            or k.submitted_at is distinct from c.submitted_at) m on true
        order by m.agency_id`,
  );
  return {
    total: Number(rows[0]?.total ?? 0),
    moved: rows.filter((r) => r.id !== null).map(({ total: _, ...r }) => ({ ...r, version: Number(r.version) })),
  };
}

export interface OfficialAnswerRow {
  submissionId: number;
  key: string;
  num: number | null;
  /** Only for `values` keys; null otherwise. */
  value: unknown;
}

/** Official answers of the given keys: of every reported submission of a period, or of the given submissions. */
export async function loadOfficialAnswers(
  db: Db,
  of: { periodId: number } | { submissionIds: readonly number[] },
  keys: { numeric: readonly string[]; values: readonly string[] },
): Promise<OfficialAnswerRow[]> {
  const all = [...new Set([...keys.numeric, ...keys.values])];
  if (all.length === 0) return [];
  const which = "periodId" in of
    ? sql`an.submission_id in (select s.id from submissions s where s.period_id = ${of.periodId} and ${REPORTED})`
    : sql`an.submission_id = any(${intArray(of.submissionIds)}::int[])`;
  return queryRows<OfficialAnswerRow>(
    db,
    sql`select an.submission_id as "submissionId", an.question_key as key, an.num_value::float8 as num,
          case when an.question_key = any(${textArray(keys.values)}::text[]) then an.value end as value
        from answers an
        where ${which} and an.question_key = any(${textArray(all)}::text[])`,
  );
}

export interface NumericAggregateRow {
  periodId: number;
  /** null on the province-wide row. */
  kind: AgencyKind | null;
  key: string;
  n: number;
  sum: number;
  avg: number;
  min: number;
  max: number;
}

/**
 * Count, sum, average, min and max of numeric answers per period, per agency kind and over all kinds.
 * With `reportedIn`, only agencies that also reported that period count (a like-for-like comparison).
 */
export async function loadNumericAggregates(
  db: Db,
  periodIds: readonly number[],
  keys: readonly string[],
  scope: Scope,
  reportedIn?: number,
): Promise<NumericAggregateRow[]> {
  if (periodIds.length === 0 || keys.length === 0) return [];
  const rows = await queryRows<NumericAggregateRow>(
    db,
    sql`select s.period_id as "periodId", a.kind, an.question_key as key, count(an.num_value)::int as n,
          sum(an.num_value)::float8 as sum, avg(an.num_value)::float8 as avg,
          min(an.num_value)::float8 as min, max(an.num_value)::float8 as max
        from submissions s
        join agencies a on a.id = s.agency_id
        join answers an on an.submission_id = s.id
        where s.period_id = any(${intArray(periodIds)}::int[]) and ${REPORTED} and ${inScope(sql`s.agency_id`, scope)}
          and an.question_key = any(${textArray(keys)}::text[]) and an.num_value is not null
          and ${reportedIn === undefined ? sql`true` : sql`exists (select 1 from submissions r where r.period_id = ${reportedIn}
            and r.agency_id = s.agency_id and (r.status <> 'draft' or r.first_submitted_at is not null))`}
        group by grouping sets ((s.period_id, a.kind, an.question_key), (s.period_id, an.question_key))`,
  );
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

export interface ChoiceCountRow {
  kind: AgencyKind | null;
  key: string;
  choice: string;
  count: number;
}

export interface TextAnswerRow {
  agencyId: number;
  key: string;
  text: string;
}

export interface OutlierRow {
  agencyId: number;
  key: string;
  value: number;
  median: number;
  mad: number;
  n: number;
}

/**
 * Per period, a fingerprint that changes whenever a report of it is created, submitted, amended or returned:
 * official answers are only written at submit time, which moves submitted_at and the version, and a return
 * changes the status. Saving a draft answer (which touches updated_at) leaves it as it is, since leaders
 * never see drafts. Periods without reports get "none".
 */
export async function submissionFingerprints(db: Db, periodIds: readonly number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>(periodIds.map((id) => [id, "none"]));
  if (periodIds.length === 0) return out;
  const rows = await queryRows<{ periodId: number; fp: string }>(
    db,
    sql`select period_id as "periodId", count(*) || ':' || sum(id) || ':' || sum(version) || ':' ||
          count(first_submitted_at) || ':' || count(*) filter (where status = 'returned') || ':' ||
          count(*) filter (where status = 'draft') || ':' || coalesce(max(submitted_at)::text, '') as fp
        from submissions where period_id = any(${intArray(periodIds)}::int[]) group by period_id`,
  );
  for (const r of rows) out.set(Number(r.periodId), r.fp);
  return out;
}

export interface ContradictionRow {
  agencyId: number;
  key: string;
  numerator: number;
  denominator: number;
}

export interface AgencyValueRow {
  agencyId: number;
  key: string;
  value: number;
}

/** Every numeric answer of the given keys in a period, per agency (for comparisons and rankings). */
export async function loadAgencyValues(db: Db, periodId: number, keys: readonly string[], scope: Scope): Promise<AgencyValueRow[]> {
  if (keys.length === 0) return [];
  return queryRows<AgencyValueRow>(
    db,
    sql`select s.agency_id as "agencyId", an.question_key as key, an.num_value::float8 as value
        from submissions s join answers an on an.submission_id = s.id
        where s.period_id = ${periodId} and ${REPORTED} and ${inScope(sql`s.agency_id`, scope)}
          and an.question_key = any(${textArray(keys)}::text[]) and an.num_value is not null`,
  );
}

export interface AnswerRow {
  agencyId: number;
  key: string;
  value: unknown;
  numValue: number | null;
}

/** All official answers of a period (for exports and one agency's report). */
export async function loadAnswers(db: Db, periodId: number, scope: Scope): Promise<AnswerRow[]> {
  return queryRows<AnswerRow>(
    db,
    sql`select s.agency_id as "agencyId", an.question_key as key, an.value, an.num_value::float8 as "numValue"
        from submissions s join answers an on an.submission_id = s.id
        where s.period_id = ${periodId} and ${REPORTED} and ${inScope(sql`s.agency_id`, scope)}`,
  );
}

export interface AgencyHistoryRow {
  periodId: number;
  periodKey: string;
  reported: boolean | null;
  onTime: boolean | null;
  key: string | null;
  value: number | null;
}

/** One agency over the latest periods of a template: timeliness and the given numeric answers. */
export async function loadAgencyHistory(
  db: Db,
  agencyId: number,
  periodIds: readonly number[],
  keys: readonly string[],
): Promise<AgencyHistoryRow[]> {
  if (periodIds.length === 0) return [];
  return queryRows<AgencyHistoryRow>(
    db,
    sql`select p.id as "periodId", p.period_key as "periodKey", ${REPORTED} as reported, s.on_time as "onTime",
          an.question_key as key, an.num_value::float8 as value
        from periods p
        left join submissions s on s.period_id = p.id and s.agency_id = ${agencyId}
        left join answers an on an.submission_id = s.id and an.question_key = any(${textArray(keys)}::text[])
        where p.id = any(${intArray(periodIds)}::int[])`,
  );
}

export interface YearAgencyRow {
  agencyId: number;
  periods: number;
  onTime: number;
  late: number;
}

/**
 * predecessor → successor (agency-lifecycle.ts) as a join: a merged agency's reports count for the agency its
 * history now lives under. Without it (or empty), every report counts for its own agency.
 */
export type Fold = ReadonlyMap<number, number>;
const foldJoin = (fold: Fold | undefined) =>
  fold && fold.size > 0
    ? sql`left join unnest(${intArray([...fold.keys()])}::int[], ${intArray([...fold.values()])}::int[]) as f(from_id, to_id) on f.from_id = s.agency_id`
    : sql`left join (select null::int as from_id, null::int as to_id) f on false`;

/**
 * Per agency over a set of periods: in how many periods it reported, on time or late. With `fold`, a
 * successor's periods include those its predecessors reported (a period with several reports is late if one is).
 */
export async function loadTimeliness(db: Db, periodIds: readonly number[], scope: Scope, fold?: Fold): Promise<YearAgencyRow[]> {
  if (periodIds.length === 0) return [];
  const rows = await queryRows<YearAgencyRow>(
    db,
    sql`select agency_id as "agencyId", count(*)::int as periods,
          count(*) filter (where on_time)::int as "onTime",
          count(*) filter (where not on_time)::int as late
        from (select coalesce(f.to_id, s.agency_id) as agency_id, s.period_id, bool_and(s.on_time is not false) as on_time
              from submissions s ${foldJoin(fold)}
              where s.period_id = any(${intArray(periodIds)}::int[]) and ${REPORTED} and ${inScope(sql`s.agency_id`, scope)}
              group by 1, 2) x
        group by agency_id`,
  );
  return rows.map((r) => ({ agencyId: r.agencyId, periods: Number(r.periods), onTime: Number(r.onTime), late: Number(r.late) }));
}

/** Per agency, the mean over the periods of a numeric answer or of a derived share (numerator/denominator × 100). */
export async function loadIndicatorMeans(
  db: Db,
  periodIds: readonly number[],
  indicator: { key: string } | { key: string; numerator: string; denominator: string },
  scope: Scope,
  fold?: Fold,
): Promise<{ agencyId: number; value: number }[]> {
  if (periodIds.length === 0) return [];
  const where = sql`s.period_id = any(${intArray(periodIds)}::int[]) and ${REPORTED} and ${inScope(sql`s.agency_id`, scope)}`;
  if ("numerator" in indicator) {
    return queryRows(
      db,
      sql`select coalesce(f.to_id, s.agency_id) as "agencyId", avg(100 * n.num_value / nullif(d.num_value, 0))::float8 as value
          from submissions s ${foldJoin(fold)}
          join answers n on n.submission_id = s.id and n.question_key = ${indicator.numerator}
          join answers d on d.submission_id = s.id and d.question_key = ${indicator.denominator}
          where ${where} and d.num_value > 0
          group by 1`,
    );
  }
  return queryRows(
    db,
    sql`select coalesce(f.to_id, s.agency_id) as "agencyId", avg(an.num_value)::float8 as value
        from submissions s ${foldJoin(fold)} join answers an on an.submission_id = s.id and an.question_key = ${indicator.key}
        where ${where} and an.num_value is not null
        group by 1`,
  );
}
