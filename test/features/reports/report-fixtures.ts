import { fileURLToPath } from "node:url";
import type { Db } from "../../../src/db/client.ts";
import { agencies, type AgencyKind } from "../../../src/features/agencies/agencies.table.ts";
import { memberships, people, type Role } from "../../../src/features/people/people.table.ts";
import { and, eq } from "drizzle-orm";
import { openPeriod } from "../../../src/features/reports/periods.repository.ts";
import { draftAnswers, submissions, type Period, type Submission } from "../../../src/features/reports/reports.table.ts";
import { loadTemplateFile } from "../../../src/features/templates/template-file.ts";
import { importTemplate } from "../../../src/features/templates/templates.repository.ts";
import type { TestUser } from "../../support/updates.ts";

export const IT_PLAN_FILE = fileURLToPath(new URL("../../../templates/it-plan.yaml", import.meta.url));

/** The shipped it-plan definition, with the lookups tests use to press its buttons and read its labels. */
export const itPlan = await loadTemplateFile(IT_PLAN_FILE);
export const qi = (key: string) => itPlan.questions.findIndex((q) => q.key === key);
export const label = (key: string) => itPlan.questions[qi(key)]!.label.vi;

let agencySeq = 0;

export async function addAgency(db: Db, kind: AgencyKind = "department", name?: string) {
  agencySeq++;
  const code = `T${process.pid % 1000}-${agencySeq}-${Math.random().toString(36).slice(2, 6)}`.toUpperCase();
  const [a] = await db.insert(agencies).values({ code, name: name ?? `Sở Thử nghiệm ${agencySeq}`, kind }).returning();
  return a!;
}

let tgSeq = 880_000 + (process.pid % 1000) * 100;

/** A person with roles, and the Telegram user that speaks for them. */
export async function addPerson(db: Db, name: string, roles: Array<[Role, number | null]>, locale = "vi") {
  const telegramId = ++tgSeq;
  const [p] = await db.insert(people).values({ telegramId, displayName: name, locale }).returning();
  for (const [role, agencyId] of roles) await db.insert(memberships).values({ personId: p!.id, role, agencyId });
  const user: TestUser = { id: telegramId, first_name: name };
  return { person: p!, user };
}

/** The shipped it-plan template, imported, with one period opened. */
export async function itPlanPeriod(db: Db, periodKey: string, now: Date, deadlineOn?: string): Promise<Period> {
  await importTemplate(db, await loadTemplateFile(IT_PLAN_FILE), now);
  return (await openPeriod(db, { templateId: "it-plan", periodKey, deadlineOn, now })).period;
}

/** The report of an agency for a period (the test knows /report has created it). */
export async function submissionFor(db: Db, periodId: number, agencyId: number): Promise<Submission> {
  const [s] = await db.select().from(submissions).where(and(eq(submissions.periodId, periodId), eq(submissions.agencyId, agencyId)));
  return s!;
}

/** The working copy of a report, by question key. */
export async function draftsOf(db: Db, submissionId: number): Promise<Record<string, unknown>> {
  const rows = await db.select().from(draftAnswers).where(eq(draftAnswers.submissionId, submissionId));
  return Object.fromEntries(rows.map((d) => [d.questionKey, d.value]));
}
