import { and, eq, gte, lte, sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client.ts";
import type { AgencyKind } from "../agencies/agencies.table.ts";
import type { IsoDate } from "../../time/calendar-date.ts";
import { loadDayOverrides } from "../calendar/calendar.repository.ts";
import { enqueueMessages, type OutgoingMessage } from "../outbox/outbox.repository.ts";
import { people } from "../people/people.table.ts";
import { delegations, periods } from "../reports/reports.table.ts";
import { agencyMustReport } from "../reports/required-agencies.ts";
import { templateDefinitionSchema, type TemplateDefinition } from "../templates/template-definition.ts";
import { templateVersions } from "../templates/templates.table.ts";
import type { PlanAgency, PlanInput, PlanPeriod, PlanPerson } from "./plan-input.ts";
import { reporterStage, type PlannedNotice } from "./reminder-plan.ts";
import { mutes } from "./reminders.table.ts";

/**
 * Rows of a query as one JSON document. With thousands of rows this is several times faster than row by row
 * (PGlite decodes each row separately), and it behaves the same on PostgreSQL.
 */
async function jsonRows<T>(db: Db, query: SQL): Promise<T[]> {
  const [row] = await queryRows<{ j: string }>(db, sql`select coalesce(json_agg(t), '[]')::text as j from (${query}) t`);
  return JSON.parse(row?.j ?? "[]") as T[];
}

/** One string column of many rows, joined, as a set. */
async function stringSet(db: Db, query: SQL): Promise<Set<string>> {
  const [row] = await queryRows<{ s: string }>(db, sql`select coalesce(string_agg(t.s, ' '), '') as s from (${query}) t`);
  return new Set(row?.s ? row.s.split(" ") : []);
}

/**
 * Loads everything the plan needs in eight queries, whatever the number of agencies, periods or people:
 * calendar, open periods with their template version, agencies, submitted reports, people with roles,
 * today's mutes, today's delegations, and the notices already recorded that could be due again today.
 */
export async function loadPlanInput(db: Db, today: IsoDate, opts: { sentKeys?: boolean } = {}): Promise<PlanInput> {
  const overrides = await loadDayOverrides(db);
  const periodRows = await db
    .select({ period: periods, definition: templateVersions.definition })
    .from(periods)
    .innerJoin(templateVersions, eq(templateVersions.id, periods.templateVersionId))
    .where(eq(periods.status, "open"))
    .orderBy(periods.id);
  const agencyRows = await jsonRows<PlanAgency & { startsOn: string | null }>(
    db,
    sql`select id, code, name, kind, parent_id as "parentId", starts_on::text as "startsOn" from agencies where active order by id`,
  );
  const agencyMap = new Map<number, PlanAgency>(agencyRows.map((a) => [a.id, a]));
  const periodIds = periodRows.map((r) => r.period.id);

  const planPeriods: PlanPeriod[] = periodRows.map(({ period, definition }) => {
    // Stored definitions were validated on import; parsing again fills defaults added since. One stored
    // before a check was added (and failing it) is taken as stored: reminders for every period must go on.
    const parsed = templateDefinitionSchema.safeParse(definition);
    const def = parsed.success ? parsed.data : (definition as TemplateDefinition);
    return {
      id: period.id,
      templateId: period.templateId,
      periodKey: period.periodKey,
      startsOn: period.startsOn,
      deadlineOn: period.deadlineOn,
      title: def.title,
      reminders: def.reminders,
      // The reports feature's own rule, applied in memory to the one agency list: an agency that starts after
      // the period's cut-off (a merge's new successor) is neither required nor chased for it.
      requiredAgencyIds: agencyRows
        .filter((a) => agencyMustReport(def, { code: a.code, kind: a.kind as AgencyKind, active: true, startsOn: a.startsOn }, period))
        .map((a) => a.id),
    };
  });
  const idList = sql.join(periodIds.length ? periodIds.map((id) => sql`${id}::int`) : [sql`null::int`], sql`, `);

  const submitted = await stringSet(
    db,
    // Filed at least once: a report returned for a correction is the reporters' to fix (the return notice told
    // them), not a missing report to chase, report late, or escalate to the agency head.
    sql`select period_id || ':' || agency_id as s from submissions where (status = 'submitted' or first_submitted_at is not null) and period_id in (${idList})`,
  );
  const roleRows = await jsonRows<{ id: number; chatId: number; locale: string; role: string; agencyId: number | null }>(
    db,
    sql`select p.id, p.telegram_id as "chatId", p.locale, m.role, m.agency_id as "agencyId"
        from memberships m join people p on p.id = m.person_id
        where p.active and m.role in ('reporter', 'leader', 'coordinator') order by p.id`,
  );
  const muteRows = await db
    .select({ personId: mutes.personId, fromOn: mutes.fromOn, toOn: mutes.toOn })
    .from(mutes)
    .where(and(lte(mutes.fromOn, today), gte(mutes.toOn, today)));
  const delegationRows = await db
    .select({
      agencyId: delegations.agencyId, personId: delegations.personId, fromOn: delegations.fromOn, toOn: delegations.toOn,
      chatId: people.telegramId, locale: people.locale,
    })
    .from(delegations)
    .innerJoin(people, eq(people.id, delegations.personId))
    .where(and(eq(people.active, true), lte(delegations.fromOn, today), gte(delegations.toOn, today)));

  // Only keys the plan could produce today: each period's current reporter kind (today's, for daily kinds),
  // its escalations, and today's digests. Older notices never need to be read again.
  const dueToday = planPeriods.map((p) => {
    const stage = reporterStage(p, today, { overrides });
    const reporter = stage
      ? stage.kind === "overdue"
        ? sql`(kind = 'overdue' and dedupe_key like ${`%:${today}`})`
        : sql`kind = ${stage.kind}`
      : sql`false`;
    return sql`(period_id = ${p.id}::int and (kind = 'escalation' or ${reporter}))`;
  });
  const alreadySent = opts.sentKeys === false
    ? new Set<string>()
    : await stringSet(
        db,
        sql`select dedupe_key as s from notices
            where ${sql.join([...dueToday, sql`(kind = 'digest' and dedupe_key like ${`digest:%:${today}`})`], sql` or `)}`,
      );

  const byPerson = new Map<number, { id: number; chatId: number; locale: string; reporterOf: number[]; headOf: number[]; getsDigest: boolean }>();
  const personOf = (r: { id: number; chatId: number; locale: string }) => {
    let p = byPerson.get(r.id);
    if (!p) byPerson.set(r.id, (p = { id: r.id, chatId: Number(r.chatId), locale: r.locale, reporterOf: [], headOf: [], getsDigest: false }));
    return p;
  };
  for (const r of roleRows) {
    const p = personOf(r);
    if (r.role === "reporter" && r.agencyId !== null) p.reporterOf.push(r.agencyId);
    else if (r.role === "leader" && r.agencyId !== null) p.headOf.push(r.agencyId);
    else if (r.role === "coordinator" || (r.role === "leader" && r.agencyId === null)) p.getsDigest = true;
  }
  // Substitutes need a chat and a language even when they hold no role of their own.
  for (const d of delegationRows) personOf({ id: d.personId, chatId: d.chatId, locale: d.locale });

  return {
    overrides,
    periods: planPeriods,
    agencies: agencyMap,
    submitted,
    people: [...byPerson.values()] as PlanPerson[],
    mutes: muteRows,
    delegations: delegationRows.map(({ agencyId, personId, fromOn, toOn }) => ({ agencyId, personId, fromOn, toOn })),
    alreadySent,
  };
}

/** Inserts notice records in one statement; returns the keys that were new (the others existed already). */
async function insertNotices(
  db: Db,
  now: Date,
  rows: { dedupeKey: string; kind: string; periodId: number | null; agencyId: number | null; personId: number | null }[],
): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const json = JSON.stringify(rows.map((r) => [r.dedupeKey, r.kind, r.periodId, r.agencyId, r.personId]));
  const [row] = await queryRows<{ s: string }>(
    db,
    sql`with ins as (
          insert into notices (dedupe_key, kind, period_id, agency_id, person_id, created_at)
          select r->>0, r->>1, (r->>2)::int, (r->>3)::int, (r->>4)::int, ${now.toISOString()}::timestamptz
          from jsonb_array_elements(${json}::jsonb) with ordinality as x(r, n)
          order by n
          on conflict (dedupe_key) do nothing
          returning dedupe_key
        ) select coalesce(string_agg(dedupe_key, ' '), '') as s from ins`,
  );
  return new Set(row?.s ? row.s.split(" ") : []);
}

/**
 * Records the notices and enqueues the new ones in one transaction: the unique dedupe key in `notices` is the
 * at-most-once guarantee, so a second instance racing on the same plan waits on the key and then skips it.
 * With a `marker`, nothing happens when the marker exists already (returns undefined). Returns the new notices.
 */
export async function recordAndEnqueue(
  db: Db,
  now: Date,
  planned: PlannedNotice[],
  render: (n: PlannedNotice) => OutgoingMessage,
  opts: { notBefore?: Date; marker?: { dedupeKey: string; kind: string; periodId: number; agencyId: number } } = {},
): Promise<PlannedNotice[] | undefined> {
  return db.transaction(async (txn) => {
    const tx = txn as unknown as Db;
    if (opts.marker) {
      const claimed = await insertNotices(tx, now, [{ ...opts.marker, personId: null }]);
      if (claimed.size === 0) return undefined;
    }
    // One key order for every instance, so two racing transactions wait on each other instead of deadlocking.
    const ordered = [...planned].sort((a, b) => (a.dedupeKey < b.dedupeKey ? -1 : a.dedupeKey > b.dedupeKey ? 1 : 0));
    const fresh = await insertNotices(tx, now, ordered);
    const newOnes = planned.filter((n) => fresh.has(n.dedupeKey));
    await enqueueMessages(tx, now, newOnes.map((n) => ({ ...render(n), ...(opts.notBefore ? { notBefore: opts.notBefore } : {}) })));
    return newOnes;
  });
}

/** A person's out-of-office periods that have not ended yet. */
export async function listMutes(db: Db, personId: number, today: IsoDate) {
  return db
    .select({ id: mutes.id, fromOn: mutes.fromOn, toOn: mutes.toOn })
    .from(mutes)
    .where(and(eq(mutes.personId, personId), gte(mutes.toOn, today)))
    .orderBy(mutes.fromOn);
}

export async function addMute(db: Db, personId: number, fromOn: IsoDate, toOn: IsoDate): Promise<void> {
  await db.insert(mutes).values({ personId, fromOn, toOn });
}

/** Ends every mute of the person from today on: past days stay as history, the rest is dropped. */
export async function clearMutes(db: Db, personId: number, today: IsoDate): Promise<number> {
  const removed = await db
    .delete(mutes)
    .where(and(eq(mutes.personId, personId), gte(mutes.fromOn, today)))
    .returning({ id: mutes.id });
  const cut = await db
    .update(mutes)
    .set({ toOn: sql`(${today}::date - 1)` })
    .where(and(eq(mutes.personId, personId), lte(mutes.fromOn, today), gte(mutes.toOn, today)))
    .returning({ id: mutes.id });
  return removed.length + cut.length;
}
