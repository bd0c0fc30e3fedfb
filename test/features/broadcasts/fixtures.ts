import type { Db } from "../../../src/db/client.ts";
import { submissions } from "../../../src/features/reports/reports.table.ts";
import { openPeriod } from "../../../src/features/reports/periods.repository.ts";
import { importTemplate } from "../../../src/features/templates/templates.repository.ts";
import { addAgency, addPerson, itPlan } from "../reports/report-fixtures.ts";

/**
 * Agencies of every kind (one inactive) and people in each role, one of them deactivated.
 * A three-level province: its it-plan requires departments and districts (the shipped file: departments and
 * communes), which the bot supports as well as two levels.
 */
export async function seedBroadcastWorld(db: Db) {
  const deptA = await addAgency(db, "department", "Sở A");
  const deptB = await addAgency(db, "department", "Sở B");
  const district = await addAgency(db, "district", "Huyện C");
  const commune = await addAgency(db, "commune", "Xã D");
  const coordinator = await addPerson(db, "Điều phối", [["coordinator", null]]);
  const admin = await addPerson(db, "Quản trị", [["admin", null]]);
  const leader = await addPerson(db, "Lãnh đạo tỉnh", [["leader", null]]);
  const repA = await addPerson(db, "Cán bộ A", [["reporter", deptA.id]]);
  const repB = await addPerson(db, "Cán bộ B", [["reporter", deptB.id]], "en");
  const leadC = await addPerson(db, "Chủ tịch C", [["leader", district.id]]);
  const repD = await addPerson(db, "Cán bộ D", [["reporter", commune.id]]);
  return { deptA, deptB, district, commune, coordinator, admin, leader, repA, repB, leadC, repD };
}

/** An it-plan period with the given deadline, where `submittedBy` agencies have submitted. */
export async function periodWithSubmissions(db: Db, periodKey: string, deadlineOn: string, submittedBy: number[], draftBy: number[] = []) {
  const now = new Date("2026-10-01T00:00:00Z");
  await importTemplate(db, { ...itPlan, agencies: { mode: "kinds", kinds: ["department", "district"] } }, now);
  const { period } = await openPeriod(db, { templateId: "it-plan", periodKey, deadlineOn, now });
  const rows = [
    ...submittedBy.map((agencyId) => ({ status: "submitted" as const, agencyId, submittedAt: new Date("2026-11-01T00:00:00Z") })),
    ...draftBy.map((agencyId) => ({ status: "draft" as const, agencyId, submittedAt: null })),
  ];
  for (const r of rows) await db.insert(submissions).values({ periodId: period.id, templateVersionId: period.templateVersionId, ...r });
  return period;
}
