// Periods and templates on people's screens read "tháng 11/2026" and the template's title, never the codes
// ("2026-11", "it-plan") that stay inside callback data.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.ts";
import { createBotHarness, type BotHarness } from "../support/bot-harness.ts";
import { createTestDatabase } from "../support/test-db.ts";
import { addAgency, addPerson, itPlan, itPlanPeriod } from "../features/reports/report-fixtures.ts";

const CODES = /\bit-plan\b|\b20\d\d-(\d\d|Q[1-4]|H[12]|9M)\b/;

describe("no internal codes on people's screens", () => {
  let database: Database;
  let h: BotHarness;
  /** Every text and button label the bot showed this person. */
  const screens = (id: number) => [
    ...h.api.textsTo(id),
    ...h.api
      .callsOf("sendMessage")
      .filter((c) => c.chat_id === id)
      .flatMap((c) => ((c.reply_markup as { inline_keyboard?: { text: string }[][] } | undefined)?.inline_keyboard ?? []).flat().map((b) => b.text)),
  ];

  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database);
  });
  afterAll(() => database.close());

  it("a coordinator opening and closing periods, and a reporter filing, see labels and titles", async () => {
    const agency = await addAgency(database.db, "department");
    const coord = await addPerson(database.db, "Điều phối", [["coordinator", null]]);
    const reporter = await addPerson(database.db, "Cán bộ", [["reporter", agency.id]]);
    const en = await addPerson(database.db, "Reporter", [["reporter", agency.id]], "en");
    await itPlanPeriod(database.db, "2026-11", h.clock.now());
    await h.send(coord.user, "/openperiod");
    await h.send(coord.user, "/openperiod it-plan 2026-12");
    await h.send(coord.user, "/closeperiod it-plan 2026-12");
    await h.send(coord.user, "/reopenperiod it-plan 2026-11 30/11/2026");
    await h.send(reporter.user, "/status");
    await h.send(reporter.user, "/report");
    await h.send(en.user, "/status");
    const seen = [...screens(coord.user.id), ...screens(reporter.user.id), ...screens(en.user.id)];
    expect(seen.join("\n")).toContain("tháng 12/2026");
    expect(seen.join("\n")).toContain(itPlan.title.vi);
    expect(screens(en.user.id).join("\n")).toContain("November 2026");
    expect(seen.filter((s) => CODES.test(s))).toEqual([]);
    // The codes are still what the buttons carry.
    const data = h.api.callsOf("sendMessage").flatMap((c) => ((c.reply_markup as { inline_keyboard?: { callback_data?: string }[][] } | undefined)?.inline_keyboard ?? []).flat());
    expect(data.some((b) => b.callback_data?.includes("it-plan:2026-12"))).toBe(true);
  });
});
