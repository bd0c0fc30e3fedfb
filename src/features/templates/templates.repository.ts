import { and, asc, desc, eq, sql } from "drizzle-orm";
import { periods, submissions } from "../reports/reports.table.ts";
import type { Db } from "../../db/client.ts";
import type { TemplateDefinition } from "./template-definition.ts";
import { templates, templateVersions } from "./templates.table.ts";

export interface ImportResult {
  templateId: string;
  version: number;
  versionId: number;
  /** False when the definition equals the current version (nothing was written). */
  created: boolean;
}

/** JSON with sorted keys: jsonb reorders keys, so equality must not depend on their order. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  if (v && typeof v === "object")
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(v);
}

/**
 * Stores a validated definition. A changed definition becomes a new version; the same one is a no-op.
 * Periods and submissions point at a version row, so they keep the version they were made under.
 */
export async function importTemplate(db: Db, def: TemplateDefinition, now: Date): Promise<ImportResult> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ version: templateVersions.version, id: templateVersions.id, definition: templateVersions.definition })
      .from(templates)
      .innerJoin(templateVersions, and(eq(templateVersions.templateId, templates.id), eq(templateVersions.version, templates.currentVersion)))
      .where(eq(templates.id, def.id))
      .for("update");
    if (current && canonicalJson(current.definition) === canonicalJson(def))
      return { templateId: def.id, version: current.version, versionId: current.id, created: false };
    // The highest stored version, not the current one: an older version may have been chosen again (/templates).
    const [latest] = await tx.select({ max: sql<number | null>`max(${templateVersions.version})` }).from(templateVersions).where(eq(templateVersions.templateId, def.id));
    const version = Number(latest?.max ?? current?.version ?? 0) + 1;
    if (!current) await tx.insert(templates).values({ id: def.id, currentVersion: version, createdAt: now });
    else await tx.update(templates).set({ currentVersion: version }).where(eq(templates.id, def.id));
    const [row] = await tx
      .insert(templateVersions)
      .values({ templateId: def.id, version, definition: def, createdAt: now })
      .returning({ id: templateVersions.id });
    return { templateId: def.id, version, versionId: row!.id, created: true };
  });
}

export interface TemplateVersion {
  id: number;
  templateId: string;
  version: number;
  definition: TemplateDefinition;
}

// Versions never change once written, so every process may keep them: per database (ids are only unique
// within one; tests and the benchmarks open several in one process).
const versionCaches = new WeakMap<Db, Map<number, TemplateVersion>>();
function versionCacheOf(db: Db): Map<number, TemplateVersion> {
  let cache = versionCaches.get(db);
  if (!cache) versionCaches.set(db, (cache = new Map()));
  return cache;
}

export async function getTemplateVersion(db: Db, versionId: number): Promise<TemplateVersion | undefined> {
  const versionCache = versionCacheOf(db);
  const hit = versionCache.get(versionId);
  if (hit) return hit;
  const [row] = await db.select().from(templateVersions).where(eq(templateVersions.id, versionId));
  if (!row) return undefined;
  const v = { id: row.id, templateId: row.templateId, version: row.version, definition: row.definition };
  versionCache.set(versionId, v);
  return v;
}

export async function currentTemplateVersion(db: Db, templateId: string): Promise<TemplateVersion | undefined> {
  const [row] = await db
    .select({ id: templateVersions.id })
    .from(templates)
    .innerJoin(templateVersions, and(eq(templateVersions.templateId, templates.id), eq(templateVersions.version, templates.currentVersion)))
    .where(eq(templates.id, templateId));
  return row ? getTemplateVersion(db, row.id) : undefined;
}

/** Every template with its current version, for pickers. */
export async function listCurrentTemplates(db: Db): Promise<TemplateVersion[]> {
  const rows = await db
    .select({ id: templateVersions.id })
    .from(templates)
    .innerJoin(templateVersions, and(eq(templateVersions.templateId, templates.id), eq(templateVersions.version, templates.currentVersion)))
    .orderBy(templates.id);
  const out: TemplateVersion[] = [];
  for (const r of rows) {
    const v = await getTemplateVersion(db, r.id);
    if (v) out.push(v);
  }
  return out;
}

/** One stored version as the /templates screen lists it, with the periods made under it. */
export interface TemplateVersionRow {
  id: number;
  version: number;
  createdAt: Date;
  questions: number;
  current: boolean;
  /** Keys of the periods that use this version, oldest first. */
  periodKeys: string[];
}

/** Every version of one template, newest first; undefined when there is no such template. */
export async function listTemplateVersions(db: Db, templateId: string): Promise<TemplateVersionRow[] | undefined> {
  const [tpl] = await db.select({ current: templates.currentVersion }).from(templates).where(eq(templates.id, templateId));
  if (!tpl) return undefined;
  const rows = await db
    .select({ id: templateVersions.id, version: templateVersions.version, createdAt: templateVersions.createdAt })
    .from(templateVersions)
    .where(eq(templateVersions.templateId, templateId))
    .orderBy(desc(templateVersions.version));
  const used = await db
    .select({ versionId: periods.templateVersionId, periodKey: periods.periodKey })
    .from(periods)
    .where(eq(periods.templateId, templateId))
    .orderBy(asc(periods.startsOn), asc(periods.periodKey));
  const out: TemplateVersionRow[] = [];
  for (const r of rows) {
    const v = await getTemplateVersion(db, r.id);
    out.push({
      id: r.id,
      version: r.version,
      createdAt: r.createdAt,
      questions: v?.definition.questions.length ?? 0,
      current: r.version === tpl.current,
      periodKeys: used.filter((u) => u.versionId === r.id).map((u) => u.periodKey),
    });
  }
  return out;
}

/**
 * Makes a stored version the one that applies to periods opened from now on (an older version may be chosen
 * again). Periods already opened keep the version they were opened under. Returns the previous version, or
 * undefined when the template or version does not exist.
 */
export async function setCurrentVersion(db: Db, templateId: string, version: number): Promise<{ previous: number } | undefined> {
  return db.transaction(async (tx) => {
    const [tpl] = await tx.select({ current: templates.currentVersion }).from(templates).where(eq(templates.id, templateId)).for("update");
    if (!tpl) return undefined;
    const [v] = await tx.select({ id: templateVersions.id }).from(templateVersions).where(and(eq(templateVersions.templateId, templateId), eq(templateVersions.version, version)));
    if (!v) return undefined;
    if (tpl.current !== version) await tx.update(templates).set({ currentVersion: version }).where(eq(templates.id, templateId));
    return { previous: tpl.current };
  });
}

export type PeriodVersionOutcome = { ok: true; previousVersionId: number } | { ok: false; reason: "gone" | "closed" | "started" };

/**
 * Makes an open period use another stored version of its template, as long as nobody has started a report in it
 * (a report keeps the version it was made under, so a started period keeps its own).
 */
export async function applyVersionToPeriod(db: Db, versionId: number, periodId: number): Promise<PeriodVersionOutcome> {
  return db.transaction(async (tx) => {
    const [period] = await tx.select().from(periods).where(eq(periods.id, periodId)).for("update");
    const [version] = await tx.select({ templateId: templateVersions.templateId }).from(templateVersions).where(eq(templateVersions.id, versionId));
    if (!period || !version || version.templateId !== period.templateId) return { ok: false, reason: "gone" } as const;
    if (period.status !== "open") return { ok: false, reason: "closed" } as const;
    const [started] = await tx.select({ id: submissions.id }).from(submissions).where(eq(submissions.periodId, periodId)).limit(1);
    if (started) return { ok: false, reason: "started" } as const;
    if (period.templateVersionId !== versionId) await tx.update(periods).set({ templateVersionId: versionId }).where(eq(periods.id, periodId));
    return { ok: true, previousVersionId: period.templateVersionId } as const;
  });
}

/** The open periods of a template in which nobody has started a report yet: their version may still change. */
export async function unstartedOpenPeriods(db: Db, templateId: string): Promise<Array<{ id: number; periodKey: string; templateVersionId: number }>> {
  return db
    .select({ id: periods.id, periodKey: periods.periodKey, templateVersionId: periods.templateVersionId })
    .from(periods)
    .where(
      and(
        eq(periods.templateId, templateId),
        eq(periods.status, "open"),
        sql`not exists (select 1 from ${submissions} where ${submissions.periodId} = ${periods.id})`,
      ),
    )
    .orderBy(asc(periods.startsOn));
}
