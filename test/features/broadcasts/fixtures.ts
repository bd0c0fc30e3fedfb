import type { Db } from "../../../src/db/client.ts";
import { submissions } from "../../../src/features/reports/reports.table.ts";
import { addAgency, addPerson, itPlanPeriod } from "../reports/report-fixtures.ts";

/**
 * Agencies of every kind (one inactive) and people in each role, one of them deactivated.
 * The it-plan template requires departments and districts.
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
  const period = await itPlanPeriod(db, periodKey, new Date("2026-10-01T00:00:00Z"), deadlineOn);
  const rows = [
    ...submittedBy.map((agencyId) => ({ status: "submitted" as const, agencyId, submittedAt: new Date("2026-11-01T00:00:00Z") })),
    ...draftBy.map((agencyId) => ({ status: "draft" as const, agencyId, submittedAt: null })),
  ];
  for (const r of rows) await db.insert(submissions).values({ periodId: period.id, templateVersionId: period.templateVersionId, ...r });
  return period;
}
