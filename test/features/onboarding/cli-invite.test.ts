import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTranslate } from "../../../src/bot/i18n.ts";
import { CliUsageError, type CliContext } from "../../../src/cli/cli-command.ts";
import { createInviteCommand, resolveBotUsername } from "../../../src/cli/commands/invite.ts";
import { listPeopleCommand } from "../../../src/cli/commands/list-people.ts";
import type { Database } from "../../../src/db/client.ts";
import { recentAudit } from "../../../src/audit/audit.repository.ts";
import { findPersonByTelegramId } from "../../../src/features/people/people.repository.ts";
import { createBotHarness, testConfig, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import { seedSmallProvince } from "../admin/fixtures.ts";

describe("npm run cli -- invite / list-people", () => {
  let database: Database;
  let h: BotHarness;
  let ctx: CliContext;
  const out: string[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database);
    await seedSmallProvince(database.db, "CI");
    ctx = { database, config: testConfig(), clock: h.clock, t: createTranslate("vi"), out: (l) => out.push(l) };
  });
  afterAll(() => database.close());

  const noNetwork = (() => {
    throw new Error("no network in tests");
  }) as unknown as typeof fetch;

  it("prints a code and a deep link with BOT_USERNAME; the code works once in the bot", async () => {
    out.length = 0;
    await createInviteCommand({ BOT_USERNAME: "@so_tttt_bot" }, noNetwork).run(["--role", "reporter", "--agency", "CI-SYT", "--expires", "2d"], ctx);
    const link = out.find((l) => l.includes("https://t.me/so_tttt_bot?start="))!;
    const code = /start=([A-Za-z0-9_-]+)/.exec(link)![1]!;
    expect(out.join("\n")).toContain("Cán bộ đầu mối CNTT — Sở Y tế (CI-SYT)");
    expect(out.join("\n")).toContain("22/11/2026 09:00"); // 2026-11-20T02:00Z + 2 days, in UTC+7
    const audit = (await recentAudit(database.db, 1))[0];
    expect(audit).toMatchObject({ action: "invitation.create", actorLabel: "cli", actorPersonId: null });

    await h.send({ id: 6301, first_name: "Nhập" }, `/start ${code}`);
    expect((await findPersonByTelegramId(database.db, 6301))?.memberships.map((m) => m.role)).toEqual(["reporter"]);

    out.length = 0;
    await listPeopleCommand.run([], ctx);
    expect(out).toContain("6301\tNhập\tvi");
    expect(out).toContain("\tCán bộ đầu mối CNTT — Sở Y tế (CI-SYT)");
  });

  it("prints the /start form when no username is known and no token is set (offline)", async () => {
    out.length = 0;
    await createInviteCommand({}, noNetwork).run(["--role", "coordinator"], ctx);
    expect(out.at(-1)).toMatch(/^Người được mời gửi cho bot: \/start [A-Za-z0-9_-]{22}$/);
  });

  it("asks getMe only when a token is set, and falls back when it fails", async () => {
    const seen: string[] = [];
    const fake = (async (url: string) => {
      seen.push(url);
      return new Response(JSON.stringify({ ok: true, result: { username: "from_getme_bot" } }));
    }) as unknown as typeof fetch;
    expect(await resolveBotUsername({ BOT_TOKEN: "1:abc", TELEGRAM_API_ROOT: "http://127.0.0.1:1/" }, fake)).toBe("from_getme_bot");
    expect(seen).toEqual(["http://127.0.0.1:1/bot1:abc/getMe"]);
    expect(await resolveBotUsername({ BOT_TOKEN: "1:abc" }, noNetwork)).toBeUndefined();
  });

  it.each([
    [["--role", "boss"]],
    [["--role", "reporter"]],
    [["--role", "admin", "--agency", "CI-SYT"]],
    [["--role", "leader", "--agency", "NOPE"]],
    [["--role", "leader", "--expires", "soon"]],
  ])("refuses bad arguments %j without creating anything", async (args) => {
    const before = (await recentAudit(database.db, 100)).length;
    await expect(createInviteCommand({}, noNetwork).run(args, ctx)).rejects.toBeInstanceOf(CliUsageError);
    expect((await recentAudit(database.db, 100)).length).toBe(before);
  });
});
