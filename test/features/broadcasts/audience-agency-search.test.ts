// The broadcast audience "agencies": head counts, agencies with nobody hidden, search by name.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import { broadcasts } from "../../../src/features/outbox/outbox.table.ts";
import { people } from "../../../src/features/people/people.table.ts";
import { createBotHarness, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import type { TestUser } from "../../support/updates.ts";
import { addAgency, addPerson } from "../reports/report-fixtures.ts";
import { seedBroadcastWorld } from "./fixtures.ts";

type Button = { text: string; callback_data: string };
type Sent = { chat_id: number; text?: string; reply_markup?: { inline_keyboard: Button[][] } };

describe("broadcast audience: agencies", () => {
  let database: Database;
  let h: BotHarness;
  let w: Awaited<ReturnType<typeof seedBroadcastWorld>>;
  const t = (key: string, args?: Record<string, string | number>) => h.deps.t("vi", key, args);
  const lastOf = (method: string, u: TestUser) => h.api.callsOf(method).filter((c) => (c as Sent).chat_id === u.id).at(-1) as Sent;
  const labels = (m: Sent) => (m.reply_markup?.inline_keyboard ?? []).flat().filter((b) => b.callback_data.startsWith("bc:tg:")).map((b) => b.text);

  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database);
    w = await seedBroadcastWorld(database.db);
    await addPerson(database.db, "Cán bộ A2", [["reporter", w.deptA.id]]);
    // An agency with nobody, and one whose only person has left: neither is offered.
    await addAgency(database.db, "department", "Sở Trống");
    const left = await addAgency(database.db, "department", "Sở Nghỉ");
    const gone = await addPerson(database.db, "Đã nghỉ", [["reporter", left.id]]);
    await database.db.update(people).set({ active: false }).where(eq(people.id, gone.person.id));
  });
  afterAll(() => database.close());

  it("shows each agency's active people, hides agencies with nobody, narrows by typed name and keeps choices across searches", async () => {
    const c = w.coordinator.user;
    await h.send(c, "/broadcast");
    await h.send(c, "Thông báo tập huấn");
    await h.press(c, "bc:aud:agencies");
    expect(labels(lastOf("sendMessage", c)).sort()).toEqual(["☐ Huyện C · 1 người", "☐ Sở A · 2 người", "☐ Sở B · 1 người", "☐ Xã D · 1 người"].sort());
    // Typed words search (no diacritics needed) and show only the matches.
    await h.send(c, "huyen");
    const found = lastOf("sendMessage", c);
    expect(found.text).toContain(t("broadcast-search-showing", { query: "huyen", count: 1 }));
    expect(labels(found)).toEqual(["☐ Huyện C · 1 người"]);
    await h.press(c, found.reply_markup!.inline_keyboard.flat().find((b) => b.text.includes("Huyện C"))!.callback_data);
    // A name that matches nothing offered (an empty agency) says so.
    await h.send(c, "trống");
    expect(lastOf("sendMessage", c).text).toBe(t("broadcast-search-none", { query: "trống" }));
    await h.send(c, "sở a");
    const a = lastOf("sendMessage", c);
    await h.press(c, a.reply_markup!.inline_keyboard.flat().find((b) => b.text.includes("Sở A"))!.callback_data);
    // "All" again: both choices ticked.
    await h.press(c, "bc:all");
    const all = lastOf("editMessageText", c);
    expect(labels(all).filter((l) => l.startsWith("☑")).sort()).toEqual(["☑ Huyện C · 1 người", "☑ Sở A · 2 người"]);
    // A forged index out of range changes nothing.
    await h.press(c, "bc:tg:99");
    await h.press(c, "bc:done");
    await h.press(c, "bc:ackq:no");
    await h.press(c, "bc:send");
    const [b] = await database.db.select().from(broadcasts);
    expect(b!.audience).toEqual({ type: "agencies", agencyIds: [w.deptA.id, w.district.id].sort((x, y) => x - y) });
  });
});
