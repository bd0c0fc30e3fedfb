import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Database } from "../../../src/db/client.ts";
import { agencies } from "../../../src/features/agencies/agencies.table.ts";
import { audienceRecipients, parseAudience, type Audience } from "../../../src/features/broadcasts/audience.ts";
import { broadcastPayload } from "../../../src/features/broadcasts/broadcast-message.ts";
import { people } from "../../../src/features/people/people.table.ts";
import { addPerson } from "../reports/report-fixtures.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import { periodWithSubmissions, seedBroadcastWorld } from "./fixtures.ts";

describe("broadcast audience", () => {
  let database: Database;
  let w: Awaited<ReturnType<typeof seedBroadcastWorld>>;
  let gone: Awaited<ReturnType<typeof addPerson>>;
  let periodId: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    w = await seedBroadcastWorld(database.db);
    // A deactivated person never receives anything.
    gone = await addPerson(database.db, "Đã nghỉ", [["reporter", w.deptA.id]]);
    await database.db.update(people).set({ active: false }).where(eq(people.id, gone.person.id));
    periodId = (await periodWithSubmissions(database.db, "2026-10", "2026-10-20", [w.deptA.id], [w.deptB.id])).id;
  });
  afterAll(() => database.close());

  const names = async (audience: Audience, today = "2026-11-20") =>
    (await audienceRecipients(database.db, audience, { today, excludePersonId: w.coordinator.person.id })).map((r) =>
      [w.admin, w.leader, w.repA, w.repB, w.leadC, w.repD, w.coordinator, gone].find((p) => p.person.id === r.personId)?.person.displayName,
    );

  it("everyone: every active person with a role, except the sender", async () => {
    expect(await names({ type: "all" })).toEqual(expect.arrayContaining(["Quản trị", "Lãnh đạo tỉnh", "Cán bộ A", "Cán bộ B", "Chủ tịch C", "Cán bộ D"]));
    expect(await names({ type: "all" })).not.toContain("Điều phối");
    expect(await names({ type: "all" })).not.toContain("Đã nghỉ");
  });

  it("by role", async () => {
    const reporters = await names({ type: "roles", roles: ["reporter"] });
    expect(reporters).toEqual(["Cán bộ A", "Cán bộ B", "Cán bộ D"]);
    expect(await names({ type: "roles", roles: ["leader", "admin"] })).toEqual(["Quản trị", "Lãnh đạo tỉnh", "Chủ tịch C"]);
  });

  it("by agency kind, counting only people of active agencies of those kinds", async () => {
    expect(await names({ type: "kinds", kinds: ["district", "commune"] })).toEqual(["Chủ tịch C", "Cán bộ D"]);
    await database.db.update(agencies).set({ active: false }).where(eq(agencies.id, w.commune.id));
    expect(await names({ type: "kinds", kinds: ["district", "commune"] })).toEqual(["Chủ tịch C"]);
    await database.db.update(agencies).set({ active: true }).where(eq(agencies.id, w.commune.id));
  });

  it("chosen agencies", async () => {
    expect(await names({ type: "agencies", agencyIds: [w.deptA.id, w.district.id] })).toEqual(["Cán bộ A", "Chủ tịch C"]);
    expect(await names({ type: "agencies", agencyIds: [] })).toEqual([]);
  });

  it("overdue for a period: required agencies without a submitted report, only after the deadline", async () => {
    // Sở A submitted; Sở B has only a draft; Huyện C has nothing; the commune is not required by it-plan.
    const overdue = await names({ type: "overdue", periodId });
    expect(overdue).toContain("Cán bộ B");
    expect(overdue).toContain("Chủ tịch C");
    expect(overdue).not.toContain("Cán bộ A");
    expect(overdue).not.toContain("Cán bộ D");
    expect(await names({ type: "overdue", periodId }, "2026-10-20")).toEqual([]);
  });

  it("reads a stored audience back only when it is well-formed", () => {
    expect(parseAudience({ type: "roles", roles: ["reporter"] })).toEqual({ type: "roles", roles: ["reporter"] });
    expect(parseAudience({ type: "roles", roles: ["emperor"] })).toBeUndefined();
    expect(parseAudience({ type: "agencies", agencyIds: ["1; drop table"] })).toBeUndefined();
    expect(parseAudience(null)).toBeUndefined();
  });

  it("a reminder prefix shifts the coordinator's formatting by its own length", () => {
    const payload = broadcastPayload(
      { text: "Họp lúc 9h", entities: [{ type: "bold", offset: 0, length: 3 }], mediaKind: null, mediaFileId: null },
      { broadcastId: 5, ackLabel: "Đã nhận", prefix: "🔔 Nhắc\n\n" },
    );
    expect(payload.params.text).toBe("🔔 Nhắc\n\nHọp lúc 9h");
    expect(payload.params.entities).toEqual([{ type: "bold", offset: "🔔 Nhắc\n\n".length, length: 3 }]);
    expect(payload.params.reply_markup).toEqual({ inline_keyboard: [[{ text: "Đã nhận", callback_data: "bc:ack:5" }]] });
  });
});
