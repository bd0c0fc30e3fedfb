import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray, isNotNull } from "drizzle-orm";
import type { Database } from "../../../src/db/client.ts";
import { createOutboxService } from "../../../src/features/outbox/outbox-service.ts";
import { createOutboxApi } from "../../../src/features/outbox/telegram-sender.ts";
import { broadcasts, outbox } from "../../../src/features/outbox/outbox.table.ts";
import { auditLog, people } from "../../../src/features/people/people.table.ts";
import { createBroadcast } from "../../../src/features/broadcasts/broadcasts.repository.ts";
import { addAgency, addPerson } from "../reports/report-fixtures.ts";
import { createBotHarness, TEST_TOKEN, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import { nextUpdateId, photoUpdate, type TestUser } from "../../support/updates.ts";
import { periodWithSubmissions, seedBroadcastWorld } from "./fixtures.ts";
import type { Update } from "grammy/types";

type Button = { text: string; callback_data: string };
type Sent = { chat_id: number; text?: string; caption?: string; entities?: unknown; reply_markup?: { inline_keyboard: Button[][] } };

describe("broadcasts through the bot", () => {
  let database: Database;
  let h: BotHarness;
  let w: Awaited<ReturnType<typeof seedBroadcastWorld>>;
  let deliver: () => Promise<unknown>;

  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database);
    w = await seedBroadcastWorld(database.db);
    const service = createOutboxService(h.deps, createOutboxApi(TEST_TOKEN, { fetch: h.api.fetch }), {
      instanceId: "test",
      sleep: async (ms) => h.clock.advance(ms),
    });
    deliver = () => service.drainOnce();
  });
  afterAll(() => database.close());

  const sentTo = (u: TestUser) => h.api.calls.filter((c) => c.method.startsWith("send") && Number(c.payload.chat_id) === u.id).map((c) => JSON.parse(JSON.stringify(c.payload)) as Sent);
  const last = (u: TestUser) => sentTo(u).at(-1)!;
  const buttons = (u: TestUser) => (last(u).reply_markup?.inline_keyboard ?? []).flat();
  const t = (key: string, args?: Record<string, string | number>) => h.deps.t("vi", key, args);
  const callbackAnswers = () => h.api.callsOf("answerCallbackQuery").map((c) => c.text);
  const boldText = (u: TestUser, text: string, bold: number): Update => ({
    update_id: nextUpdateId(),
    message: {
      message_id: 900 + nextUpdateId(),
      date: 0,
      chat: { id: u.id, type: "private", first_name: u.first_name },
      from: { id: u.id, is_bot: false, first_name: u.first_name },
      text,
      entities: [{ type: "bold", offset: 0, length: bold }],
    },
  }) as Update;

  it("refuses /broadcast and /broadcasts to anyone but coordinators and admins", async () => {
    await h.send(w.repA.user, "/broadcast");
    await h.send(w.leader.user, "/broadcasts");
    expect(sentTo(w.repA.user).map((s) => s.text)).toEqual([t("access-denied")]);
    expect(sentTo(w.leader.user).map((s) => s.text)).toEqual([t("access-denied")]);
    // A forged button of the flow is refused too.
    await h.press(w.repA.user, "bc:remind:1");
    expect(h.api.callsOf("answerCallbackQuery").at(-1)).toMatchObject({ text: t("access-denied") });
  });

  it("composes, previews exactly, delivers to the chosen roles, shows progress, and records acknowledgements", async () => {
    h.api.clear();
    const c = w.coordinator.user;
    await h.send(c, "/broadcast");
    expect(last(c).text).toBe(t("broadcast-compose"));
    await h.handle(boldText(c, "Họp giao ban lúc 9h thứ Hai", 3));
    expect(buttons(c).map((b) => b.callback_data)).toEqual(["bc:aud:all", "bc:aud:roles", "bc:aud:kinds", "bc:aud:agencies", "bc:aud:overdue", "bc:cancel"]);
    await h.press(c, "bc:aud:roles");
    await h.press(c, "bc:tg:3"); // reporter
    await h.press(c, "bc:done");
    await h.press(c, "bc:ackq:yes");
    const preview = sentTo(c).at(-2)!;
    expect(preview).toMatchObject({ text: "Họp giao ban lúc 9h thứ Hai", entities: [{ type: "bold", offset: 0, length: 3 }] });
    expect(last(c).text).toBe(t("broadcast-preview-summary", { count: 3, audience: t("broadcast-describe-roles", { roles: t("broadcast-role-reporter") }) }));
    await h.press(c, "bc:preview");
    expect(callbackAnswers().at(-1)).toBe(t("broadcast-preview-only"));
    await h.press(c, "bc:send");

    const [b] = await database.db.select().from(broadcasts).orderBy(broadcasts.id);
    expect(b).toMatchObject({ total: 3, requireAck: true, progressChatId: c.id });
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.action, "broadcast.create"));
    expect(audit).toMatchObject([{ target: `broadcast:${b!.id}`, after: { recipients: 3, requireAck: true } }]);
    expect(last(c).text).toContain(t("broadcast-progress-sent", { sent: 0, total: 3 }));
    expect(sentTo(w.repA.user)).toEqual([]); // nothing leaves before the dispatcher runs

    await deliver();
    for (const r of [w.repA, w.repD]) {
      expect(last(r.user)).toMatchObject({
        text: "Họp giao ban lúc 9h thứ Hai",
        entities: [{ type: "bold", offset: 0, length: 3 }],
        reply_markup: { inline_keyboard: [[{ text: "Đã nhận", callback_data: `bc:ack:${b!.id}` }]] },
      });
      // Exactly what the preview showed, apart from the button's data.
      expect({ ...last(r.user), chat_id: 0, reply_markup: undefined }).toEqual({ ...preview, chat_id: 0, reply_markup: undefined });
    }
    expect(buttons(w.repB.user)[0]!.text).toBe("Acknowledge"); // in the recipient's own language
    expect(sentTo(w.leadC.user)).toEqual([]);
    expect(sentTo(c).filter((s) => s.text === "Họp giao ban lúc 9h thứ Hai")).toHaveLength(1); // only the preview
    const edits = h.api.callsOf("editMessageText").filter((e) => e.chat_id === c.id);
    expect(edits.at(-1)!.text).toBe(
      [t("broadcast-progress-done", { id: String(b!.id) }), t("broadcast-progress-sent", { sent: 3, total: 3 }), t("broadcast-progress-failed", { failed: 0 }), t("broadcast-progress-acked", { acked: 0, sent: 3 })].join("\n"),
    );

    // Acknowledge: own copy only. Forged data (another broadcast id, or someone who never got it) is refused.
    await h.press(w.repA.user, `bc:ack:${b!.id}`);
    expect(callbackAnswers().at(-1)).toBe(t("broadcast-ack-thanks"));
    await h.press(w.repA.user, `bc:ack:${b!.id}`);
    expect(callbackAnswers().at(-1)).toBe(t("broadcast-ack-already"));
    await h.press(w.leadC.user, `bc:ack:${b!.id}`);
    expect(callbackAnswers().at(-1)).toBe(t("broadcast-ack-unknown"));
    await h.press(w.repD.user, `bc:ack:${b!.id + 1000}`);
    expect(callbackAnswers().at(-1)).toBe(t("broadcast-ack-unknown"));
    const acked = await database.db.select({ chatId: outbox.chatId }).from(outbox).where(isNotNull(outbox.ackedAt));
    expect(acked).toEqual([{ chatId: w.repA.user.id }]);

    // The progress message catches up with the acknowledgement.
    h.clock.advance(10_000);
    await deliver();
    expect(h.api.callsOf("editMessageText").filter((e) => e.chat_id === c.id).at(-1)!.text).toContain(t("broadcast-progress-acked", { acked: 1, sent: 3 }));

    // /broadcasts → details → remind only those who have not acknowledged, once a day.
    await h.send(c, "/broadcasts");
    expect(last(c).text).toContain(t("broadcast-list-figures", { sent: 3, total: 3, failed: 0, pending: 0 }));
    await h.press(c, `bc:show:${b!.id}`);
    expect(last(c).text).toContain(t("broadcast-unacked-title", { count: 2 }));
    // Each person who has not acknowledged is shown with their agency.
    expect(last(c).text).toContain(`Cán bộ B — ${w.deptB.name}`);
    expect(last(c).text).not.toContain("Cán bộ A");
    expect(buttons(c).map((x) => x.callback_data)).toEqual([`bc:remind:${b!.id}`]);
    await h.press(c, `bc:remind:${b!.id}`);
    expect(last(c).text).toBe(t("broadcast-remind-queued", { queued: 2, skipped: 0 }));
    await h.press(c, `bc:remind:${b!.id}`);
    expect(last(c).text).toBe(t("broadcast-remind-queued", { queued: 0, skipped: 2 }));
    await deliver();
    expect(last(w.repD.user).text).toBe(`${t("broadcast-remind-prefix")}\n\nHọp giao ban lúc 9h thứ Hai`);
    expect(sentTo(w.repD.user)).toHaveLength(2);
    expect(sentTo(w.repA.user)).toHaveLength(1);
    // Acknowledging from the reminder counts for the broadcast.
    await h.press(w.repD.user, `bc:ack:${b!.id}`);
    expect(callbackAnswers().at(-1)).toBe(t("broadcast-ack-thanks"));
  });

  it("cancels at any step with the button or /cancel, and queues nothing", async () => {
    const c = w.admin.user;
    const before = (await database.db.select().from(broadcasts)).length;
    await h.send(c, "/broadcast");
    await h.send(c, "Thông báo thử");
    await h.press(c, "bc:aud:kinds");
    await h.press(c, "bc:cancel");
    expect(last(c).text).toBe(t("cancelled"));
    await h.press(c, "bc:done");
    expect(callbackAnswers().at(-1)).toBe(t("button-expired"));

    await h.send(c, "/broadcast");
    await h.send(c, "Thông báo thử");
    await h.send(c, "/cancel");
    expect(last(c).text).toBe(t("cancelled"));
    await h.send(c, "tin nhắn sau khi hủy");
    expect((await database.db.select().from(broadcasts)).length).toBe(before);
  });

  it("sends a photo with its caption to chosen agencies picked across pages, without an ack button", async () => {
    // Agencies with nobody are not offered, so each has a person for this test (they leave at its end).
    const extra: number[] = [];
    for (let i = 0; i < 9; i++) {
      const a = await addAgency(database.db, "department", `Sở Phụ ${i}`);
      extra.push((await addPerson(database.db, `Cán bộ phụ ${i}`, [["reporter", a.id]])).person.id);
    }
    const c = w.coordinator.user;
    await h.send(c, "/broadcast");
    const photo = photoUpdate(c) as Update & { message: { caption?: string } };
    photo.message.caption = "Lịch tập huấn";
    await h.handle(photo);
    await h.press(c, "bc:aud:agencies");
    const firstPage = buttons(c).filter((b) => b.callback_data.startsWith("bc:tg:"));
    expect(firstPage).toHaveLength(8);
    expect(buttons(c).map((b) => b.callback_data)).toContain("bc:pg:1");
    await h.press(c, "bc:done");
    expect(callbackAnswers().at(-1)).toBe(t("broadcast-pick-none"));
    // Choose the district (page 1) by its index, then check the button shows it ticked.
    const districtButton = firstPage.find((b) => b.text.includes("Huyện C"));
    await h.press(c, districtButton!.callback_data);
    const edited = h.api.callsOf("editMessageText").at(-1) as { reply_markup: { inline_keyboard: Button[][] } };
    expect(edited.reply_markup.inline_keyboard.flat().find((b) => b.callback_data === districtButton!.callback_data)!.text).toMatch(/^☑/);
    await h.press(c, "bc:pg:1");
    await h.press(c, "bc:done");
    await h.press(c, "bc:ackq:no");
    await h.press(c, "bc:send");
    await deliver();
    const got = h.api.callsOf("sendPhoto").filter((p) => p.chat_id === w.leadC.user.id);
    expect(got).toEqual([expect.objectContaining({ photo: photo.message.photo!.at(-1)!.file_id, caption: "Lịch tập huấn" })]);
    expect(got[0]!.reply_markup).toBeUndefined();
    await database.db.update(people).set({ active: false }).where(inArray(people.id, extra));
  });

  it("targets the agencies overdue for a period", async () => {
    await periodWithSubmissions(database.db, "2026-09", "2026-10-15", [w.deptA.id]);
    const c = w.coordinator.user;
    await h.send(c, "/broadcast");
    await h.send(c, "Đề nghị nộp báo cáo kỳ 2026-09");
    await h.press(c, "bc:aud:overdue");
    const period = buttons(c).find((b) => b.text.includes("tháng 9/2026"))!;
    await h.press(c, period.callback_data);
    await h.press(c, "bc:ackq:no");
    // Sở B and Huyện C (and the nine extra departments, which have nobody) are overdue; Sở A submitted.
    expect(last(c).text).toContain(t("broadcast-preview-summary", { count: 2, audience: t("broadcast-describe-overdue", { period: "Tình hình thực hiện Kế hoạch ứng dụng CNTT, tháng 9/2026" }) }));
    await h.press(c, "bc:send");
    const [b] = await database.db.select().from(broadcasts).orderBy(broadcasts.id).limit(1).offset(2);
    const rows = await database.db.select({ chatId: outbox.chatId }).from(outbox).where(eq(outbox.broadcastId, b!.id));
    expect(rows.map((r) => r.chatId).sort()).toEqual([w.repB.user.id, w.leadC.user.id].sort());
  });

  it("the details of a broadcast with many long names stay within one message", async () => {
    const longName = (i: number) => `${"Nguyễn Thị Phương Thảo Hoàng Lê ".repeat(4).trim()} ${i}`;
    const many = [];
    for (let i = 0; i < 60; i++) many.push(await addPerson(database.db, longName(i), [["reporter", w.deptA.id]]));
    const made = await createBroadcast(database.db, {
      content: { text: "Họp giao ban", entities: null, mediaKind: null, mediaFileId: null },
      audience: { type: "all" },
      requireAck: true,
      createdBy: w.coordinator.person.id,
      recipients: many.map((p) => ({ personId: p.person.id, chatId: p.user.id, locale: "vi" })),
      wording: { ackLabel: () => "OK" },
      now: h.clock.now(),
    });
    const rows = await database.db.select({ id: outbox.id }).from(outbox).where(eq(outbox.broadcastId, made.id)).orderBy(outbox.id);
    for (const [i, r] of rows.entries())
      await database.db.update(outbox).set(i < 45 ? { status: "sent" } : { status: "failed", error: "x".repeat(200) }).where(eq(outbox.id, r.id));
    await h.press(w.coordinator.user, `bc:show:${made.id}`);
    const shown = last(w.coordinator.user).text!;
    expect(shown).toContain(longName(0));
    expect(shown.length).toBeLessThanOrEqual(4096);
  });
});
