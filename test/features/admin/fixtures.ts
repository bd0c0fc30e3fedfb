import type { Db } from "../../../src/db/client.ts";
import { agencies } from "../../../src/features/agencies/agencies.table.ts";
import { grantRole, upsertPerson } from "../../../src/features/people/people.repository.ts";
import type { Role } from "../../../src/features/people/people.table.ts";
import type { TestUser } from "../../support/updates.ts";

/** A small province: the province, two departments, a district with one commune. Codes get a prefix so files can share a database. */
export async function seedSmallProvince(db: Db, prefix: string) {
  const [province] = await db.insert(agencies).values({ code: `${prefix}-TINH`, name: `Tỉnh ${prefix}`, kind: "province" }).returning();
  const rows = await db
    .insert(agencies)
    .values([
      { code: `${prefix}-SYT`, name: "Sở Y tế", kind: "department", parentId: province!.id },
      { code: `${prefix}-STC`, name: "Sở Tài chính", kind: "department", parentId: province!.id },
      { code: `${prefix}-BH`, name: "TP. Biên Hòa", kind: "district", parentId: province!.id },
    ])
    .returning();
  const [commune] = await db
    .insert(agencies)
    .values({ code: `${prefix}-BH-TP`, name: "Phường Tân Phong", kind: "commune", parentId: rows[2]!.id })
    .returning();
  return { province: province!, health: rows[0]!, finance: rows[1]!, bienHoa: rows[2]!, commune: commune! };
}

/** A person holding the given roles, ready to talk to the bot as `user`. */
export async function personWithRoles(
  db: Db,
  user: TestUser,
  roles: { role: Role; agencyId: number | null }[],
  locale = "vi",
): Promise<number> {
  const person = await upsertPerson(db, { telegramId: user.id, displayName: user.first_name, username: user.username ?? null, locale });
  for (const r of roles) await grantRole(db, person.id, r.role, r.agencyId);
  return person.id;
}
