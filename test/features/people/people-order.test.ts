// /people and list-people list names in Vietnamese alphabetical order, on PGlite and PostgreSQL alike.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTranslate } from "../../../src/bot/i18n.ts";
import type { CliContext } from "../../../src/cli/cli-command.ts";
import { listPeopleCommand } from "../../../src/cli/commands/list-people.ts";
import type { Database } from "../../../src/db/client.ts";
import { byVietnameseName, listAllPeople } from "../../../src/features/people/people.repository.ts";
import { createBotHarness, testConfig, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import type { TestUser } from "../../support/updates.ts";
import { personWithRoles, seedSmallProvince } from "../admin/fixtures.ts";

// Inserted in an order that is neither alphabetical nor byte order.
const NAMES = ["Võ Văn Thành", "Đỗ Thị Hương", "Huỳnh Văn Nam", "Phạm Thu", "Dương Ngọc Ánh", "Hồ Thị Thanh", "Phạm Thị", "Giang Văn Bình", "Ông Văn Ba", "Ân Thị Mai", "Âu Văn Tú", "An Văn Hải"];
// D < Đ < E, a < ă < â, o < ô < ơ < u, i < u.
const EXPECTED = ["An Văn Hải", "Ân Thị Mai", "Âu Văn Tú", "Dương Ngọc Ánh", "Đỗ Thị Hương", "Giang Văn Bình", "Hồ Thị Thanh", "Huỳnh Văn Nam", "Ông Văn Ba", "Phạm Thị", "Phạm Thu", "Võ Văn Thành"];

describe("/people and list-people order", () => {
  let database: Database;
  let h: BotHarness;
  const coordinator: TestUser = { id: 8500, first_name: "Điều phối" };

  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database);
    const p = await seedSmallProvince(database.db, "PO");
    await personWithRoles(database.db, coordinator, [{ role: "coordinator", agencyId: null }]);
    for (const [i, name] of NAMES.entries()) await personWithRoles(database.db, { id: 8600 + i, first_name: name }, [{ role: "reporter", agencyId: p.health.id }]);
    // Two people with the same name come by id.
    await personWithRoles(database.db, { id: 8700, first_name: "Phạm Thu" }, []);
  });
  afterAll(() => database.close());

  const only = (names: string[]) => names.filter((n) => NAMES.includes(n));

  it("listAllPeople sorts by Vietnamese alphabetical order, then by id", async () => {
    const list = await listAllPeople(database.db);
    expect(only(list.map((e) => e.person.displayName))).toEqual(EXPECTED.flatMap((n) => (n === "Phạm Thu" ? [n, n] : [n])));
    const thu = list.filter((e) => e.person.displayName === "Phạm Thu");
    expect(thu.map((e) => e.person.telegramId)).toEqual([8603, 8700]);
    expect(thu[0]!.memberships).toHaveLength(1);
    expect(thu[1]!.memberships).toEqual([]);
  });

  it("byVietnameseName puts Đ right after D and breaks ties by id", () => {
    const e = (id: number, displayName: string) => ({ person: { id, displayName } });
    expect(byVietnameseName([e(3, "Đào"), e(2, "Vũ"), e(5, "Dung"), e(1, "Đào")]).map((x) => x.person.id)).toEqual([5, 1, 3, 2]);
  });

  it("/people shows the names in that order (its first page: the first names of it)", async () => {
    await h.send(coordinator, "/people");
    const page = h.api.textsTo(coordinator.id).at(-1)!;
    const shown = EXPECTED.filter((n) => page.includes(n)).sort((a, b) => page.indexOf(a) - page.indexOf(b));
    expect(shown.length).toBeGreaterThanOrEqual(6);
    expect(shown).toEqual(EXPECTED.slice(0, shown.length));
  });

  it("list-people prints the names in that order", async () => {
    const out: string[] = [];
    const ctx: CliContext = { database, config: testConfig(), clock: h.clock, t: createTranslate("vi"), out: (l) => out.push(l) };
    await listPeopleCommand.run([], ctx);
    const names = out.filter((l) => !l.startsWith("\t")).map((l) => l.split("\t")[1]!.replace(/ @.*$/, ""));
    expect(only(names)).toEqual(EXPECTED.flatMap((n) => (n === "Phạm Thu" ? [n, n] : [n])));
  });
});
