import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import { agencySuccessions } from "../../../src/features/agencies/agency-lifecycle.table.ts";
import { auditLog } from "../../../src/features/people/people.table.ts";
import { createBotHarness, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import { addAgency, addPerson } from "../reports/report-fixtures.ts";
import { consoleApp, signIn, type ConsoleClient } from "./console-client.ts";

describe("console agency merge goes through /reorg's mergeAgencies", () => {
  let database: Database;
  let h: BotHarness;
  let coordinator: ConsoleClient;
  let leader: ConsoleClient;
  const ids: number[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database);
    for (let i = 0; i < 4; i++) ids.push((await addAgency(database.db, "commune", `Xã Hợp Nhất ${i + 1}`)).id);
    const app = consoleApp(h);
    coordinator = await signIn(h, app, (await addPerson(database.db, "Điều Phối Sáp Nhập", [["coordinator", null]])).user);
    leader = await signIn(h, app, (await addPerson(database.db, "Lãnh Đạo Sáp Nhập", [["leader", null]])).user);
  }, 180_000);
  afterAll(() => database.close());

  it("merges two agencies into a new one from a date, audited; merging one again is refused in words", async () => {
    const res = await coordinator.send("POST", "/console/api/admin/agencies/merge", {
      predecessorIds: [ids[0], ids[1]],
      into: { code: "XHN-MOI", name: "Xã Hợp Nhất Mới", kind: "commune", parentId: null },
      effectiveOn: "01/12/2026",
    });
    expect(res.status).toBe(200);
    const { successor, effectiveOn } = (await res.json()) as { successor: { id: number; name: string }; effectiveOn: string };
    expect(successor.name).toBe("Xã Hợp Nhất Mới");
    expect(effectiveOn).toBe("2026-12-01");
    const links = await database.db.select().from(agencySuccessions).where(eq(agencySuccessions.successorId, successor.id));
    expect(links.map((l) => l.predecessorId).sort()).toEqual([ids[0], ids[1]].sort());
    expect((await database.db.select().from(auditLog).where(inArray(auditLog.action, ["agency.create", "agency.merge"]))).length).toBeGreaterThanOrEqual(3);

    const again = await coordinator.send("POST", "/console/api/admin/agencies/merge", { predecessorIds: [ids[0]], into: { existingId: ids[2] }, effectiveOn: "2026-12-01" });
    expect(again.status).toBe(422);
    expect(((await again.json()) as { error: string }).error).toBe("Đơn vị này đã được sáp nhập trước đó.");
  });

  it("merges into an existing agency; anyone but a coordinator gets 403", async () => {
    expect((await leader.send("POST", "/console/api/admin/agencies/merge", { predecessorIds: [ids[3]], into: { existingId: ids[2] }, effectiveOn: "2026-12-01" })).status).toBe(403);
    const res = await coordinator.send("POST", "/console/api/admin/agencies/merge", { predecessorIds: [ids[3]], into: { existingId: ids[2] }, effectiveOn: "2026-12-01" });
    expect(res.status).toBe(200);
    expect(await database.db.select().from(agencySuccessions).where(eq(agencySuccessions.predecessorId, ids[3]!))).toHaveLength(1);
  });
});
