import { and, eq, gte, inArray, lte, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { agencies } from "../agencies/agencies.table.ts";
import type { IsoDate } from "../calendar/calendar-date.ts";
import { loadDayOverrides } from "../calendar/calendar.repository.ts";
import { enqueueMessages, type OutgoingMessage } from "../outbox/outbox.repository.ts";
import { memberships, people } from "../people/people.table.ts";
import { delegations, periods, submissions } from "../reports/reports.table.ts";
import { agencyMustReport } from "../reports/required-agencies.ts";
import { templateDefinitionSchema } from "../templates/template-definition.ts";
import { templateVersions } from "../templates/templates.table.ts";
import type { PlanAgency, PlanInput, PlanPeriod, PlanPerson } from "./plan-input.ts";
import { submittedKey } from "./plan-input.ts";
import type { PlannedNotice } from "./reminder-plan.ts";
import { mutes, notices } from "./reminders.table.ts";

/**
 * Loads everything the plan needs in eight queries, whatever the number of agencies, periods or people:
 * calendar, open periods with their template version, agencies, submitted reports, people with roles,
 * today's mutes, today's delegations, and the notices already recorded for these periods (and today's digests).
 */
export async function loadPlanInput(db: Db, today: IsoDate, opts: { sentKeys?: boolean } = {}): Promise<PlanInput> {
  const overrides = await loadDayOverrides(db);
  const periodRows = await db
    .select({ period: periods, definition: templateVersions.definition })
    .from(periods)
    .innerJoin(templateVersions, eq(templateVersions.id, periods.templateVersionId))
    .where(eq(periods.status, "open"))
    .orderBy(periods.id);
  const agencyRows = await db
    .select({ id: agencies.id, code: agencies.code, name: agencies.name, kind: agencies.kind, parentId: agencies.parentId })
    .from(agencies)
    .where(eq(agencies.active, true))
    .orderBy(agencies.id);
  const agencyMap = new Map<number, PlanAgency>(agencyRows.map((a) => [a.id, a]));
  const periodIds = periodRows.map((r) => r.period.id);

  const planPeriods: PlanPeriod[] = periodRows.map(({ period, definition }) => {
    // Stored definitions were validated on import; parsing again fills defaults added since.
    const def = templateDefinitionSchema.parse(definition);
    return {
      id: period.id,
      templateId: period.templateId,
      periodKey: period.periodKey,
      startsOn: period.startsOn,
      deadlineOn: period.deadlineOn,
      title: def.title,
      reminders: def.reminders,
      // The reports feature's own rule, applied in memory to the one agency list.
      requiredAgencyIds: agencyRows.filter((a) => agencyMustReport(def, { ...a, active: true })).map((a) => a.id),
    };
  });

  const submittedRows = periodIds.length
    ? await db
        .select({ periodId: submissions.periodId, agencyId: submissions.agencyId })
        .from(submissions)
        .where(and(inArray(submissions.periodId, periodIds), eq(submissions.status, "submitted")))
    : [];
  const roleRows = await db
    .select({ id: people.id, chatId: people.telegramId, locale: people.locale, role: memberships.role, agencyId: memberships.agencyId })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(and(eq(people.active, true), inArray(memberships.role, ["reporter", "leader", "coordinator"])));
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
  const sentRows = opts.sentKeys === false ? [] : await db
    .select({ key: notices.dedupeKey })
    .from(notices)
    .where(
      or(
        periodIds.length ? inArray(notices.periodId, periodIds) : sql`false`,
        and(eq(notices.kind, "digest"), sql`${notices.dedupeKey} like ${`digest:%:${today}`}`),
      ),
    );

  const byPerson = new Map<number, { id: number; chatId: number; locale: string; reporterOf: number[]; headOf: number[]; getsDigest: boolean }>();
  const personOf = (r: { id: number; chatId: number; locale: string }) => {
    let p = byPerson.get(r.id);
    if (!p) byPerson.set(r.id, (p = { id: r.id, chatId: r.chatId, locale: r.locale, reporterOf: [], headOf: [], getsDigest: false }));
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
    submitted: new Set(submittedRows.map((r) => submittedKey(r.periodId, r.agencyId))),
    people: [...byPerson.values()] as PlanPerson[],
    mutes: muteRows,
    delegations: delegationRows.map(({ agencyId, personId, fromOn, toOn }) => ({ agencyId, personId, fromOn, toOn })),
    alreadySent: new Set(sentRows.map((r) => r.key)),
  };
}

/**
 * Records the notices and enqueues the new ones in one transaction: the unique dedupe key in `notices` is the
 * at-most-once guarantee, so a second instance racing on the same plan waits on the key and then skips it.
 * Returns the notices that were actually new.
 */
export async function recordAndEnqueue(
  db: Db,
  now: Date,
  planned: PlannedNotice[],
  render: (n: PlannedNotice) => OutgoingMessage,
  opts: { notBefore?: Date; marker?: { dedupeKey: string; kind: string; periodId: number; agencyId: number } } = {},
): Promise<PlannedNotice[] | undefined> {
  return db.transaction(async (tx) => {
    if (opts.marker) {
      const m = opts.marker;
      const claimed = await tx
        .insert(notices)
        .values({ dedupeKey: m.dedupeKey, kind: m.kind, periodId: m.periodId, agencyId: m.agencyId, personId: null, createdAt: now })
        .onConflictDoNothing()
        .returning({ id: notices.id });
      if (claimed.length === 0) return undefined;
    }
    const fresh = new Set<string>();
    // One key order for every instance, so two racing transactions wait on each other instead of deadlocking.
    const ordered = [...planned].sort((a, b) => (a.dedupeKey < b.dedupeKey ? -1 : a.dedupeKey > b.dedupeKey ? 1 : 0));
    for (let i = 0; i < ordered.length; i += 5000) {
      const rows = await tx
        .insert(notices)
        .values(
          ordered.slice(i, i + 5000).map((n) => ({
            dedupeKey: n.dedupeKey, kind: n.kind, periodId: n.periodId, agencyId: n.agencyId, personId: n.personId, createdAt: now,
          })),
        )
        .onConflictDoNothing()
        .returning({ key: notices.dedupeKey });
      for (const r of rows) fresh.add(r.key);
    }
    const newOnes = planned.filter((n) => fresh.has(n.dedupeKey));
    await enqueueMessages(tx as unknown as Db, now, newOnes.map((n) => ({ ...render(n), ...(opts.notBefore ? { notBefore: opts.notBefore } : {}) })));
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
