import { createConversation, type Conversation } from "@grammyjs/conversations";
import { Composer } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BaseContext, BotContext } from "../../../src/bot/context.ts";
import type { Feature } from "../../../src/bot/features.ts";
import type { Database } from "../../../src/db/client.ts";
import { agencies } from "../../../src/features/agencies/agencies.table.ts";
import { allFeatures } from "../../../src/features/index.ts";
import { findPersonByTelegramId } from "../../../src/features/people/people.repository.ts";
import { invitations } from "../../../src/features/people/people.table.ts";
import { createBotHarness, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import type { TestUser } from "../../support/updates.ts";
import { personWithRoles, seedSmallProvince } from "./fixtures.ts";

type Button = { text: string; callback_data: string };

/** A stand-in for another feature's conversation: it waits for text and echoes it. */
function echoFeature(): Feature {
  const composer = new Composer<BotContext>();
  async function echo(conversation: Conversation<BaseContext, BaseContext>, ctx: BaseContext) {
    await ctx.reply("echo: waiting");
    const next = await conversation.waitFor("message:text");
    await next.reply(`echo: ${next.message.text}`);
  }
  composer.use(createConversation<BaseContext, BaseContext>(echo, "test-echo") as never);
  composer.command("echo", (ctx) => ctx.conversation.enter("test-echo"));
  return { name: "test-echo", composer };
}

describe("coordinator commands", () => {
  let database: Database;
  let h: BotHarness;
  let p: Awaited<ReturnType<typeof seedSmallProvince>>;
  const coordinator: TestUser = { id: 8100, first_name: "Điều phối" };
  const admin: TestUser = { id: 8101, first_name: "Quản trị" };
  const reporter: TestUser = { id: 8102, first_name: "Cán bộ" };

  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database, { features: [...allFeatures(), echoFeature()] });
    p = await seedSmallProvince(database.db, "AD");
    await personWithRoles(database.db, coordinator, [{ role: "coordinator", agencyId: null }]);
    await personWithRoles(database.db, admin, [{ role: "admin", agencyId: null }]);
    await personWithRoles(database.db, reporter, [{ role: "reporter", agencyId: p.health.id }]);
  });
  afterAll(() => database.close());

  const lastMessage = (user: TestUser) =>
    h.api.callsOf("sendMessage").filter((c) => c.chat_id === user.id).at(-1) as { text: string; reply_markup?: { inline_keyboard: Button[][] } };
  const buttons = (user: TestUser) => (lastMessage(user).reply_markup?.inline_keyboard ?? []).flat();
  const codeIn = (text: string) => /start=([A-Za-z0-9_-]+)/.exec(text)?.[1];

  it("/invite: role, agency by typing part of its name, then a working deep link", async () => {
    await h.send(coordinator, "/invite");
    const roles = buttons(coordinator).map((b) => b.callback_data);
    expect(roles).toEqual(["admin:inv-role:coordinator", "admin:inv-role:leader", "admin:inv-role:reporter"]);
    await h.press(coordinator, "admin:inv-role:reporter");
    expect(lastMessage(coordinator).text).toBe(h.deps.t("vi", "admin-invite-choose-agency", { page: 1, pages: 1 }));
    await h.send(coordinator, "y te");
    const created = lastMessage(coordinator).text;
    expect(created).toContain("Cán bộ đầu mối CNTT — Sở Y tế (AD-SYT)");
    expect(created).toContain("https://t.me/baocao_cntt_bot?start=");

    const newcomer = { id: 8201, first_name: "Mới" };
    await h.send(newcomer, `/start ${codeIn(created)}`);
    const found = await findPersonByTelegramId(database.db, newcomer.id);
    expect(found?.memberships.map((m) => [m.role, m.agencyId])).toEqual([["reporter", p.health.id]]);
  });

  it("/invite survives a restart in the middle: a second bot over the same database goes on", async () => {
    await h.send(coordinator, "/invite");
    await h.press(coordinator, "admin:inv-role:reporter");
    const h2 = await createBotHarness(database, { clock: h.clock });
    await h2.send(coordinator, "tài chính");
    const created = h2.api.textsTo(coordinator.id).at(-1)!;
    expect(created).toContain("Sở Tài chính (AD-STC)");
    expect(codeIn(created)).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it("/invite: a leader for the whole province, and several matches become buttons", async () => {
    await h.send(coordinator, "/invite");
    await h.press(coordinator, "admin:inv-role:leader");
    expect(buttons(coordinator)[0]).toEqual({ text: h.deps.t("vi", "admin-invite-whole-province"), callback_data: "admin:inv-ag:0" });
    await h.send(coordinator, "sở");
    expect(lastMessage(coordinator).text).toBe(h.deps.t("vi", "admin-invite-search-many", { count: 2 }));
    await h.send(coordinator, "không có đơn vị này");
    expect(lastMessage(coordinator).text).toContain("không có đơn vị này");
    await h.press(coordinator, "admin:inv-ag:0");
    expect(lastMessage(coordinator).text).toContain(h.deps.t("vi", "onboarding-role-leader-province"));
    const newcomer = { id: 8202, first_name: "Lãnh đạo" };
    await h.send(newcomer, `/start ${codeIn(lastMessage(coordinator).text)}`);
    expect((await findPersonByTelegramId(database.db, newcomer.id))?.memberships.map((m) => [m.role, m.agencyId])).toEqual([["leader", null]]);
  });

  it("/invite pages through many agencies with buttons", async () => {
    const many = Array.from({ length: 20 }, (_, i) => ({ code: `AD-X${String(i).padStart(2, "0")}`, name: `Xã số ${i}`, kind: "commune" as const, parentId: p.bienHoa.id }));
    await database.db.insert(agencies).values(many);
    await h.send(coordinator, "/invite");
    await h.press(coordinator, "admin:inv-role:reporter");
    const first = lastMessage(coordinator);
    const pages = Number(/\/(\d+)\)/.exec(first.text)?.[1]);
    expect(pages).toBeGreaterThan(1);
    expect(buttons(coordinator).at(-1)?.callback_data).toBe("admin:inv-pg:1");
    await h.press(coordinator, "admin:inv-pg:1", 4242);
    const edit = h.api.callsOf("editMessageText").at(-1) as { message_id: number; text: string; reply_markup: { inline_keyboard: Button[][] } };
    expect(edit.message_id).toBe(4242);
    expect(edit.text).toBe(h.deps.t("vi", "admin-invite-choose-agency", { page: 2, pages }));
    const pick = edit.reply_markup.inline_keyboard.flat().find((b) => b.callback_data.startsWith("admin:inv-ag:"))!;
    await h.press(coordinator, pick.callback_data);
    expect(lastMessage(coordinator).text).toContain("start=");
  });

  it("a coordinator cannot invite an admin, even with a forged button; an admin can", async () => {
    const before = (await database.db.select().from(invitations)).length;
    await h.send(coordinator, "/invite");
    await h.press(coordinator, "admin:inv-role:admin");
    expect(h.api.callsOf("answerCallbackQuery").at(-1)).toMatchObject({ text: h.deps.t("vi", "access-denied"), show_alert: true });
    await h.send(coordinator, "/cancel");
    expect((await database.db.select().from(invitations)).length).toBe(before);

    await h.send(admin, "/invite");
    expect(buttons(admin).map((b) => b.callback_data)).toContain("admin:inv-role:admin");
    await h.press(admin, "admin:inv-role:admin");
    expect(lastMessage(admin).text).toContain(h.deps.t("vi", "onboarding-role-admin"));
    expect((await database.db.select().from(invitations)).length).toBe(before + 1);
  });

  it("a reporter is refused /invite and its buttons", async () => {
    await h.send(reporter, "/invite");
    expect(h.api.textsTo(reporter.id).at(-1)).toBe(h.deps.t("vi", "access-denied"));
    await h.press(reporter, "admin:inv-role:reporter");
    expect(h.api.callsOf("answerCallbackQuery").at(-1)).toMatchObject({ text: h.deps.t("vi", "access-denied") });
  });

  it("another feature's button pressed while /invite waits goes to that feature; /invite still goes on", async () => {
    await h.send(coordinator, "/invite");
    await h.press(coordinator, "remind:all");
    expect(lastMessage(coordinator).text).toBe(h.deps.t("vi", "remind-all-done", { agencies: 0, people: 0, already: 0, missing: 0 }));
    await h.press(coordinator, "admin:inv-role:reporter");
    await h.press(coordinator, "admin:agencies:0", 4343);
    expect(h.api.callsOf("editMessageText").at(-1)).toMatchObject({ message_id: 4343, text: expect.stringContaining("AD-TINH") });
    await h.send(coordinator, "y te");
    expect(lastMessage(coordinator).text).toContain("Sở Y tế (AD-SYT)");
  });

  it("/cancel leaves /invite while it waits; its old buttons then expire", async () => {
    await h.send(coordinator, "/invite");
    await h.send(coordinator, "/cancel");
    expect(lastMessage(coordinator).text).toBe(h.deps.t("vi", "cancelled"));
    await h.press(coordinator, "admin:inv-role:reporter");
    expect(h.api.callsOf("answerCallbackQuery").at(-1)).toMatchObject({ text: h.deps.t("vi", "button-expired") });
    await h.send(coordinator, "/cancel");
    expect(lastMessage(coordinator).text).toBe(h.deps.t("vi", "nothing-to-cancel"));
  });

  it("/cancel leaves another feature's conversation while it waits", async () => {
    await h.send(reporter, "/echo");
    expect(lastMessage(reporter).text).toBe("echo: waiting");
    await h.send(reporter, "/cancel");
    expect(lastMessage(reporter).text).toBe(h.deps.t("vi", "cancelled"));
    await h.send(reporter, "hello");
    expect(h.api.textsTo(reporter.id)).not.toContain("echo: hello");
    expect(lastMessage(reporter).text).toBe(h.deps.t("vi", "fallback-unknown"));
    // Without /cancel the same conversation does get the text: the test above is not vacuous.
    await h.send(reporter, "/echo");
    await h.send(reporter, "again");
    expect(lastMessage(reporter).text).toBe("echo: again");
  });

  it("/agencies shows the hierarchy in pages under 4,096 characters", async () => {
    const long = Array.from({ length: 120 }, (_, i) => ({
      code: `AD-L${String(i).padStart(3, "0")}`,
      name: `Ủy ban nhân dân xã có một cái tên rất dài để thử phân trang số ${i}`,
      kind: "commune" as const,
      parentId: p.bienHoa.id,
    }));
    await database.db.insert(agencies).values(long);
    await h.send(coordinator, "/agencies");
    const first = lastMessage(coordinator);
    expect(first.text.length).toBeLessThan(4096);
    expect(first.text).toContain("AD-TINH — Tỉnh AD");
    const next = buttons(coordinator).find((b) => b.callback_data === "admin:agencies:1");
    expect(next).toBeDefined();
    let page = 1;
    const seen = new Set<string>(first.text.match(/AD-L\d{3}/g) ?? []);
    for (;;) {
      await h.press(coordinator, `admin:agencies:${page}`);
      const edit = h.api.callsOf("editMessageText").at(-1) as { text: string; reply_markup: { inline_keyboard: Button[][] } };
      expect(edit.text.length).toBeLessThan(4096);
      for (const c of edit.text.match(/AD-L\d{3}/g) ?? []) seen.add(c);
      if (!edit.reply_markup.inline_keyboard.flat().some((b) => b.callback_data === `admin:agencies:${page + 1}`)) break;
      page++;
    }
    expect(seen.size).toBe(120);
    // A forged page number is clamped to the last page, not an error.
    await h.press(coordinator, "admin:agencies:99999");
    expect((h.api.callsOf("editMessageText").at(-1) as { text: string }).text).toContain(`${page + 1}/${page + 1}`);
  });

  it("/people lists each person with roles and agencies", async () => {
    await h.send(admin, "/people");
    const text = lastMessage(admin).text;
    expect(text).toContain("• Cán bộ");
    expect(text).toContain("Cán bộ đầu mối CNTT — Sở Y tế (AD-SYT)");
    expect(text).toContain(h.deps.t("vi", "onboarding-role-coordinator"));
  });

  it("/lang switches to English: the reply, the stored language and the command menu", async () => {
    await h.send(reporter, "/lang");
    expect(buttons(reporter).map((b) => b.callback_data)).toEqual(["help:lang:vi", "help:lang:en"]);
    await h.press(reporter, "help:lang:en");
    expect((h.api.callsOf("editMessageText").at(-1) as { text: string }).text).toBe(h.deps.t("en", "help-lang-changed"));
    expect((await findPersonByTelegramId(database.db, reporter.id))?.person.locale).toBe("en");
    const menu = h.api.callsOf("setMyCommands").at(-1) as { commands: { command: string; description: string }[]; scope: unknown };
    expect(menu.scope).toEqual({ type: "chat", chat_id: reporter.id });
    expect(menu.commands.find((c) => c.command === "help")?.description).toBe(h.deps.t("en", "cmd-help"));
    await h.send(reporter, "/help");
    expect(lastMessage(reporter).text.startsWith(h.deps.t("en", "help-title"))).toBe(true);
    await h.press(reporter, "help:lang:xx");
    expect((await findPersonByTelegramId(database.db, reporter.id))?.person.locale).toBe("en");
  });
});
