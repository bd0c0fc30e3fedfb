import { and, eq, inArray, isNotNull, lte, ne, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { recordAudit } from "../../audit/audit.repository.ts";
import { localDateTime, type IsoDate } from "../../time/calendar-date.ts";
import { agencies, type Agency, type AgencyKind } from "./agencies.table.ts";
import { AGENCY_CODE_PATTERN } from "./agency-import.ts";
import { agencyPeriodClosures, agencySuccessions, type AgencySuccession } from "./agency-lifecycle.table.ts";
import { subtreeIds } from "./agency-tree.ts";

/**
 * Reorganisations: rename, move, deactivate from a date, merge. Each is one transaction with its audit entry.
 * A change dated today or earlier takes effect at once; a later one when `applyDueAgencyEnds` runs on that day
 * (the reorganisation job, every few minutes), which also closes the unfiled reports of open periods.
 */

export interface Actor {
  actorPersonId?: number | null;
  actorLabel?: string | null;
  at: Date;
}

export type ReorgError = "unknown-agency" | "inactive" | "cycle" | "same-agency" | "code-taken" | "already-merged" | "bad-code";

export type ReorgResult<T = Agency> = { ok: true; value: T } | { ok: false; reason: ReorgError };

const tx$ = (tx: unknown) => tx as Db;

export async function renameAgency(db: Db, input: { agencyId: number; name: string } & Actor): Promise<ReorgResult> {
  return db.transaction(async (raw) => {
    const tx = tx$(raw);
    const [old] = await tx.select().from(agencies).where(eq(agencies.id, input.agencyId));
    if (!old) return { ok: false, reason: "unknown-agency" };
    const [row] = await tx.update(agencies).set({ name: input.name }).where(eq(agencies.id, old.id)).returning();
    await recordAudit(tx, { ...input, action: "agency.rename", target: `agency:${old.code}`, before: { name: old.name }, after: { name: input.name } });
    return { ok: true, value: row! };
  });
}

/** Puts the agency under another parent (null: at the top). Refused when the new parent is inside its own subtree. */
export async function moveAgency(db: Db, input: { agencyId: number; parentId: number | null } & Actor): Promise<ReorgResult> {
  return db.transaction(async (raw) => {
    const tx = tx$(raw);
    const all = await tx.select().from(agencies);
    const old = all.find((a) => a.id === input.agencyId);
    if (!old) return { ok: false, reason: "unknown-agency" };
    if (input.parentId !== null) {
      const parent = all.find((a) => a.id === input.parentId);
      if (!parent) return { ok: false, reason: "unknown-agency" };
      if (!parent.active) return { ok: false, reason: "inactive" };
      if (subtreeIds(all, [old.id]).has(parent.id)) return { ok: false, reason: "cycle" };
    }
    const [row] = await tx.update(agencies).set({ parentId: input.parentId }).where(eq(agencies.id, old.id)).returning();
    const codeOf = (id: number | null) => (id === null ? null : (all.find((a) => a.id === id)?.code ?? null));
    await recordAudit(tx, { ...input, action: "agency.move", target: `agency:${old.code}`, before: { parentCode: codeOf(old.parentId) }, after: { parentCode: codeOf(input.parentId) } });
    return { ok: true, value: row! };
  });
}

/** Deactivates the agency from `fromOn`: from that day it is not required, reminded or offered; its history stays. */
export async function deactivateAgency(db: Db, input: { agencyId: number; fromOn: IsoDate; today: IsoDate } & Actor): Promise<ReorgResult> {
  const r = await db.transaction(async (raw): Promise<ReorgResult> => {
    const tx = tx$(raw);
    const [old] = await tx.select().from(agencies).where(eq(agencies.id, input.agencyId));
    if (!old) return { ok: false, reason: "unknown-agency" };
    if (!old.active) return { ok: false, reason: "inactive" };
    const [row] = await tx.update(agencies).set({ endsOn: input.fromOn }).where(eq(agencies.id, old.id)).returning();
    await recordAudit(tx, { ...input, action: "agency.deactivate", target: `agency:${old.code}`, before: { endsOn: old.endsOn }, after: { endsOn: input.fromOn } });
    return { ok: true, value: row! };
  });
  if (r.ok) await applyDueAgencyEnds(db, input.today);
  return r;
}

export type MergeTarget = { existingId: number } | { code: string; name: string; kind: AgencyKind; parentId: number | null };

/**
 * Merges agencies: from `effectiveOn` the predecessors stop reporting and their history continues under the
 * successor, an existing agency or a new one (which exists from that day). Their sub-agencies move under the
 * successor. Every predecessor is audited with the successor.
 */
export async function mergeAgencies(
  db: Db,
  input: { predecessorIds: number[]; into: MergeTarget; effectiveOn: IsoDate; today: IsoDate } & Actor,
): Promise<ReorgResult> {
  const r = await db.transaction(async (raw): Promise<ReorgResult> => {
    const tx = tx$(raw);
    const ids = [...new Set(input.predecessorIds)];
    const preds = ids.length ? await tx.select().from(agencies).where(inArray(agencies.id, ids)) : [];
    if (preds.length !== ids.length || ids.length === 0) return { ok: false, reason: "unknown-agency" };
    if (preds.some((p) => !p.active)) return { ok: false, reason: "inactive" };
    const merged = await tx.select().from(agencySuccessions).where(inArray(agencySuccessions.predecessorId, ids));
    if (merged.length > 0) return { ok: false, reason: "already-merged" };
    let successor: Agency;
    if ("existingId" in input.into) {
      if (ids.includes(input.into.existingId)) return { ok: false, reason: "same-agency" };
      const [found] = await tx.select().from(agencies).where(eq(agencies.id, input.into.existingId));
      if (!found) return { ok: false, reason: "unknown-agency" };
      if (!found.active) return { ok: false, reason: "inactive" };
      successor = found;
    } else {
      if (!AGENCY_CODE_PATTERN.test(input.into.code)) return { ok: false, reason: "bad-code" };
      const clash = await tx.select({ id: agencies.id }).from(agencies).where(sql`upper(${agencies.code}) = ${input.into.code.toUpperCase()}`);
      if (clash.length > 0) return { ok: false, reason: "code-taken" };
      const [created] = await tx
        .insert(agencies)
        .values({ code: input.into.code, name: input.into.name, kind: input.into.kind, parentId: input.into.parentId, startsOn: input.effectiveOn })
        .returning();
      successor = created!;
      await recordAudit(tx, { ...input, action: "agency.create", target: `agency:${successor.code}`, after: { name: successor.name, kind: successor.kind, startsOn: input.effectiveOn } });
    }
    await tx.insert(agencySuccessions).values(ids.map((id) => ({ predecessorId: id, successorId: successor.id, effectiveOn: input.effectiveOn, createdBy: input.actorPersonId ?? null, createdAt: input.at })));
    await tx.update(agencies).set({ endsOn: input.effectiveOn }).where(inArray(agencies.id, ids));
    // A successor that sat under a predecessor (a district folded into one of its communes) takes the place of
    // the nearest ancestor that does not merge, rather than becoming its own parent.
    if (successor.parentId !== null && ids.includes(successor.parentId)) {
      const parentOf = new Map(preds.map((p) => [p.id, p.parentId]));
      let up: number | null = successor.parentId;
      while (up !== null && ids.includes(up)) up = parentOf.get(up) ?? null;
      await tx.update(agencies).set({ parentId: up }).where(eq(agencies.id, successor.id));
      const [upRow] = up === null ? [] : await tx.select({ code: agencies.code }).from(agencies).where(eq(agencies.id, up));
      const before = preds.find((p) => p.id === successor.parentId)!.code;
      await recordAudit(tx, { ...input, action: "agency.move", target: `agency:${successor.code}`, before: { parentCode: before }, after: { parentCode: upRow?.code ?? null } });
    }
    await tx.update(agencies).set({ parentId: successor.id }).where(and(inArray(agencies.parentId, ids), ne(agencies.id, successor.id)));
    for (const p of preds)
      await recordAudit(tx, { ...input, action: "agency.merge", target: `agency:${p.code}`, before: { endsOn: p.endsOn }, after: { successor: successor.code, effectiveOn: input.effectiveOn } });
    return { ok: true, value: successor };
  });
  if (r.ok) await applyDueAgencyEnds(db, input.today);
  return r;
}

/**
 * Agencies whose end day has come become inactive, and their unfiled reports of the periods open now are closed
 * (as merged when a successor exists): nobody chases them and summaries do not count them missing. Idempotent.
 */
export async function applyDueAgencyEnds(db: Db, today: IsoDate): Promise<number> {
  return db.transaction(async (raw) => {
    const tx = tx$(raw);
    const ending = await tx
      .update(agencies)
      .set({ active: false })
      .where(and(eq(agencies.active, true), isNotNull(agencies.endsOn), lte(agencies.endsOn, today)))
      .returning({ id: agencies.id });
    if (ending.length === 0) return 0;
    const ids = sql.join(ending.map((a) => sql`${a.id}::int`), sql`, `);
    await tx.execute(sql`
      insert into agency_period_closures (period_id, agency_id, reason, closed_on)
      select p.id, a.id, case when exists (select 1 from agency_successions s where s.predecessor_id = a.id) then 'merged' else 'deactivated' end, ${today}::date
      from periods p cross join agencies a
      where p.status = 'open' and a.id in (${ids})
        and not exists (select 1 from submissions s where s.period_id = p.id and s.agency_id = a.id
                          and (s.status <> 'draft' or s.first_submitted_at is not null))
      on conflict do nothing`);
    return ending.length;
  });
}

/** Every succession, for lineage maps. */
export async function listSuccessions(db: Db): Promise<AgencySuccession[]> {
  return db.select().from(agencySuccessions);
}

/**
 * predecessor id → the agency its history now lives under (following chains of merges), for each predecessor.
 */
export function currentSuccessors(successions: readonly Pick<AgencySuccession, "predecessorId" | "successorId">[]): Map<number, number> {
  const next = new Map(successions.map((s) => [s.predecessorId, s.successorId]));
  const out = new Map<number, number>();
  for (const start of next.keys()) {
    let cur = start;
    const seen = new Set<number>([start]);
    while (next.has(cur) && !seen.has(next.get(cur)!)) {
      cur = next.get(cur)!;
      seen.add(cur);
    }
    out.set(start, cur);
  }
  return out;
}

/** successor id → every agency whose history it carries (direct and earlier predecessors). */
export function predecessorsBySuccessor(successions: readonly Pick<AgencySuccession, "predecessorId" | "successorId">[]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const [pred, succ] of currentSuccessors(successions)) out.set(succ, [...(out.get(succ) ?? []), pred]);
  return out;
}

/** The closed reports of a period (merged or deactivated agencies that had not filed). */
export async function closedAgencyIds(db: Db, periodId: number): Promise<Set<number>> {
  const rows = await db.select({ agencyId: agencyPeriodClosures.agencyId }).from(agencyPeriodClosures).where(eq(agencyPeriodClosures.periodId, periodId));
  return new Set(rows.map((r) => r.agencyId));
}

/** Applies the reorganisations whose day has come (idempotent), so a merge dated next month happens on its own. */
export function agencyLifecycleJob(deps: { db: Db; config: { REPORT_TIMEZONE: string }; logger: { info(o: object, m: string): void } }) {
  return {
    name: "agency-lifecycle",
    schedule: "*/15 * * * *",
    runOnce: async (now: Date) => {
      const ended = await applyDueAgencyEnds(deps.db, localDateTime(now, deps.config.REPORT_TIMEZONE).date);
      if (ended > 0) deps.logger.info({ ended }, "agencies ended by a reorganisation");
    },
  };
}
