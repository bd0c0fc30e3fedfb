// A newcomer's first contact, and what /help offers: through the real bot.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Update } from "grammy/types";
import type { Database } from "../../src/db/client.ts";
import { createBotHarness, type BotHarness } from "../support/bot-harness.ts";
import { createTestDatabase } from "../support/test-db.ts";
import { nextUpdateId, type TestUser } from "../support/updates.ts";
import { personWithRoles } from "../features/admin/fixtures.ts";
import { addAgency } from "../features/reports/report-fixtures.ts";

/** What Telegram sends when a user blocks ("kicked") or unblocks/restarts ("member") a bot in a private chat. */
function myChatMemberUpdate(user: TestUser, botId: number, from: "member" | "kicked", to: "member" | "kicked"): Update {
  const botUser = { id: botId, is_bot: true, first_name: "Bot", username: "baocao_cntt_bot" };
  const member = (status: "member" | "kicked") => (status === "kicked" ? { user: botUser, status, until_date: 0 } : { user: botUser, status });
  return {
    update_id: nextUpdateId(),
    my_chat_member: {
      chat: { id: user.id, type: "private", first_name: user.first_name },
      from: { ...user, is_bot: false },
      date: Math.floor(Date.now() / 1000),
      old_chat_member: member(from),
      new_chat_member: member(to),
    },
  } as Update;
}

describe("first contact", () => {
  let database: Database;
  let h: BotHarness;
  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database);
  });
  afterAll(() => database.close());

  it("answers a newcomer in the language of their Telegram app when the bot speaks it", async () => {
    const ann: TestUser = { id: 73_201, first_name: "Ann", language_code: "en" };
    await h.send(ann, "/start");
    expect(h.api.textsTo(ann.id)).toEqual([h.deps.t("en", "access-none")]);
    const lan: TestUser = { id: 73_206, first_name: "Lan", language_code: "fr" };
    await h.send(lan, "/start");
    expect(h.api.textsTo(lan.id)).toEqual([h.deps.t("vi", "access-none")]);
  });

  it("sends nothing for a stranger's block or restart of the bot, and one sentence for their /start", async () => {
    const stranger: TestUser = { id: 73_205, first_name: "Khách" };
    const botId = h.api.botInfo.id;
    await h.handle(myChatMemberUpdate(stranger, botId, "member", "kicked"));
    expect(h.api.textsTo(stranger.id)).toEqual([]);
    await h.handle(myChatMemberUpdate(stranger, botId, "kicked", "member"));
    await h.send(stranger, "/start");
    expect(h.api.textsTo(stranger.id)).toEqual([h.deps.t("vi", "access-none")]);
  });

  it("offers /report and /status to reporters only; a leader's /help lists neither", async () => {
    const leader: TestUser = { id: 73_204, first_name: "Thành" };
    await personWithRoles(database.db, leader, [{ role: "leader", agencyId: null }]);
    await h.send(leader, "/help");
    const help = h.api.textsTo(leader.id).at(-1)!;
    expect(help).toContain("/summary");
    expect(help).not.toMatch(/^\/report /m);
    expect(help).not.toMatch(/^\/status /m);
    const reporter: TestUser = { id: 73_207, first_name: "Hùng" };
    await personWithRoles(database.db, reporter, [{ role: "reporter", agencyId: (await addAgency(database.db)).id }]);
    await h.send(reporter, "/help");
    expect(h.api.textsTo(reporter.id).at(-1)!).toMatch(/^\/report /m);
  });
});
