import { and, asc, desc, eq, gt, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { Agency } from "../agencies/agencies.table.ts";
import type { TemplateDefinition } from "../templates/template-definition.ts";
import { getTemplateVersion } from "../templates/templates.repository.ts";
import { fillingState } from "./answer-rules.ts";
import type { AnswerMap, AnswerValue } from "./answer-value.ts";
import { listOpenPeriods } from "./periods.repository.ts";
import { draftAnswers, periods, submissions, type Period, type Submission } from "./reports.table.ts";
import { agencyMustReport } from "./required-agencies.ts";

export type FilingStatus =
  | { kind: "not-started" }
  | { kind: "draft"; answered: number; total: number }
  /** `at`: the first submission (what on time or late is about); `latestAt`: the last version's, when there were more. */
  | { kind: "submitted"; onTime: boolean; at: Date; latestAt: Date | null; refNo: string | null; version: number }
  | { kind: "returned"; comment: string | null };

export interface FilingLine {
  agency: Agency;
  period: Period;
  definition: TemplateDefinition;
  submission: Submission | null;
  status: FilingStatus;
}

/** Each open period each of these agencies must file, with where its report stands. */
export async function filingLines(db: Db, agencyList: Agency[]): Promise<FilingLine[]> {
  if (agencyList.length === 0) return [];
  const open = await listOpenPeriods(db);
  if (open.length === 0) return [];
  const subs = await db
    .select()
    .from(submissions)
    .where(and(inArray(submissions.periodId, open.map((p) => p.id)), inArray(submissions.agencyId, agencyList.map((a) => a.id))));
  const drafts = subs.length
    ? await db.select().from(draftAnswers).where(inArray(draftAnswers.submissionId, subs.map((s) => s.id)))
    : [];
  const lines: FilingLine[] = [];
  for (const period of open) {
    const tv = await getTemplateVersion(db, period.templateVersionId);
    if (!tv) continue;
    for (const agency of agencyList) {
      if (!agencyMustReport(tv.definition, agency, period)) continue;
      const submission = subs.find((s) => s.periodId === period.id && s.agencyId === agency.id) ?? null;
      lines.push({ agency, period, definition: tv.definition, submission, status: statusOf(tv.definition, submission, drafts) });
    }
  }
  return lines;
}

function statusOf(def: TemplateDefinition, s: Submission | null, drafts: Array<{ submissionId: number; questionKey: string; value: unknown }>): FilingStatus {
  if (!s) return { kind: "not-started" };
  if (s.status === "submitted") {
    const first = s.firstSubmittedAt ?? s.submittedAt!;
    const latestAt = s.submittedAt && s.submittedAt.getTime() !== first.getTime() ? s.submittedAt : null;
    return { kind: "submitted", onTime: s.onTime ?? true, at: first, latestAt, refNo: s.refNo, version: s.version };
  }
  if (s.status === "returned") return { kind: "returned", comment: s.returnComment };
  const answers: AnswerMap = Object.fromEntries(drafts.filter((d) => d.submissionId === s.id).map((d) => [d.questionKey, d.value as AnswerValue]));
  const st = fillingState(def, answers);
  if (st.answered === 0) return { kind: "not-started" };
  return { kind: "draft", answered: st.answered, total: st.total };
}

/** A report an agency filed, for the read-only view. */
export interface FiledReport {
  submissionId: number;
  agencyId: number;
  periodKey: string;
  definition: TemplateDefinition;
}

/** The latest reports these agencies filed in periods now closed (open ones are on /status already), newest first. */
export async function recentlyFiled(db: Db, agencyIds: number[], limit: number): Promise<FiledReport[]> {
  if (agencyIds.length === 0) return [];
  const rows = await db
    .select({ id: submissions.id, agencyId: submissions.agencyId, periodKey: periods.periodKey, versionId: submissions.templateVersionId })
    .from(submissions)
    .innerJoin(periods, eq(periods.id, submissions.periodId))
    .where(and(inArray(submissions.agencyId, agencyIds), gt(submissions.version, 0), eq(periods.status, "closed")))
    .orderBy(desc(periods.deadlineOn), asc(submissions.agencyId))
    .limit(limit);
  const out: FiledReport[] = [];
  for (const r of rows) {
    const tv = await getTemplateVersion(db, r.versionId);
    if (tv) out.push({ submissionId: r.id, agencyId: r.agencyId, periodKey: r.periodKey, definition: tv.definition });
  }
  return out;
}
