import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import { agencies } from "../../../src/features/agencies/agencies.table.ts";
import { agencySuccessions } from "../../../src/features/agencies/agency-lifecycle.table.ts";
import { parseDateWords } from "../../../src/features/calendar/date-words.ts";
import { createBotHarness, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import type { TestUser } from "../../support/updates.ts";
import { personWithRoles, seedSmallProvince } from "../admin/fixtures.ts";

describe("dates in words", () => {
  it.each([
    ["đến hết tháng 12", "2026-12-31"],
    ["hết tháng 2", "2027-02-28"],
    ["hết tháng này", "2026-11-30"],
    ["đầu tháng sau", "2026-12-01"],
    ["ngày mai", "2026-11-21"],
    ["5/1", "2027-01-05"],
    ["25/12", "2026-12-25"],
    ["31/12/2026", "2026-12-31"],
    ["end of December", "2026-12-31"],
    ["hết tuần này", "2026-11-22"],
  ])("%s → %s (today 20/11/2026)", (input, want) => expect(parseDateWords(input, "2026-11-20")).toBe(want));
  it.each(["tháng 13", "hết tháng 13", "31/2", "mai kia", ""])("%s is no day", (input) => expect(parseDateWords(input, "2026-11-20")).toBeUndefined());
});

describe("/reorg in chat", () => {
  let database: Database;
  let h: BotHarness;
  let p: Awaited<ReturnType<typeof seedSmallProvince>>;
  const coordinator: TestUser = { id: 9300, first_name: "Điều phối" };
  const leader: TestUser = { id: 9301, first_name: "Lãnh đạo" };

  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database);
    p = await seedSmallProvince(database.db, "RG");
    await personWithRoles(database.db, coordinator, [{ role: "coordinator", agencyId: null }]);
    await personWithRoles(database.db, leader, [{ role: "leader", agencyId: null }]);
  });
  afterAll(() => database.close());

  it("renames an agency picked by typing part of its name", async () => {
    await h.send(coordinator, "/reorg");
    await h.send(coordinator, "y te");
    expect(h.api.textsTo(coordinator.id).at(-1)).toBe(h.deps.t("vi", "reorg-pick-action", { agency: "Sở Y tế", code: "RG-SYT" }));
    await h.press(coordinator, "rg:do:rename");
    await h.send(coordinator, "Sở Y tế và Dân số");
    const [a] = await database.db.select().from(agencies).where(eq(agencies.id, p.health.id));
    expect(a!.name).toBe("Sở Y tế và Dân số");
  });

  it("merges an agency into another from a day picked with a button, after a confirmation", async () => {
    await h.send(coordinator, "/reorg");
    await h.press(coordinator, `rg:a:${p.finance.id}`);
    await h.press(coordinator, "rg:do:merge");
    await h.press(coordinator, "rg:m:go");
    // The agency itself is not offered as its own successor, even forged.
    await h.press(coordinator, `rg:a:${p.finance.id}`);
    await h.send(coordinator, "dân số");
    await h.press(coordinator, "rg:d:2030-01-01");
    expect(await database.db.select().from(agencySuccessions)).toEqual([]);
    await h.press(coordinator, "rg:d:2026-11-20");
    await h.press(coordinator, "rg:ok");
    const [s] = await database.db.select().from(agencySuccessions);
    expect([s!.predecessorId, s!.successorId, s!.effectiveOn]).toEqual([p.finance.id, p.health.id, "2026-11-20"]);
    const [fin] = await database.db.select().from(agencies).where(eq(agencies.id, p.finance.id));
    expect(fin!.active).toBe(false);
    expect(h.api.textsTo(coordinator.id).at(-1)).toContain("Sở Tài chính");
  });

  it("is refused to a leader", async () => {
    await h.send(leader, "/reorg");
    expect(h.api.textsTo(leader.id).at(-1)).toBe(h.deps.t("vi", "access-denied"));
  });
});
