import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import { outbox } from "../../../src/features/outbox/outbox.table.ts";
import { auditLog } from "../../../src/features/people/people.table.ts";
import { findPersonByTelegramId } from "../../../src/features/people/people.repository.ts";
import { createBotHarness, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import { addPerson, PEOPLE, seedSummariesFixture, type Fixture } from "../summaries/summaries-fixture.ts";
import { consoleApp, signIn, type ConsoleClient } from "./console-client.ts";

describe("console broadcasts go through the chat's /broadcast code", () => {
  let database: Database;
  let h: BotHarness;
  let fx: Fixture;
  const c: Record<string, ConsoleClient> = {};

  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database);
    fx = await seedSummariesFixture(database.db, h.clock.now());
    await addPerson(database.db, PEOPLE.provinceLeader, [["leader", null]]);
    await addPerson(database.db, PEOPLE.coordinator, [["coordinator", null]]);
    await addPerson(database.db, PEOPLE.reporterD1, [["reporter", fx.ids.d1]]);
    const app = consoleApp(h);
    for (const k of ["provinceLeader", "coordinator", "reporterD1"] as const) c[k] = await signIn(h, app, PEOPLE[k]);
  }, 180_000);
  afterAll(() => database.close());

  const message = { text: "Họp giao ban CNTT lúc 8h thứ Hai.", audience: { type: "agencies", agencyIds: [] as number[] }, requireAck: true };

  it("offers the chat's audience choices", async () => {
    const res = await c.coordinator!.get("/console/api/admin/broadcasts/options");
    expect(res.status).toBe(200);
    const o = (await res.json()) as { roles: { code: string }[]; agencies: { id: number; people: number }[] };
    expect(o.roles.map((r) => r.code)).toEqual(["admin", "coordinator", "leader", "reporter"]);
    expect(o.agencies.find((a) => a.id === fx.ids.d1)?.people).toBe(1);
  });

  it("a coordinator previews exactly what recipients get and how many, then sends: outbox rows, audit", async () => {
    const body = { ...message, audience: { type: "agencies", agencyIds: [fx.ids.d1] } };
    const pv = await c.coordinator!.send("POST", "/console/api/admin/broadcasts/preview", body);
    expect(pv.status).toBe(200);
    const preview = (await pv.json()) as { preview: { text: string; button: string | null }; recipients: number; summary: string };
    expect(preview).toMatchObject({ preview: { text: message.text, button: "Đã nhận" }, recipients: 1 });
    expect(preview.summary).toContain("1 người");
    expect(await database.db.select().from(outbox)).toHaveLength(0);

    const sent = await c.coordinator!.send("POST", "/console/api/admin/broadcasts", body);
    expect(sent.status).toBe(200);
    const { id, total } = (await sent.json()) as { id: number; total: number };
    expect(total).toBe(1);
    const rows = await database.db.select().from(outbox).where(eq(outbox.broadcastId, id));
    const reporter = await findPersonByTelegramId(database.db, PEOPLE.reporterD1.id);
    expect(rows.map((r) => [r.chatId, r.kind])).toEqual([[PEOPLE.reporterD1.id, "broadcast"]]);
    expect(rows[0]!.payload).toMatchObject({ method: "sendMessage", params: { text: message.text, reply_markup: { inline_keyboard: [[{ text: "Đã nhận", callback_data: `bc:ack:${id}` }]] } } });
    const coordinator = await findPersonByTelegramId(database.db, PEOPLE.coordinator.id);
    const audit = await database.db.select().from(auditLog).where(and(eq(auditLog.action, "broadcast.create"), eq(auditLog.target, `broadcast:${id}`)));
    expect(audit.map((a) => a.actorPersonId)).toEqual([coordinator!.person.id]);

    // Delivered, not yet acknowledged: the list and the detail say so, with the person's agency.
    await database.db.update(outbox).set({ status: "sent", sentAt: h.clock.now() }).where(eq(outbox.broadcastId, id));
    const list = (await (await c.coordinator!.get("/console/api/admin/broadcasts")).json()) as { broadcasts: { id: number; delivered: number; acknowledged: number; total: number }[] };
    expect(list.broadcasts.find((b) => b.id === id)).toMatchObject({ total: 1, delivered: 1, acknowledged: 0 });
    const detail = (await (await c.coordinator!.get(`/console/api/admin/broadcasts/${id}`)).json()) as { unacknowledged: { name: string; agencies: string }[] };
    expect(detail.unacknowledged).toEqual([{ name: reporter!.person.displayName, agencies: "Sở Tài chính" }]);
  });

  it("refuses an empty text, an audience that reaches nobody, and anyone but a coordinator", async () => {
    const blank = await c.coordinator!.send("POST", "/console/api/admin/broadcasts/preview", { ...message, text: "  ", audience: { type: "all" } });
    expect(blank.status).toBe(422);
    const nobody = await c.coordinator!.send("POST", "/console/api/admin/broadcasts", { ...message, audience: { type: "roles", roles: ["admin"] } });
    expect(nobody.status).toBe(422);
    for (const who of ["provinceLeader", "reporterD1"] as const) {
      expect((await c[who]!.send("POST", "/console/api/admin/broadcasts", { ...message, audience: { type: "all" } })).status).toBe(403);
      expect((await c[who]!.get("/console/api/admin/broadcasts")).status).toBe(403);
    }
    expect(await database.db.select().from(outbox).where(eq(outbox.kind, "broadcast"))).toHaveLength(1);
  });
});
