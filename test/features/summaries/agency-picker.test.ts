import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import { createBotHarness, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import { addPerson, PEOPLE, seedSummariesFixture, type Fixture } from "./summaries-fixture.ts";

type Kb = { reply_markup?: { inline_keyboard: { text: string; callback_data: string }[][] } };

describe("/agency without a name offers a picker", () => {
  let database: Database;
  let h: BotHarness;
  let fx: Fixture;

  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database);
    fx = await seedSummariesFixture(database.db, h.clock.now());
    await addPerson(database.db, PEOPLE.coordinator, [["coordinator", null]]);
    await addPerson(database.db, PEOPLE.districtLeader, [["leader", fx.ids.h1]]);
  });
  afterAll(() => database.close());

  const lastKb = () => ((h.api.callsOf("sendMessage").at(-1) as Kb).reply_markup?.inline_keyboard ?? []).flat();

  it("lists the agencies the person may see as buttons, and a button opens the agency", async () => {
    await h.send(PEOPLE.coordinator, "/agency");
    expect(h.api.textsTo(PEOPLE.coordinator.id).at(-1)).toContain(h.deps.t("vi", "summaries-agency-usage"));
    expect(lastKb().map((b) => b.text)).toEqual(["Sở Tài chính", "Sở Y tế", "UBND huyện Xuân Lộc", "UBND tỉnh Thử Nghiệm", "UBND xã Xuân Hiệp"]);
    await h.press(PEOPLE.coordinator, `summaries:agency:${fx.ids.d1}`);
    expect(h.api.textsTo(PEOPLE.coordinator.id).at(-1)).toContain("Sở Tài chính");
    // A district leader is offered only the district and its commune; another agency's button is refused.
    await h.send(PEOPLE.districtLeader, "/agency");
    expect(lastKb().map((b) => b.text)).toEqual(["UBND huyện Xuân Lộc", "UBND xã Xuân Hiệp"]);
    await h.press(PEOPLE.districtLeader, `summaries:agency:${fx.ids.d1}`);
    expect((h.api.callsOf("answerCallbackQuery").at(-1) as { text: string }).text).toBe(h.deps.t("vi", "access-denied"));
  });
});
