import { closedAgencyIds } from "../agencies/agency-lifecycle.ts";
import type { Db } from "../../db/client.ts";
import { loadKindCatalogue } from "../agencies/agency-kinds.repository.ts";
import { loadAgencyHistory, loadAnswers, loadSubmissionStatuses, recentPeriods, type AgencyRow, type PeriodRow } from "./summaries.repository.ts";
import { combinedRequirement, successorOf } from "./combined-reads.ts";
import type { StoredReport } from "./period-answers.ts";
import { combinationsOf, combineReports } from "./period-combining.ts";
import { canSee, requiredBy, scopeOf, type Visibility } from "./visibility.ts";

export interface ExportRow {
  agency: AgencyRow;
  parent: AgencyRow | undefined;
  status: "on-time" | "late" | "missing";
  submittedAt: Date | null;
  answers: Map<string, { value: unknown; numValue: number | null }>;
}

/**
 * One row per agency the viewer may see that had to report or did report, ordered by the hierarchy
 * (each agency right after its parent's subtree siblings, children under their parent).
 */
export async function loadExportRows(db: Db, period: PeriodRow, agencies: readonly AgencyRow[], visibility: Visibility): Promise<ExportRow[]> {
  if (period.months) return loadCombinedExportRows(db, period, agencies, visibility);
  const scope = scopeOf(visibility);
  const [statuses, answers] = await Promise.all([loadSubmissionStatuses(db, period.id, scope), loadAnswers(db, period.id, scope)]);
  const reported = new Map(statuses.filter((s) => s.reported).map((s) => [s.agencyId, s]));
  const visible = (id: number) => visibility.all || visibility.agencyIds.has(id);
  const closed = await closedAgencyIds(db, period.id);
  const ids = new Set([...requiredBy(period.definition.agencies, agencies, { cutoffOn: period.cutoffOn, closed }).map((a) => a.id).filter(visible), ...reported.keys()]);
  const answerMap = new Map<number, ExportRow["answers"]>();
  for (const a of answers) {
    const m = answerMap.get(a.agencyId) ?? new Map();
    m.set(a.key, { value: a.value, numValue: a.numValue === null ? null : Number(a.numValue) });
    answerMap.set(a.agencyId, m);
  }
  return orderedRows(db, agencies, ids, reported, answerMap);
}

/**
 * A combined period (a quarter of a monthly template): one row per agency with its months combined as the
 * template says (period-combining.ts), merged agencies under their successor; other answers are the latest
 * month's, and a row is late if one of its months was.
 */
async function loadCombinedExportRows(db: Db, period: PeriodRow, agencies: readonly AgencyRow[], visibility: Visibility): Promise<ExportRow[]> {
  const scope = scopeOf(visibility);
  const months = period.months ?? [];
  const how = combinationsOf(period.definition);
  const perMonth = await Promise.all(
    months.map(async (m) => {
      const [statuses, answers] = await Promise.all([loadSubmissionStatuses(db, m.id, scope), loadAnswers(db, m.id, scope)]);
      const reports = new Map<number, StoredReport & { nums: Map<string, number>; values: Map<string, unknown> }>();
      for (const st of statuses) {
        if (!st.reported) continue;
        const submittedAt = st.submittedAt === null ? null : new Date(st.submittedAt).toISOString();
        reports.set(st.agencyId, { id: 0, agencyId: st.agencyId, reported: true, status: st.status, version: 0, onTime: st.onTime, submittedAt, nums: new Map(), values: new Map() });
      }
      for (const a of answers) {
        const r = reports.get(a.agencyId);
        if (!r) continue;
        r.values.set(a.key, a.value);
        if (a.numValue !== null && how.has(a.key)) r.nums.set(a.key, Number(a.numValue));
      }
      return { periodKey: m.periodKey, reports: [...reports.values()] };
    }),
  );
  const targetOf = successorOf(agencies);
  const combined = combineReports(perMonth, (k) => how.get(k) ?? "last", targetOf);
  const { required } = await combinedRequirement(db, period, agencies, visibility, combined.filed);
  const reported = new Map(combined.reports.map((r) => [r.agencyId, r]));
  const answerMap = new Map<number, ExportRow["answers"]>();
  for (const r of combined.reports) {
    const m: ExportRow["answers"] = new Map();
    for (const [k, v] of r.values) m.set(k, { value: v, numValue: null });
    for (const [k, n] of r.nums) m.set(k, { value: n, numValue: n });
    answerMap.set(r.agencyId, m);
  }
  return orderedRows(db, agencies, new Set([...required.map((a) => a.id), ...reported.keys()]), reported, answerMap);
}

async function orderedRows(
  db: Db,
  agencies: readonly AgencyRow[],
  ids: ReadonlySet<number>,
  reported: ReadonlyMap<number, { onTime: boolean | null; submittedAt: Date | string | null }>,
  answerMap: ReadonlyMap<number, ExportRow["answers"]>,
): Promise<ExportRow[]> {
  const kinds = await loadKindCatalogue(db);
  const byId = new Map(agencies.map((a) => [a.id, a]));
  const rows: ExportRow[] = [];
  for (const id of ids) {
    const agency = byId.get(id);
    if (!agency) continue;
    const s = reported.get(id);
    rows.push({
      agency,
      parent: agency.parentId !== null ? byId.get(agency.parentId) : undefined,
      status: !s ? "missing" : s.onTime === false ? "late" : "on-time",
      submittedAt: s?.submittedAt ? new Date(s.submittedAt) : null,
      answers: answerMap.get(id) ?? new Map(),
    });
  }
  const pathOf = (a: AgencyRow): string[] => {
    const path: string[] = [];
    for (let cur: AgencyRow | undefined = a, depth = 0; cur && depth < 20; cur = cur.parentId !== null ? byId.get(cur.parentId) : undefined, depth++)
      path.unshift(`${String(kinds.order(cur.kind)).padStart(4, "0")}${cur.name}`);
    return path;
  };
  const keyed = rows.map((r) => ({ r, path: pathOf(r.agency) }));
  keyed.sort((x, y) => {
    for (let i = 0; i < Math.min(x.path.length, y.path.length); i++) {
      const c = x.path[i]!.localeCompare(y.path[i]!, "vi");
      if (c !== 0) return c;
    }
    return x.path.length - y.path.length;
  });
  return keyed.map((k) => k.r);
}

export interface MergedHistoryRow {
  successor: AgencyRow;
  predecessor: AgencyRow;
  period: PeriodRow;
  status: "on-time" | "late";
  values: Map<string, number>;
}

/**
 * The reports that merged agencies filed over the template's last `count` periods up to this one, under the
 * visible agency their history now lives with: the "gồm số liệu của …" part of a successor's history.
 */
export async function loadMergedHistory(db: Db, period: PeriodRow, agencies: readonly AgencyRow[], visibility: Visibility, count = 12): Promise<MergedHistoryRow[]> {
  const byId = new Map(agencies.map((a) => [a.id, a]));
  const pairs = agencies.flatMap((a) => {
    const successor = a.successorId != null ? byId.get(a.successorId) : undefined;
    return successor && canSee(visibility, successor.id) ? [{ predecessor: a, successor }] : [];
  });
  if (pairs.length === 0) return [];
  const periods = await recentPeriods(db, period.templateId, period.cutoffOn, count);
  const keys = period.definition.questions.filter((q) => ["integer", "decimal", "percent", "money"].includes(q.type)).map((q) => q.key);
  const out: MergedHistoryRow[] = [];
  for (const { predecessor, successor } of pairs) {
    const rows = await loadAgencyHistory(db, predecessor.id, periods.map((p) => p.id), keys);
    for (const p of [...periods].reverse()) {
      const mine = rows.filter((r) => r.periodId === p.id);
      if (!mine.some((r) => r.reported)) continue;
      const values = new Map<string, number>();
      for (const r of mine) if (r.key !== null && r.value !== null) values.set(r.key, Number(r.value));
      out.push({ successor, predecessor, period: p, status: mine.some((r) => r.onTime === false) ? "late" : "on-time", values });
    }
  }
  return out.sort((x, y) => x.successor.name.localeCompare(y.successor.name, "vi") || x.predecessor.name.localeCompare(y.predecessor.name, "vi"));
}
