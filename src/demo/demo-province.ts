import { eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { agencies, type AgencyKind } from "../features/agencies/agencies.table.ts";
import type { Role } from "../features/people/people.table.ts";
import { grantRole, upsertPerson } from "../features/people/people.repository.ts";

/** One agency of the demo province, with the name of its IT lead (the reporter persona). */
export interface DemoAgency {
  code: string;
  name: string;
  kind: AgencyKind;
  parentCode?: string;
  itLead?: string;
}

export const DEMO_PROVINCE_CODE = "DONGNAI";

/** Đồng Nai as in the 2019 plan (see /work/shared/DOMAIN.md). Demo data only: nothing may assume these names. */
export const DEMO_AGENCIES: DemoAgency[] = [
  { code: DEMO_PROVINCE_CODE, name: "UBND tỉnh Đồng Nai", kind: "province" },
  // Departments, boards and sectors.
  { code: "VP-UBND", name: "Văn phòng UBND tỉnh", kind: "department", itLead: "Nguyễn Hoàng Long" },
  { code: "SO-TTTT", name: "Sở Thông tin và Truyền thông", kind: "department", itLead: "Trần Quốc Bảo" },
  { code: "SO-KHDT", name: "Sở Kế hoạch và Đầu tư", kind: "department", itLead: "Lê Thị Mai" },
  { code: "SO-TC", name: "Sở Tài chính", kind: "department", itLead: "Phạm Đức Anh" },
  { code: "SO-NV", name: "Sở Nội vụ", kind: "department", itLead: "Hoàng Thị Lan" },
  { code: "SO-TP", name: "Sở Tư pháp", kind: "department", itLead: "Vũ Minh Tuấn" },
  { code: "SO-CT", name: "Sở Công Thương", kind: "department", itLead: "Đặng Thu Trang" },
  { code: "SO-GDDT", name: "Sở Giáo dục và Đào tạo", kind: "department", itLead: "Bùi Văn Hải" },
  { code: "SO-YT", name: "Sở Y tế", kind: "department", itLead: "Đỗ Thị Hương" },
  { code: "SO-LDTBXH", name: "Sở Lao động – Thương binh và Xã hội", kind: "department", itLead: "Ngô Thanh Sơn" },
  { code: "SO-VHTTDL", name: "Sở Văn hóa, Thể thao và Du lịch", kind: "department", itLead: "Dương Ngọc Ánh" },
  { code: "SO-TNMT", name: "Sở Tài nguyên và Môi trường", kind: "department", itLead: "Lý Văn Phúc" },
  { code: "SO-NNPTNT", name: "Sở Nông nghiệp và Phát triển nông thôn", kind: "department", itLead: "Hồ Thị Thanh" },
  { code: "SO-GTVT", name: "Sở Giao thông vận tải", kind: "department", itLead: "Mai Xuân Trường" },
  { code: "SO-XD", name: "Sở Xây dựng", kind: "department", itLead: "Trịnh Công Danh" },
  { code: "SO-KHCN", name: "Sở Khoa học và Công nghệ", kind: "department", itLead: "Đinh Thị Ngọc" },
  { code: "THANHTRA", name: "Thanh tra tỉnh", kind: "department", itLead: "Tạ Quang Huy" },
  { code: "BAN-DANTOC", name: "Ban Dân tộc", kind: "department", itLead: "Lâm Thị Kim" },
  { code: "BQL-KCN", name: "Ban Quản lý các Khu công nghiệp", kind: "department", itLead: "Châu Minh Khoa" },
  // District-level People's Committees.
  { code: "UBND-BIENHOA", name: "UBND TP. Biên Hòa", kind: "district", itLead: "Nguyễn Thị Hồng" },
  { code: "UBND-LONGKHANH", name: "UBND TP. Long Khánh", kind: "district", itLead: "Trần Văn Lộc" },
  { code: "UBND-TANPHU", name: "UBND huyện Tân Phú", kind: "district", itLead: "Lê Văn Tâm" },
  { code: "UBND-DINHQUAN", name: "UBND huyện Định Quán", kind: "district", itLead: "Phạm Thị Nga" },
  { code: "UBND-XUANLOC", name: "UBND huyện Xuân Lộc", kind: "district", itLead: "Huỳnh Văn Nam" },
  { code: "UBND-CAMMY", name: "UBND huyện Cẩm Mỹ", kind: "district", itLead: "Võ Thị Thu" },
  { code: "UBND-THONGNHAT", name: "UBND huyện Thống Nhất", kind: "district", itLead: "Phan Văn Đức" },
  { code: "UBND-TRANGBOM", name: "UBND huyện Trảng Bom", kind: "district", itLead: "Trương Thị Yến" },
  { code: "UBND-VINHCUU", name: "UBND huyện Vĩnh Cửu", kind: "district", itLead: "Đoàn Văn Khánh" },
  { code: "UBND-LONGTHANH", name: "UBND huyện Long Thành", kind: "district", itLead: "Cao Thị Diễm" },
  { code: "UBND-NHONTRACH", name: "UBND huyện Nhơn Trạch", kind: "district", itLead: "Lưu Văn Hậu" },
  // A few communes and wards under Biên Hòa, enough to show the hierarchy.
  { code: "BH-TANPHONG", name: "UBND phường Tân Phong", kind: "commune", parentCode: "UBND-BIENHOA" },
  { code: "BH-TRANGDAI", name: "UBND phường Trảng Dài", kind: "commune", parentCode: "UBND-BIENHOA" },
  { code: "BH-HOAAN", name: "UBND phường Hóa An", kind: "commune", parentCode: "UBND-BIENHOA" },
  { code: "BH-TANHANH", name: "UBND xã Tân Hạnh", kind: "commune", parentCode: "UBND-BIENHOA" },
];

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

const HEAD_AGENCY = "UBND-BIENHOA";
const agencyName = (code: string) => DEMO_AGENCIES.find((a) => a.code === code)!.name;

/** Every demo persona: one per role, a person without a role, and the IT lead of every department and district. */
export const DEMO_PERSONAS: Persona[] = [
  { key: "admin", kind: "admin", telegramId: 100_001, name: "Lê Minh Quân", aliases: ["quantri", "quản-trị"] },
  {
    key: "coordinator",
    kind: "coordinator",
    telegramId: 100_002,
    name: "Phạm Thu Hà",
    agencyCode: "SO-TTTT",
    agencyName: agencyName("SO-TTTT"),
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
export const DEFAULT_REPORTER = "SO-TTTT";

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
 * the head leads one district and its communes; each IT lead reports for one agency.
 * Everyone starts in `locale` (the demo passes DEFAULT_LOCALE).
 */
export async function seedDemoProvince(db: Db, locale = "vi"): Promise<void> {
  const ids = new Map<string, number>();
  for (const a of DEMO_AGENCIES) {
    const parentCode = a.parentCode ?? (a.kind === "province" ? undefined : DEMO_PROVINCE_CODE);
    const [row] = await db
      .insert(agencies)
      .values({ code: a.code, name: a.name, kind: a.kind, parentId: parentCode ? ids.get(parentCode)! : null })
      .onConflictDoUpdate({ target: agencies.code, set: { name: a.name, kind: a.kind } })
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
}

/** The id of a demo agency, for the demo seeds of other features. */
export async function demoAgencyId(db: Db, code: string): Promise<number> {
  const [row] = await db.select({ id: agencies.id }).from(agencies).where(eq(agencies.code, code));
  if (!row) throw new Error(`demo agency ${code} is not seeded`);
  return row.id;
}
