import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { recordAudit } from "../../audit/audit.repository.ts";
import { agencies, type Agency } from "./agencies.table.ts";
import { foldCode, storedCodes, type ImportKind, type ImportRow } from "./agency-import.ts";
import { saveKinds } from "./agency-kinds.repository.ts";

export async function listAgencies(db: Db, opts: { activeOnly?: boolean } = {}): Promise<Agency[]> {
  return db
    .select()
    .from(agencies)
    .where(opts.activeOnly ? eq(agencies.active, true) : undefined)
    .orderBy(agencies.code);
}

/**
 * The agency with this code, compared without regard to letter case (`so-tttt` finds SO-TTTT). Should case
 * variants of one code have been stored before codes were folded, the exact spelling wins, else none is chosen.
 */
export async function findAgencyByCode(db: Db, code: string): Promise<Agency | null> {
  // Codes are ASCII (AGENCY_CODE_PATTERN), so SQL upper() and foldCode agree.
  const rows = await db.select().from(agencies).where(sql`upper(${agencies.code}) = ${foldCode(code)}`);
  return rows.find((a) => a.code === code) ?? (rows.length === 1 ? rows[0]! : null);
}

export interface ImportOutcome {
  created: number;
  updated: number;
  unchanged: number;
  /** Kinds the file named that were created or renamed. */
  kinds: number;
}

/**
 * Upserts checked rows by code in one transaction (all or nothing), with one audit entry per agency
 * created or changed. Rows must come from planAgencyImport, which has checked parents and cycles.
 */
export async function applyAgencyImport(
  db: Db,
  rows: ImportRow[],
  actor: { actorPersonId?: number | null; actorLabel?: string | null; at: Date },
  kinds: readonly ImportKind[] | undefined = [],
): Promise<ImportOutcome> {
  return db.transaction(async (tx) => {
    const kindOutcome = await saveKinds(tx as unknown as Db, kinds, actor);
    const before = await tx.select().from(agencies);
    const byCode = new Map(before.map((a) => [a.code, a]));
    const codeOf = new Map(before.map((a) => [a.id, a.code]));
    const idOf = new Map(before.map((a) => [a.code, a.id]));
    // planAgencyImport gives stored spellings; an agency stored since then under another case must not be
    // doubled either: a code that matches exactly one stored code without regard to case takes its spelling.
    const stored = storedCodes(before.map((a) => a.code));
    const spelling = (code: string) => stored.spelling(code) ?? code;
    rows = rows.map((r) => ({ ...r, code: spelling(r.code), parentCode: r.parentCode === null ? null : spelling(r.parentCode) }));
    for (const r of rows) {
      if (idOf.has(r.code)) continue;
      const [created] = await tx.insert(agencies).values({ code: r.code, name: r.name, kind: r.kind }).returning({ id: agencies.id });
      idOf.set(r.code, created!.id);
    }
    const outcome: ImportOutcome = { created: 0, updated: 0, unchanged: 0, kinds: kindOutcome.created + kindOutcome.updated };
    for (const r of rows) {
      const old = byCode.get(r.code);
      const parentId = r.parentCode === null ? null : idOf.get(r.parentCode)!;
      const after = { code: r.code, name: r.name, kind: r.kind, parentCode: r.parentCode, active: true };
      if (!old) {
        if (parentId !== null) await tx.update(agencies).set({ parentId }).where(eq(agencies.code, r.code));
        await recordAudit(tx as unknown as Db, { ...actor, action: "agency.create", target: `agency:${r.code}`, after });
        outcome.created++;
        continue;
      }
      const oldView = {
        code: old.code,
        name: old.name,
        kind: old.kind,
        parentCode: old.parentId === null ? null : (codeOf.get(old.parentId) ?? null),
        active: old.active,
      };
      if (JSON.stringify(oldView) === JSON.stringify(after)) {
        outcome.unchanged++;
        continue;
      }
      await tx.update(agencies).set({ name: r.name, kind: r.kind, parentId, active: true }).where(eq(agencies.id, old.id));
      await recordAudit(tx as unknown as Db, { ...actor, action: "agency.update", target: `agency:${r.code}`, before: oldView, after });
      outcome.updated++;
    }
    return outcome;
  });
}
