import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import { telegramRefusal } from "../../../src/bot/telegram-limits.ts";
import { createBotHarness, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import { addPerson, PEOPLE, seedSummariesFixture } from "../summaries/summaries-fixture.ts";

describe("the bot's console buttons", () => {
  let database: Database;
  let h: BotHarness;
  let plain: BotHarness;

  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database, { config: { PUBLIC_URL: "https://bot.example.test" } });
    plain = await createBotHarness(database);
    await seedSummariesFixture(database.db, h.clock.now());
    await addPerson(database.db, PEOPLE.provinceLeader, [["leader", null]]);
  }, 180_000);
  afterAll(() => database.close());

  it("sets the chat menu button to the console for a person with a role, once, and puts a web_app button under /summary", async () => {
    await h.send(PEOPLE.provinceLeader, "/summary 2026-10");
    await h.send(PEOPLE.provinceLeader, "/summary 2026-10");
    const menu = h.api.callsOf("setChatMenuButton");
    expect(menu).toEqual([
      { chat_id: PEOPLE.provinceLeader.id, menu_button: { type: "web_app", text: h.deps.t("vi", "console-button-open"), web_app: { url: "https://bot.example.test/console/" } } },
    ]);
    const summary = h.api.callsOf("sendMessage").filter((m) => m.reply_markup).at(-1)!;
    const rows = (summary.reply_markup as { inline_keyboard: { text: string; web_app?: { url: string } }[][] }).inline_keyboard;
    expect(rows.at(-1)).toEqual([{ text: h.deps.t("vi", "console-button-open"), web_app: { url: "https://bot.example.test/console/" } }]);
    expect(h.api.refusals).toEqual([]);
  });

  it("offers no button without an https address, and says so on /console", async () => {
    await plain.send(PEOPLE.provinceLeader, "/summary 2026-10");
    expect(plain.api.callsOf("setChatMenuButton")).toEqual([]);
    const kb = JSON.stringify(plain.api.callsOf("sendMessage").map((m) => m.reply_markup));
    expect(kb).not.toContain("web_app");
    plain.api.clear();
    await plain.send(PEOPLE.provinceLeader, "/console");
    expect(plain.api.textsTo(PEOPLE.provinceLeader.id)).toEqual([plain.deps.t("vi", "console-not-configured")]);
  });

  it("the fake Bot API, like Telegram, refuses web_app buttons and menu buttons that are not https", () => {
    const kb = (url: string) => ({ chat_id: 1, text: "x", reply_markup: { inline_keyboard: [[{ text: "open", web_app: { url } }]] } });
    expect(telegramRefusal("sendMessage", kb("http://127.0.0.1:8080/console/"))).toMatch(/Only HTTPS/);
    expect(telegramRefusal("sendMessage", kb("https://bot.example.test/console/"))).toBeUndefined();
    expect(telegramRefusal("setChatMenuButton", { chat_id: 1, menu_button: { type: "web_app", text: "x", web_app: { url: "http://x/" } } })).toMatch(/Only HTTPS/);
  });
});
