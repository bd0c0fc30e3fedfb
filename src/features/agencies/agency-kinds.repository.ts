import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { recordAudit } from "../../audit/audit.repository.ts";
import { agencies } from "./agencies.table.ts";
import { agencyKinds } from "./agency-kinds.table.ts";
import { KindCatalogue } from "./agency-kinds.ts";

type Actor = { actorPersonId?: number | null; actorLabel?: string | null; at: Date };

/** The stored kinds, the well-known ones and any kind agencies use. Two small queries. */
export async function loadKindCatalogue(db: Db): Promise<KindCatalogue> {
  const stored = await db.select().from(agencyKinds).orderBy(asc(agencyKinds.sortOrder));
  const used = await db.selectDistinct({ kind: agencies.kind }).from(agencies);
  return new KindCatalogue(stored, used.map((u) => u.kind));
}

export interface KindChange {
  code: string;
  nameVi: string;
  nameEn?: string | null;
  /** Place in summaries; a new kind without one goes last. */
  order?: number;
}

/**
 * Creates or renames kinds (audited `agency-kind.create` / `agency-kind.update` with before and after);
 * a kind whose names and order are unchanged is left alone. Pass a transaction to commit with other changes.
 * Returns how many were created and changed.
 */
export async function saveKinds(db: Db, changes: readonly KindChange[] = [], actor: Actor): Promise<{ created: number; updated: number }> {
  const outcome = { created: 0, updated: 0 };
  for (const c of changes) {
    const catalogue = await loadKindCatalogue(db);
    const [old] = await db.select().from(agencyKinds).where(eq(agencyKinds.code, c.code));
    const after = {
      code: c.code,
      nameVi: c.nameVi,
      nameEn: c.nameEn === undefined ? (old?.nameEn ?? null) : c.nameEn,
      sortOrder: c.order ?? (old?.sortOrder ?? (catalogue.has(c.code) ? catalogue.order(c.code) : catalogue.nextOrder())),
    };
    if (old && JSON.stringify(old) === JSON.stringify(after)) continue;
    await db
      .insert(agencyKinds)
      .values(after)
      .onConflictDoUpdate({ target: agencyKinds.code, set: { nameVi: sql`excluded.name_vi`, nameEn: sql`excluded.name_en`, sortOrder: sql`excluded.sort_order` } });
    await recordAudit(db, { ...actor, action: old ? "agency-kind.update" : "agency-kind.create", target: `agency-kind:${c.code}`, before: old, after });
    outcome[old ? "updated" : "created"]++;
  }
  return outcome;
}
