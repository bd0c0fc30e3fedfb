import type { Db } from "../../../src/db/client.ts";
import { agencies } from "../../../src/features/agencies/agencies.table.ts";
import { grantRole, upsertPerson } from "../../../src/features/people/people.repository.ts";
import type { Role } from "../../../src/features/people/people.table.ts";
import { submissions } from "../../../src/features/reports/reports.table.ts";
import { templateDefinitionSchema } from "../../../src/features/templates/template-definition.ts";
import { importTemplate } from "../../../src/features/templates/templates.repository.ts";

/** 08:00 (or the given time) in Hà Nội on a date. */
export const vnTime = (day: string, hhmm = "08:00") => new Date(`${day}T${hhmm}:00+07:00`);

export const USERS = {
  coordinator: { id: 9001, first_name: "Điều phối" },
  provinceLeader: { id: 9002, first_name: "Lãnh đạo tỉnh" },
  districtHead: { id: 9003, first_name: "Chủ tịch huyện" },
  healthHead: { id: 9004, first_name: "Giám đốc Sở Y tế" },
  healthReporter: { id: 9010, first_name: "Đầu mối Sở Y tế" },
  justiceReporter: { id: 9011, first_name: "Đầu mối Sở Tư pháp", locale: "en" },
  districtReporter: { id: 9012, first_name: "Đầu mối huyện" },
  communeReporter: { id: 9013, first_name: "Đầu mối xã" },
  substitute: { id: 9020, first_name: "Người thay" },
} as const;

export interface Province {
  agency: Record<"province" | "health" | "justice" | "district" | "commune", number>;
  person: Record<keyof typeof USERS, number>;
}

/**
 * A small province: two departments, a district with a commune; a reporter for each, two agency heads,
 * a coordinator and a province leader; template "it-plan" (monthly, deadline 2 working days after the cut-off,
 * reminders 2 working days before, escalation after 3).
 */
export async function seedProvince(db: Db, now: Date): Promise<Province> {
  const ins = async (code: string, name: string, kind: "province" | "department" | "district" | "commune", parentId: number | null) =>
    (await db.insert(agencies).values({ code, name, kind, parentId }).returning({ id: agencies.id }))[0]!.id;
  const province = await ins("TINH", "UBND tỉnh", "province", null);
  const health = await ins("SO-YT", "Sở Y tế", "department", province);
  const justice = await ins("SO-TP", "Sở Tư pháp", "department", province);
  const district = await ins("H-TANPHU", "Huyện Tân Phú", "district", province);
  const commune = await ins("X-PHUTHANH", "Xã Phú Thạnh", "commune", district);

  const roles: Record<keyof typeof USERS, [Role, number | null][]> = {
    coordinator: [["coordinator", null]],
    provinceLeader: [["leader", null]],
    districtHead: [["leader", district]],
    healthHead: [["leader", health]],
    healthReporter: [["reporter", health]],
    justiceReporter: [["reporter", justice]],
    districtReporter: [["reporter", district]],
    communeReporter: [["reporter", commune]],
    substitute: [],
  };
  const person = {} as Province["person"];
  for (const [key, user] of Object.entries(USERS) as [keyof typeof USERS, (typeof USERS)[keyof typeof USERS]][]) {
    const p = await upsertPerson(db, { telegramId: user.id, displayName: user.first_name, locale: "locale" in user ? user.locale : "vi" });
    person[key] = p.id;
    for (const [role, agencyId] of roles[key]) await grantRole(db, p.id, role, agencyId);
  }
  await importTemplate(
    db,
    templateDefinitionSchema.parse({
      id: "it-plan",
      title: { vi: "Kế hoạch CNTT", en: "IT plan" },
      cadence: "monthly",
      agencies: { mode: "kinds", kinds: ["department", "district", "commune"] },
      deadline: { kind: "working-days-after-cutoff", days: 2 },
      reminders: { beforeWorkingDays: [2], onDeadline: true, overdueDaily: true, escalateAfterWorkingDays: 3 },
      questions: [{ key: "staff_trained", type: "integer", label: { vi: "Số cán bộ được đào tạo", en: "Staff trained" } }],
    }),
    now,
  );
  return { agency: { province, health, justice, district, commune }, person };
}

/** Marks an agency's report as submitted, as the reports feature would. */
export async function markSubmitted(db: Db, periodId: number, agencyId: number, versionId: number, at: Date): Promise<void> {
  await db
    .insert(submissions)
    .values({ periodId, agencyId, templateVersionId: versionId, status: "submitted", submittedAt: at, version: 1 })
    .onConflictDoUpdate({ target: [submissions.periodId, submissions.agencyId], set: { status: "submitted", submittedAt: at } });
}
