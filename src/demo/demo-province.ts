import { eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { agencies, type AgencyKind } from "../features/agencies/agencies.table.ts";
import type { Role } from "../features/people/people.table.ts";
import { grantRole, upsertPerson } from "../features/people/people.repository.ts";
import { saveKinds } from "../features/agencies/agency-kinds.repository.ts";
import type { Organisation } from "../features/organisation/organisation.ts";
import { saveOrganisation } from "../features/organisation/organisation.repository.ts";

/** One agency of the demo province, with the name of its IT lead (the reporter persona). */
export interface DemoAgency {
  code: string;
  name: string;
  kind: AgencyKind;
  parentCode?: string;
  itLead?: string;
  /** False for an agency that no longer reports (kept for its history). */
  active?: boolean;
}

export const DEMO_PROVINCE_CODE = "DONGNAI";

/**
 * Đồng Nai after 1/7/2025 (see /work/shared/DOMAIN.md, "The administration today"): the provincial committee and
 * its office, the departments after the 2025 mergers (the Sở Khoa học và Công nghệ coordinates digital
 * transformation), and a subset of the 95 commune-level units of Resolution 1662/NQ-UBTVQH15, reporting directly
 * to the province. The district-level committees that reported until 30/6/2025 are kept, inactive, for their
 * history. Demo data only: nothing may assume these names.
 */
export const DEMO_AGENCIES: DemoAgency[] = [
  { code: DEMO_PROVINCE_CODE, name: "UBND tỉnh Đồng Nai", kind: "province" },
  // Departments, boards and sectors.
  { code: "VP-UBND", name: "Văn phòng UBND tỉnh", kind: "department", itLead: "Nguyễn Hoàng Long" },
  { code: "SO-KHCN", name: "Sở Khoa học và Công nghệ", kind: "department", itLead: "Trần Quốc Bảo" },
  { code: "SO-TC", name: "Sở Tài chính", kind: "department", itLead: "Phạm Đức Anh" },
  { code: "SO-NV", name: "Sở Nội vụ", kind: "department", itLead: "Hoàng Thị Lan" },
  { code: "SO-NNMT", name: "Sở Nông nghiệp và Môi trường", kind: "department", itLead: "Hồ Thị Thanh" },
  { code: "SO-XD", name: "Sở Xây dựng", kind: "department", itLead: "Trịnh Công Danh" },
  { code: "SO-VHTTDL", name: "Sở Văn hóa, Thể thao và Du lịch", kind: "department", itLead: "Dương Ngọc Ánh" },
  { code: "SO-YT", name: "Sở Y tế", kind: "department", itLead: "Đỗ Thị Hương" },
  { code: "SO-GDDT", name: "Sở Giáo dục và Đào tạo", kind: "department", itLead: "Bùi Văn Hải" },
  { code: "SO-TP", name: "Sở Tư pháp", kind: "department", itLead: "Vũ Minh Tuấn" },
  { code: "SO-CT", name: "Sở Công Thương", kind: "department", itLead: "Đặng Thu Trang" },
  { code: "THANHTRA", name: "Thanh tra tỉnh", kind: "department", itLead: "Tạ Quang Huy" },
  { code: "BQL-KCN", name: "Ban Quản lý các Khu công nghiệp", kind: "department", itLead: "Châu Minh Khoa" },
  // Commune-level units (phường, xã) since 1/7/2025, directly under the province.
  { code: "P-TRANBIEN", name: "UBND phường Trấn Biên", kind: "commune", itLead: "Nguyễn Thị Hồng" },
  { code: "P-BIENHOA", name: "UBND phường Biên Hòa", kind: "commune", itLead: "Lê Văn Tâm" },
  { code: "P-TAMHIEP", name: "UBND phường Tam Hiệp", kind: "commune", itLead: "Phạm Thị Nga" },
  { code: "P-LONGBINH", name: "UBND phường Long Bình", kind: "commune", itLead: "Huỳnh Văn Nam" },
  { code: "P-TRANGDAI", name: "UBND phường Trảng Dài", kind: "commune", itLead: "Võ Thị Thu" },
  { code: "P-HONAI", name: "UBND phường Hố Nai", kind: "commune", itLead: "Phan Văn Đức" },
  { code: "P-LONGKHANH", name: "UBND phường Long Khánh", kind: "commune", itLead: "Trần Văn Lộc" },
  { code: "P-DONGXOAI", name: "UBND phường Đồng Xoài", kind: "commune", itLead: "Trương Thị Yến" },
  { code: "P-BINHPHUOC", name: "UBND phường Bình Phước", kind: "commune", itLead: "Đoàn Văn Khánh" },
  { code: "X-TRANGBOM", name: "UBND xã Trảng Bom", kind: "commune", itLead: "Cao Thị Diễm" },
  { code: "X-LONGTHANH", name: "UBND xã Long Thành", kind: "commune", itLead: "Lưu Văn Hậu" },
  { code: "X-XUANLOC", name: "UBND xã Xuân Lộc", kind: "commune", itLead: "Ngô Thanh Sơn" },
  // District-level committees until 30/6/2025: inactive, kept for the reports they filed.
  { code: "UBND-BIENHOA", name: "UBND TP. Biên Hòa", kind: "district", active: false },
  { code: "UBND-LONGKHANH", name: "UBND TP. Long Khánh", kind: "district", active: false },
  { code: "UBND-TRANGBOM", name: "UBND huyện Trảng Bom", kind: "district", active: false },
  { code: "UBND-LONGTHANH", name: "UBND huyện Long Thành", kind: "district", active: false },
  { code: "UBND-XUANLOC", name: "UBND huyện Xuân Lộc", kind: "district", active: false },
];

/**
 * The reform the demo's past data crosses: from `from` (the first month of two-level local government) the
 * successors report; before it, their predecessors did. A successor with no predecessor here is new to the
 * province's reports (Đồng Xoài and Bình Phước came with the former Bình Phước province). The pairing of each
 * district with the wards or communes that continue its history is illustrative.
 */
export const DEMO_REFORM = {
  from: "2025-07",
  successors: {
    "P-TRANBIEN": ["UBND-BIENHOA"],
    "P-BIENHOA": [],
    "P-TAMHIEP": [],
    "P-LONGBINH": [],
    "P-TRANGDAI": [],
    "P-HONAI": [],
    "P-LONGKHANH": ["UBND-LONGKHANH"],
    "P-DONGXOAI": [],
    "P-BINHPHUOC": [],
    "X-TRANGBOM": ["UBND-TRANGBOM"],
    "X-LONGTHANH": ["UBND-LONGTHANH"],
    "X-XUANLOC": ["UBND-XUANLOC"],
  } as Record<string, string[]>,
};

/** The organisation the demo runs for (/organisation). */
export const DEMO_ORGANISATION: Organisation = {
  province: { vi: "Đồng Nai", en: "Dong Nai" },
  coordinator: { vi: "Sở Khoa học và Công nghệ", en: "Department of Science and Technology" },
  coordinatorShort: { vi: "Sở KH&CN", en: "DOST" },
  numberPrefix: "BC-SKHCN",
  reportsTo: { vi: "UBND tỉnh Đồng Nai", en: "Dong Nai Provincial People's Committee" },
};

/** Which kind of demo person: decides the label in `:personas` and the role granted. */
export type PersonaKind = "admin" | "coordinator" | "leader" | "head" | "reporter" | "guest";

/** Someone the console can act as. `key` is what `:as` accepts and what the prompt shows. */
export interface Persona {
  key: string;
  kind: PersonaKind;
  telegramId: number;
  name: string;
  /** The agency of an agency head or an IT lead. */
  agencyCode?: string;
  agencyName?: string;
  /** Extra words `:as` accepts, e.g. Vietnamese role names. */
  aliases: string[];
}

const HEAD_AGENCY = "P-TRANBIEN";
const agencyName = (code: string) => DEMO_AGENCIES.find((a) => a.code === code)!.name;

/** Every demo persona: one per role, a person without a role, and the IT lead of every department and district. */
export const DEMO_PERSONAS: Persona[] = [
  { key: "admin", kind: "admin", telegramId: 100_001, name: "Lê Minh Quân", aliases: ["quantri", "quản-trị"] },
  {
    key: "coordinator",
    kind: "coordinator",
    telegramId: 100_002,
    name: "Phạm Thu Hà",
    agencyCode: "SO-KHCN",
    agencyName: agencyName("SO-KHCN"),
    aliases: ["dieuphoi", "điều-phối"],
  },
  { key: "leader", kind: "leader", telegramId: 100_003, name: "Võ Văn Thành", aliases: ["lanhdao", "lãnh-đạo"] },
  {
    key: "head",
    kind: "head",
    telegramId: 100_004,
    name: "Nguyễn Văn Bình",
    agencyCode: HEAD_AGENCY,
    agencyName: agencyName(HEAD_AGENCY),
    aliases: ["thutruong", "thủ-trưởng"],
  },
  { key: "guest", kind: "guest", telegramId: 100_009, name: "Trần Văn Khách", aliases: ["khach", "khách"] },
  ...DEMO_AGENCIES.filter((a) => a.itLead).map(
    (a, i): Persona => ({
      key: a.code,
      kind: "reporter",
      telegramId: 200_001 + i,
      name: a.itLead!,
      agencyCode: a.code,
      agencyName: a.name,
      aliases: [],
    }),
  ),
];

/** The IT lead `:as reporter` picks when no agency is given. */
export const DEFAULT_REPORTER = "SO-KHCN";

const ROLE_OF: Record<PersonaKind, Role | null> = {
  admin: "admin",
  coordinator: "coordinator",
  leader: "leader",
  head: "leader",
  reporter: "reporter",
  guest: null,
};

/**
 * The base demo province: agencies and one person per persona with their role.
 * The coordinator and the province leader act for the whole province (no agency scope);
 * the head leads one ward; each IT lead reports for one agency. The organisation is set as an admin would.
 * Everyone starts in `locale` (the demo passes DEFAULT_LOCALE).
 */
export async function seedDemoProvince(db: Db, now: Date, locale = "vi"): Promise<void> {
  const ids = new Map<string, number>();
  for (const a of DEMO_AGENCIES) {
    const parentCode = a.parentCode ?? (a.kind === "province" ? undefined : DEMO_PROVINCE_CODE);
    const [row] = await db
      .insert(agencies)
      .values({ code: a.code, name: a.name, kind: a.kind, parentId: parentCode ? ids.get(parentCode)! : null, active: a.active ?? true })
      .onConflictDoUpdate({ target: agencies.code, set: { name: a.name, kind: a.kind, active: a.active ?? true } })
      .returning({ id: agencies.id });
    ids.set(a.code, row!.id);
  }
  for (const p of DEMO_PERSONAS) {
    const role = ROLE_OF[p.kind];
    if (!role) continue;
    const person = await upsertPerson(db, { telegramId: p.telegramId, displayName: p.name, locale });
    const scoped = p.kind === "head" || p.kind === "reporter";
    await grantRole(db, person.id, role, scoped ? ids.get(p.agencyCode!)! : null);
  }
  await saveOrganisation(db, DEMO_ORGANISATION, { actorLabel: "demo", at: now });
  // The kind of the former districts, named so the old periods read right.
  await saveKinds(db, [{ code: "district", nameVi: "Cấp huyện (đến 30/6/2025)", nameEn: "District level (until 30/6/2025)", order: 9 }], { actorLabel: "demo", at: now });
}

/** The id of a demo agency, for the demo seeds of other features. */
export async function demoAgencyId(db: Db, code: string): Promise<number> {
  const [row] = await db.select({ id: agencies.id }).from(agencies).where(eq(agencies.code, code));
  if (!row) throw new Error(`demo agency ${code} is not seeded`);
  return row.id;
}
