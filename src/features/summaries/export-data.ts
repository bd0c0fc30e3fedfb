import type { Db } from "../../db/client.ts";
import { loadKindCatalogue } from "../agencies/agency-kinds.repository.ts";
import { loadAnswers, loadSubmissionStatuses, type AgencyRow, type PeriodRow } from "./summaries.repository.ts";
import { requiredBy, scopeOf, type Visibility } from "./visibility.ts";

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
  const scope = scopeOf(visibility);
  const [statuses, answers, kinds] = await Promise.all([loadSubmissionStatuses(db, period.id, scope), loadAnswers(db, period.id, scope), loadKindCatalogue(db)]);
  const byId = new Map(agencies.map((a) => [a.id, a]));
  const reported = new Map(statuses.filter((s) => s.reported).map((s) => [s.agencyId, s]));
  const visible = (id: number) => visibility.all || visibility.agencyIds.has(id);
  const ids = new Set([...requiredBy(period.definition.agencies, agencies).map((a) => a.id).filter(visible), ...reported.keys()]);
  const answerMap = new Map<number, ExportRow["answers"]>();
  for (const a of answers) {
    const m = answerMap.get(a.agencyId) ?? new Map();
    m.set(a.key, { value: a.value, numValue: a.numValue === null ? null : Number(a.numValue) });
    answerMap.set(a.agencyId, m);
  }
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


