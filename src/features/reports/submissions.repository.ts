import { and, asc, eq, ne, sql } from "drizzle-orm";
import { queryRows, runStatement, type Db } from "../../db/client.ts";
import { localDateTime } from "../../time/calendar-date.ts";
import { agencies } from "../agencies/agencies.table.ts";
import { people } from "../people/people.table.ts";
import { getTemplateVersion } from "../templates/templates.repository.ts";
import { keepOutlierBaselines } from "../summaries/outlier-baselines.repository.ts";
import { fillingState, orphanedKeys } from "./answer-rules.ts";
import { numericValue, sameAnswer, type AnswerMap, type AnswerValue } from "./answer-value.ts";
import { answers, periods, submissions, submissionVersions, type Submission, type SubmissionEvent } from "./reports.table.ts";
import { filingRefusal, isOnTime, referenceNumber, type FilingRefusal } from "./submission-rules.ts";

/** After this long without a saved answer, another reporter may take over without confirming. */
export const EDITING_STALE_MS = 30 * 60 * 1000;

/** The report of an agency for a period; created empty (a draft) on first use. Idempotent. */
export async function ensureSubmission(db: Db, periodId: number, agencyId: number, now: Date): Promise<Submission> {
  const [period] = await db.select({ versionId: periods.templateVersionId }).from(periods).where(eq(periods.id, periodId));
  if (!period) throw new Error(`no period ${periodId}`);
  await db
    .insert(submissions)
    .values({ periodId, agencyId, templateVersionId: period.versionId, status: "draft", createdAt: now, updatedAt: now })
    .onConflictDoNothing();
  const [row] = await db.select().from(submissions).where(and(eq(submissions.periodId, periodId), eq(submissions.agencyId, agencyId)));
  return row!;
}

/** As `ensureSubmission`, in one statement, when only the id is needed. */
export async function ensureSubmissionId(db: Db, periodId: number, agencyId: number, now: Date): Promise<number> {
  const rows = await runStatement<{ id: number }>(db, { text: ENSURE_SUBMISSION, params: [periodId, agencyId, now.toISOString()] });
  if (rows[0]) return Number(rows[0].id);
  // Created by someone else after this statement began (its snapshot cannot see the row), or no such period.
  return (await ensureSubmission(db, periodId, agencyId, now)).id;
}

const ENSURE_SUBMISSION = `with ins as (
    insert into submissions (period_id, agency_id, template_version_id, status, created_at, updated_at)
    select id, $2::int, template_version_id, 'draft', $3::timestamptz, $3::timestamptz from periods where id = $1::int
    on conflict do nothing returning id
  )
  select id from ins union all select id from submissions where period_id = $1::int and agency_id = $2::int`;

export async function getSubmission(db: Db, id: number): Promise<Submission | undefined> {
  const [row] = await db.select().from(submissions).where(eq(submissions.id, id));
  return row;
}

/** Who holds the pen on a report, as plain JSON. */
export interface EditorInfo {
  personId: number;
  displayName: string;
  /** ISO instant of the last saved answer or of taking the report. */
  since: string;
}

export type ClaimResult = { ok: true; previous: EditorInfo | null } | { ok: false; holder: EditorInfo };

/**
 * Marks the person as the one editing the report. Refused while someone else edits it and their last
 * activity is fresh, unless `force` (an explicit "take over"). `previous` tells who held it before.
 */
export async function claimEditing(db: Db, submissionId: number, personId: number, now: Date, force: boolean): Promise<ClaimResult> {
  const staleBefore = new Date(now.getTime() - EDITING_STALE_MS);
  // One statement: who held the pen before (the statement's snapshot) and the conditional take.
  const [row] = await runStatement<{ claimed: boolean; holder_id: number | null; holder_name: string | null; holder_since_ms: number | string | null }>(db, {
    text: CLAIM_EDITING,
    params: [submissionId, personId, now.toISOString(), force, staleBefore.toISOString()],
  });
  const before: EditorInfo | null =
    row?.holder_id == null
      ? null
      : { personId: Number(row.holder_id), displayName: row.holder_name!, since: new Date(Number(row.holder_since_ms)).toISOString() };
  if (row?.claimed) return { ok: true, previous: before && before.personId !== personId ? before : null };
  return { ok: false, holder: before! };
}

const CLAIM_EDITING = `with before as (
    select s.editing_person_id as holder_id, p.display_name as holder_name,
      (extract(epoch from s.editing_since) * 1000)::float8 as holder_since_ms
    from submissions s join people p on p.id = s.editing_person_id
    where s.id = $1::int and s.editing_since is not null
  ), claim as (
    update submissions set editing_person_id = $2::int, editing_since = $3::timestamptz
    where id = $1::int and ($4::boolean or editing_person_id is null or editing_person_id = $2::int or editing_since < $5::timestamptz)
    returning id
  )
  select exists (select 1 from claim) as claimed, b.holder_id, b.holder_name, b.holder_since_ms
  from (select 1) one left join before b on true`;

/** Lets go of the pen (after submit or "save and finish later"), only if the person still holds it. */
export async function releaseEditing(db: Db, submissionId: number, personId: number): Promise<void> {
  await db
    .update(submissions)
    .set({ editingPersonId: null, editingSince: null })
    .where(and(eq(submissions.id, submissionId), eq(submissions.editingPersonId, personId)));
}

/** Lets go of every report the person holds the pen on (they left the filing), but `except`. */
export async function releaseEditingBy(db: Db, personId: number, except?: number): Promise<void> {
  await db
    .update(submissions)
    .set({ editingPersonId: null, editingSince: null })
    .where(and(eq(submissions.editingPersonId, personId), except === undefined ? undefined : ne(submissions.id, except)));
}

export async function editorOf(db: Db, submissionId: number): Promise<EditorInfo | null> {
  const [row] = await db
    .select({ personId: people.id, displayName: people.displayName, since: submissions.editingSince })
    .from(submissions)
    .innerJoin(people, eq(people.id, submissions.editingPersonId))
    .where(eq(submissions.id, submissionId));
  return row && row.since ? { personId: row.personId, displayName: row.displayName, since: row.since.toISOString() } : null;
}

/** A report as filing sees it: the submission, its period and agency, and the working copy. */
export interface FilingSnapshot {
  submissionId: number;
  status: Submission["status"];
  version: number;
  refNo: string | null;
  returnComment: string | null;
  templateVersionId: number;
  templateId: string;
  periodId: number;
  periodKey: string;
  periodStatus: "open" | "closed";
  deadlineOn: string;
  reopenedUntil: string | null;
  agencyId: number;
  agencyCode: string;
  agencyName: string;
  editingPersonId: number | null;
  /** The working copy's revision (`submissions.draft_rev`): saves and submits from this screen expect it. */
  draftRev: number;
  /** The working copy (draft_answers). */
  answers: AnswerMap;
}

/** One round trip: the report, its period and agency, and the draft answers. */
export async function loadFiling(db: Db, submissionId: number): Promise<FilingSnapshot | null> {
  const [r] = await runStatement(db, { text: LOAD_FILING, params: [submissionId] });
  return r ? snapshotOf(r) : null;
}

/** A row with the columns of `FILING_COLUMNS` as a snapshot. */
export function snapshotOf(r: Record<string, unknown>): FilingSnapshot {
  const raw = r.answers;
  return {
    submissionId: Number(r.id),
    status: r.status as Submission["status"],
    version: Number(r.version),
    refNo: (r.ref_no as string | null) ?? null,
    returnComment: (r.return_comment as string | null) ?? null,
    templateVersionId: Number(r.template_version_id),
    templateId: String(r.template_id),
    periodId: Number(r.period_id),
    periodKey: String(r.period_key),
    periodStatus: r.period_status as "open" | "closed",
    deadlineOn: String(r.deadline_on),
    reopenedUntil: (r.reopened_until as string | null) ?? null,
    agencyId: Number(r.agency_id),
    agencyCode: String(r.agency_code),
    agencyName: String(r.agency_name),
    editingPersonId: r.editing_person_id === null ? null : Number(r.editing_person_id),
    draftRev: Number(r.draft_rev),
    answers: (typeof raw === "string" ? JSON.parse(raw) : raw) as AnswerMap,
  };
}

/** The columns `snapshotOf` reads, over `submissions s join periods p join agencies a` (FILING_FROM). */
export const FILING_COLUMNS = `s.id, s.status, s.version, s.ref_no, s.return_comment, s.template_version_id, s.editing_person_id, s.draft_rev,
    p.id as period_id, p.template_id, p.period_key, p.status as period_status,
    p.deadline_on::text as deadline_on, p.reopened_until::text as reopened_until,
    a.id as agency_id, a.code as agency_code, a.name as agency_name,
    coalesce((select json_object_agg(d.question_key, d.value) from draft_answers d where d.submission_id = s.id), '{}'::json) as answers`;
export const FILING_FROM = "submissions s join periods p on p.id = s.period_id join agencies a on a.id = s.agency_id";

const LOAD_FILING = `select ${FILING_COLUMNS} from ${FILING_FROM} where s.id = $1::int`;

/**
 * Saves one valid answer to the draft at once, and drops answers whose question is no longer asked.
 * One statement, and only if everything the screen was shown under still holds: the person holds the pen
 * (or nobody does), the draft is still at the revision the screen was built from (`rev`), the person still
 * files for the agency on `today` (own reporter role or delegation), and the report can still be changed
 * (period open; a submitted report only until its amendment deadline). Otherwise nothing is written and
 * null is returned (`whyNotSaved` says which). An upsert, so a replayed update cannot store anything twice.
 */
export async function saveDraftAnswer(
  db: Db,
  input: { submissionId: number; personId: number; key: string; value: AnswerValue; drop: string[]; now: Date; rev: number; today: string },
): Promise<SavedDraft | null> {
  const [row] = await runStatement<{ status: Submission["status"]; version: number | string; ref_no: string | null; return_comment: string | null; draft_rev: number | string }>(db, {
    text: SAVE_DRAFT_ANSWER,
    params: [
      input.personId,
      input.now.toISOString(),
      input.submissionId,
      input.key,
      JSON.stringify(input.value),
      numericValue(input.value),
      JSON.stringify(input.drop),
      input.rev,
      input.today,
    ],
  });
  return row ? { status: row.status, version: Number(row.version), refNo: row.ref_no, returnComment: row.return_comment, draftRev: Number(row.draft_rev) } : null;
}

/** "The person files for the agency on the day", as an SQL condition over three expressions: the rule of `reporterAgencies`. */
function filesForCondition(person: string, agency: string, day: string): string {
  return `exists (select 1 from agencies a where a.id = ${agency} and a.active and (
      exists (select 1 from memberships m where m.person_id = ${person} and m.role = 'reporter' and m.agency_id = a.id)
      or exists (select 1 from delegations d where d.person_id = ${person} and d.agency_id = a.id and d.from_on <= ${day} and d.to_on >= ${day})))`;
}

// Fixed text (the keys to drop are one JSON array), so the statement is prepared once per connection.
// The amendment window is `amendUntil` (submission-rules.ts): the later of the deadline and the reopening date.
const SAVE_DRAFT_ANSWER = `with lock as (
    update submissions s set editing_person_id = $1::int, editing_since = $2::timestamptz, updated_at = $2::timestamptz,
      draft_rev = s.draft_rev + 1
    from periods p
    where s.id = $3::int and p.id = s.period_id
      and (s.editing_person_id is null or s.editing_person_id = $1::int)
      and s.draft_rev = $8::int
      and p.status = 'open'
      and (s.status <> 'submitted' or $9::date <= greatest(p.deadline_on, coalesce(p.reopened_until, p.deadline_on)))
      and ${filesForCondition("$1::int", "s.agency_id", "$9::date")}
    returning s.id, s.status, s.version, s.ref_no, s.return_comment, s.draft_rev
  ), ins as (
    insert into draft_answers (submission_id, question_key, value, num_value, updated_by, updated_at)
    select id, $4::text, $5::text::jsonb, $6::double precision, $1::int, $2::timestamptz from lock
    on conflict (submission_id, question_key) do update
      set value = excluded.value, num_value = excluded.num_value, updated_by = excluded.updated_by, updated_at = excluded.updated_at
    returning 1
  ), del as (
    delete from draft_answers where submission_id in (select id from lock)
      and question_key in (select jsonb_array_elements_text($7::text::jsonb))
    returning 1
  )
  select status, version, ref_no, return_comment, draft_rev from lock`;

const FILES_FOR = `select ${filesForCondition("$1::int", "$2::int", "$3::date")} as ok`;

/**
 * "behind": the draft moved on since the screen was shown, and the person still holds the pen, so the move
 * was their own (anyone else must take the pen to save, and taking it back means a new /report and a new
 * screen): a step of theirs whose reply was lost when the process stopped. "changed": someone else moved it.
 */
export type NotSavedReason = "no-right" | FilingRefusal | "not-editor" | "changed" | "behind" | "missing";

/** Why `saveDraftAnswer` wrote nothing, in the order a person needs to hear it (read after the fact). */
export async function whyNotSaved(db: Db, input: { submissionId: number; personId: number; rev: number; today: string }): Promise<NotSavedReason> {
  const snap = await loadFiling(db, input.submissionId);
  if (!snap) return "missing";
  if (!(await filesFor(db, input.personId, snap.agencyId, input.today))) return "no-right";
  const refusal = filingRefusal(snap.status, { status: snap.periodStatus, deadlineOn: snap.deadlineOn, reopenedUntil: snap.reopenedUntil }, input.today);
  if (refusal) return refusal;
  if (snap.editingPersonId !== null && snap.editingPersonId !== input.personId) return "not-editor";
  return snap.editingPersonId === input.personId ? "behind" : "changed";
}

/** Does the person file for the agency on `today` (own reporter role or a delegation, agency active)? */
export async function filesFor(db: Db, personId: number, agencyId: number, today: string): Promise<boolean> {
  const [row] = await runStatement<{ ok: boolean }>(db, { text: FILES_FOR, params: [personId, agencyId, today] });
  return row?.ok === true;
}

/** The submission as it stands right after a saved answer. */
export interface SavedDraft {
  status: Submission["status"];
  version: number;
  refNo: string | null;
  returnComment: string | null;
  draftRev: number;
}

export type SubmitResult =
  /**
   * Filed (`at`, an ISO instant). `repeated`: the report had already been filed, by this person, with exactly
   * these answers, after the screen was shown (their earlier press went through but its confirmation was lost
   * when the process stopped): the result of that filing, nothing new written.
   */
  | { ok: true; refNo: string; version: number; event: SubmissionEvent; onTime: boolean; changed: string[]; unchanged: false; at: string; repeated?: true }
  /** Nothing changed since the last submitted version: no new version (also what a double press gets). */
  | { ok: true; refNo: string; version: number; event: null; onTime: boolean; changed: []; unchanged: true }
  | { ok: false; reason: FilingRefusal | "incomplete" | "not-editor" | "missing" | "changed" | "no-right" };

/**
 * Files the draft: it becomes the official answers (what leaders see), a new version is written with who,
 * when and what changed, and the first submission is judged on time or late in REPORT_TIMEZONE.
 */
export async function submitFiling(
  db: Db,
  input: {
    submissionId: number;
    personId: number;
    now: Date;
    timeZone: string;
    /** The draft revision the person was shown; the submission is refused ("changed") if it moved since. */
    expectedRev?: number;
  },
): Promise<SubmitResult> {
  // Six round trips: begin, the report with its period and agency (locked), both copies of the answers,
  // every write in one statement, the agency's outlier baselines, commit.
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ s: submissions, p: periods, code: agencies.code })
      .from(submissions)
      .innerJoin(periods, eq(periods.id, submissions.periodId))
      .innerJoin(agencies, eq(agencies.id, submissions.agencyId))
      .where(eq(submissions.id, input.submissionId))
      .for("update", { of: submissions });
    if (!row) return { ok: false, reason: "missing" } as const;
    const { s, p, code } = row;
    if (s.editingPersonId !== null && s.editingPersonId !== input.personId) return { ok: false, reason: "not-editor" } as const;
    // A screen behind the draft: refused, unless the person's own filing of it is what moved it (checked below).
    const behind = input.expectedRev !== undefined && s.draftRev !== input.expectedRev;
    if (behind && !(s.status === "submitted" && s.submittedBy === input.personId)) return { ok: false, reason: "changed" } as const;
    const tv = await getTemplateVersion(tx as unknown as Db, s.templateVersionId);
    if (!tv) return { ok: false, reason: "missing" } as const;
    const today = localDateTime(input.now, input.timeZone).date;
    if (!(await filesFor(tx as unknown as Db, input.personId, s.agencyId, today))) return { ok: false, reason: "no-right" } as const;
    const refusal = filingRefusal(s.status, p, today);
    if (refusal) return { ok: false, reason: refusal } as const;

    const copies = await queryRows<{ official: boolean; question_key: string; value: unknown }>(
      tx as unknown as Db,
      sql`select false as official, question_key, value from draft_answers where submission_id = ${s.id}::int
          union all select true, question_key, value from answers where submission_id = ${s.id}::int`,
    );
    const draftKeys = copies.filter((r) => !r.official).map((r) => r.question_key);
    const draft: AnswerMap = Object.fromEntries(copies.filter((r) => !r.official).map((r) => [r.question_key, r.value as AnswerValue]));
    for (const k of orphanedKeys(tv.definition, draft)) delete draft[k];
    if (!fillingState(tv.definition, draft).complete) return { ok: false, reason: "incomplete" } as const;

    const prev: AnswerMap = Object.fromEntries(copies.filter((r) => r.official).map((r) => [r.question_key, r.value as AnswerValue]));
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const k of new Set([...Object.keys(prev), ...Object.keys(draft)]))
      if (!sameAnswer(prev[k], draft[k])) changes[k] = { from: prev[k] ?? null, to: draft[k] ?? null };
    const changed = Object.keys(changes);

    if (behind) {
      if (changed.length > 0) return { ok: false, reason: "changed" } as const;
      return repeatedFiling(tx as unknown as Db, s);
    }
    if (s.status === "submitted" && changed.length === 0) {
      await tx.update(submissions).set({ editingPersonId: null, editingSince: null }).where(eq(submissions.id, s.id));
      return { ok: true, refNo: s.refNo ?? "", version: s.version, event: null, onTime: s.onTime ?? true, changed: [], unchanged: true } as const;
    }

    const event: SubmissionEvent = s.status === "draft" ? "submitted" : s.status === "returned" ? "resubmitted" : "amended";
    const version = s.version + 1;
    const refNo = referenceNumber(p.templateId, p.periodKey, code, version);
    const onTime = s.onTime ?? isOnTime(today, p.deadlineOn);
    // The draft becomes the official copy; orphans leave the working copy too, so both stay the same.
    const official = Object.entries(draft).map(([k, v]) => ({ k, v, n: numericValue(v) }));
    const orphans = draftKeys.filter((k) => !(k in draft));
    const at = input.now.toISOString();
    await tx.execute(
      sql`with draft as (
            select x.k, coalesce(x.v, 'null'::jsonb) as v, x.n
            from jsonb_to_recordset(${JSON.stringify(official)}::text::jsonb) as x(k text, v jsonb, n double precision)
          ), gone as (
            delete from answers where submission_id = ${s.id}::int and question_key not in (select k from draft)
          ), official as (
            insert into answers (submission_id, question_key, value, num_value, updated_by, updated_at)
            select ${s.id}::int, k, v, n, ${input.personId}::int, ${at}::timestamptz from draft
            on conflict (submission_id, question_key) do update
              set value = excluded.value, num_value = excluded.num_value, updated_by = excluded.updated_by, updated_at = excluded.updated_at
          ), orphans as (
            delete from draft_answers where submission_id = ${s.id}::int
              and question_key in (select jsonb_array_elements_text(${JSON.stringify(orphans)}::text::jsonb))
          ), version as (
            insert into submission_versions (submission_id, version, event, answers, changes, person_id, at)
            values (${s.id}::int, ${version}::int, ${event}::text, ${JSON.stringify(draft)}::text::jsonb,
              ${event === "submitted" ? null : JSON.stringify(changes)}::text::jsonb, ${input.personId}::int, ${at}::timestamptz)
          )
          update submissions set status = 'submitted', version = ${version}::int, ref_no = ${refNo}::text,
            submitted_at = ${at}::timestamptz, submitted_by = ${input.personId}::int,
            first_submitted_at = ${(s.firstSubmittedAt ?? input.now).toISOString()}::timestamptz, on_time = ${onTime}::boolean,
            return_comment = null, editing_person_id = null, editing_since = null, updated_at = ${at}::timestamptz,
            draft_rev = draft_rev + 1
          where id = ${s.id}::int`,
    );
    // Leaders' outlier flags compare with each agency's history: kept up to date here rather than on first read.
    await keepOutlierBaselines(tx as unknown as Db, { periodId: p.id, agencyId: s.agencyId });
    return { ok: true, refNo, version, event, onTime, changed, unchanged: false, at } as const;
  });
}

/** The result of the filing that made the report's current version, as submitFiling returned it then. */
async function repeatedFiling(db: Db, s: Submission): Promise<SubmitResult> {
  const [v] = await db
    .select({ event: submissionVersions.event, changes: submissionVersions.changes, at: submissionVersions.at })
    .from(submissionVersions)
    .where(and(eq(submissionVersions.submissionId, s.id), eq(submissionVersions.version, s.version), ne(submissionVersions.event, "returned")));
  return {
    ok: true,
    refNo: s.refNo ?? "",
    version: s.version,
    event: v?.event ?? "submitted",
    onTime: s.onTime ?? true,
    changed: Object.keys(v?.changes ?? {}),
    unchanged: false,
    at: (v?.at ?? s.submittedAt ?? s.updatedAt).toISOString(),
    repeated: true,
  };
}

/**
 * A coordinator sends a submitted report back with a comment. The official answers stay as they were
 * (leaders still see the last submitted version); the reporters fix the draft and resubmit.
 */
export async function returnSubmission(
  db: Db,
  input: { submissionId: number; personId: number; comment: string; now: Date },
): Promise<{ ok: true; version: number } | { ok: false; reason: "not-submitted" | "missing" }> {
  return db.transaction(async (tx) => {
    const [s] = await tx.select().from(submissions).where(eq(submissions.id, input.submissionId)).for("update");
    if (!s) return { ok: false, reason: "missing" } as const;
    if (s.status !== "submitted") return { ok: false, reason: "not-submitted" } as const;
    const current = await tx.select().from(answers).where(eq(answers.submissionId, s.id));
    await tx
      .update(submissions)
      .set({ status: "returned", returnComment: input.comment, updatedAt: input.now })
      .where(eq(submissions.id, s.id));
    await tx.insert(submissionVersions).values({
      submissionId: s.id,
      version: s.version,
      event: "returned",
      answers: Object.fromEntries(current.map((r) => [r.questionKey, r.value])),
      changes: null,
      comment: input.comment,
      personId: input.personId,
      at: input.now,
    });
    return { ok: true, version: s.version } as const;
  });
}

export interface HistoryEntry {
  version: number;
  event: SubmissionEvent;
  at: Date;
  personName: string | null;
  comment: string | null;
  changes: Record<string, { from: unknown; to: unknown }> | null;
  answers: Record<string, unknown>;
}

export async function submissionHistory(db: Db, submissionId: number): Promise<HistoryEntry[]> {
  const rows = await db
    .select({ v: submissionVersions, name: people.displayName })
    .from(submissionVersions)
    .leftJoin(people, eq(people.id, submissionVersions.personId))
    .where(eq(submissionVersions.submissionId, submissionId))
    .orderBy(asc(submissionVersions.id));
  return rows.map((r) => ({
    version: r.v.version,
    event: r.v.event,
    at: r.v.at,
    personName: r.name,
    comment: r.v.comment,
    changes: r.v.changes ?? null,
    answers: r.v.answers,
  }));
}

/** The official (last submitted) answers of a report. */
export async function officialAnswers(db: Db, submissionId: number): Promise<AnswerMap> {
  const rows = await db.select().from(answers).where(eq(answers.submissionId, submissionId));
  return Object.fromEntries(rows.map((r) => [r.questionKey, r.value as AnswerValue]));
}
