import type { Db } from "../../../src/db/client.ts";
import { agencies } from "../../../src/features/agencies/agencies.table.ts";
import { grantRole, upsertPerson } from "../../../src/features/people/people.repository.ts";
import type { Role } from "../../../src/features/people/people.table.ts";
import { openPeriod } from "../../../src/features/reports/periods.repository.ts";
import { answers, submissions } from "../../../src/features/reports/reports.table.ts";
import { templateDefinitionSchema } from "../../../src/features/templates/template-definition.ts";
import { importTemplate } from "../../../src/features/templates/templates.repository.ts";

/** A small template with every kind of aggregation the summaries use. */
export const TEST_TEMPLATE = templateDefinitionSchema.parse({
  id: "sum-test",
  title: { vi: "Báo cáo thử nghiệm", en: "Test report" },
  cadence: "monthly",
  agencies: { mode: "kinds", kinds: ["department", "district"] },
  ranking: { timelinessWeight: 40, indicators: [{ key: "online_share", weight: 30 }, { key: "services", weight: 30 }] },
  derived: [
    { key: "online_share", label: { vi: "Tỷ lệ hồ sơ trực tuyến (%)", en: "Online dossier share (%)" }, numerator: "online", denominator: "total" },
    { key: "disb_rate", label: { vi: "Tỷ lệ giải ngân (%)", en: "Disbursement rate (%)" }, numerator: "disbursed", denominator: "budget" },
  ],
  questions: [
    { key: "docs_pct", type: "percent", label: { vi: "Tỷ lệ văn bản điện tử (%)", en: "Electronic documents (%)" }, aggregate: "avg" },
    { key: "services", type: "integer", label: { vi: "Số dịch vụ công trực tuyến", en: "Online public services" }, aggregate: "sum", combine: "last" },
    { key: "total", type: "integer", label: { vi: "Tổng số hồ sơ", en: "All dossiers" }, aggregate: "sum", combine: "sum" },
    { key: "online", type: "integer", label: { vi: "Số hồ sơ trực tuyến", en: "Online dossiers" }, aggregate: "sum", combine: "sum", rules: [{ lte: "total" }] },
    { key: "budget", type: "money", label: { vi: "Kinh phí được giao", en: "Budget allocated" }, aggregate: "sum" },
    { key: "disbursed", type: "money", label: { vi: "Kinh phí đã giải ngân", en: "Budget disbursed" }, aggregate: "sum" },
    {
      key: "status",
      type: "single-choice",
      label: { vi: "Tiến độ dự án", en: "Project status" },
      choices: [
        { value: "on_schedule", label: { vi: "Đúng tiến độ", en: "On schedule" } },
        { value: "behind", label: { vi: "Chậm tiến độ", en: "Behind" } },
      ],
      aggregate: "count-by-choice",
    },
    { key: "difficulties", type: "long-text", required: false, label: { vi: "Khó khăn, vướng mắc", en: "Difficulties" }, aggregate: "list" },
  ],
});

export const PEOPLE = {
  provinceLeader: { id: 91001, first_name: "Lãnh đạo tỉnh" },
  coordinator: { id: 91002, first_name: "Điều phối" },
  districtLeader: { id: 91003, first_name: "Chủ tịch huyện" },
  reporterD1: { id: 91004, first_name: "Cán bộ Tài chính" },
  stranger: { id: 91005, first_name: "Người lạ" },
  englishLeader: { id: 91006, first_name: "Leader EN" },
} as const;

export interface Fixture {
  ids: { prov: number; d1: number; d2: number; h1: number; c1: number };
  periodIds: Record<string, number>;
}

type Values = Record<string, unknown>;
const base = (services: number): Values => ({
  docs_pct: 80, services, total: 100, online: 50, budget: 1_000_000_000, disbursed: 500_000_000, status: "on_schedule",
});

/**
 * Four months (2026-07 … 2026-10). In 2026-10: D1 on time with a blocker, D2 late with an implausible
 * dossier total (10× its history) and disbursement above budget, H1 missing; C1 (commune) is not required.
 */
export async function seedSummariesFixture(db: Db, now: Date): Promise<Fixture> {
  const [prov] = await db.insert(agencies).values({ code: "PROV", name: "UBND tỉnh Thử Nghiệm", kind: "province" }).returning();
  const ins = async (code: string, name: string, kind: "department" | "district" | "commune", parentId: number) =>
    (await db.insert(agencies).values({ code, name, kind, parentId }).returning())[0]!.id;
  const d1 = await ins("T-TC", "Sở Tài chính", "department", prov!.id);
  const d2 = await ins("T-YT", "Sở Y tế", "department", prov!.id);
  const h1 = await ins("T-XL", "UBND huyện Xuân Lộc", "district", prov!.id);
  const c1 = await ins("T-XL-XA", "UBND xã Xuân Hiệp", "commune", h1);
  const { versionId } = await importTemplate(db, TEST_TEMPLATE, now);

  const periodIds: Record<string, number> = {};
  const file = async (periodKey: string, agencyId: number, onTime: boolean, values: Values) => {
    const periodId = periodIds[periodKey]!;
    const at = new Date(`${periodKey}-16T03:00:00Z`);
    const [s] = await db
      .insert(submissions)
      .values({ periodId, agencyId, templateVersionId: versionId, status: "submitted", version: 1, submittedAt: at, firstSubmittedAt: at, onTime })
      .returning();
    await db.insert(answers).values(
      Object.entries(values).map(([questionKey, value]) => ({
        submissionId: s!.id, questionKey, value, numValue: typeof value === "number" ? value : null, updatedAt: at,
      })),
    );
  };
  for (const key of ["2026-07", "2026-08", "2026-09", "2026-10"]) {
    const { period } = await openPeriod(db, { templateId: TEST_TEMPLATE.id, periodKey: key, now });
    periodIds[key] = period.id;
  }
  for (const key of ["2026-07", "2026-08", "2026-09"]) {
    await file(key, d1, true, base(10));
    await file(key, d2, true, base(20));
    await file(key, h1, true, base(5));
  }
  await file("2026-10", d1, true, { ...base(12), online: 60, difficulties: "Thiếu máy tính cho bộ phận một cửa." });
  await file("2026-10", d2, false, { ...base(22), total: 1000, disbursed: 1_200_000_000, status: "behind" });
  return { ids: { prov: prov!.id, d1, d2, h1, c1 }, periodIds };
}

export async function addPerson(db: Db, user: { id: number; first_name: string }, roles: [Role, number | null][], locale = "vi"): Promise<void> {
  const p = await upsertPerson(db, { telegramId: user.id, displayName: user.first_name, locale });
  for (const [role, agencyId] of roles) await grantRole(db, p.id, role, agencyId);
}
