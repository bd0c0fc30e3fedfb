// /delegate with pickers: agency, then person (its people or a name search), then days from buttons or words.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import { outbox } from "../../../src/features/outbox/outbox.table.ts";
import { auditLog, memberships, people } from "../../../src/features/people/people.table.ts";
import { decodeDelegateButton, encodeDelegateButton } from "../../../src/features/reports/delegate.conversation.ts";
import { delegations } from "../../../src/features/reports/reports.table.ts";
import { createBotHarness, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import type { TestUser } from "../../support/updates.ts";
import { personWithRoles, seedSmallProvince } from "../admin/fixtures.ts";

type Button = { text: string; callback_data: string };
type Sent = { chat_id: number; text?: string; reply_markup?: { inline_keyboard: Button[][] } };

describe("the /delegate callback codec", () => {
  it("round-trips and stays within Telegram's 64 bytes; refuses what it did not make", () => {
    for (const b of [{ kind: "person", personId: 999_999_999 }, { kind: "from", day: "2026-12-31" }, { kind: "to", day: "2027-01-31" }, { kind: "people-page", page: 12 }, { kind: "ok" }] as const) {
      const data = encodeDelegateButton(b);
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
      expect(decodeDelegateButton(data)).toEqual(b);
    }
    for (const bad of ["dg:u:", "dg:u:1234567890", "dg:f:2026-1-1", "dg:x:2026-12-31", "dg:okk", "rg:u:1"]) expect(decodeDelegateButton(bad)).toBeUndefined();
  });
});

describe("/delegate by pickers", () => {
  let database: Database;
  let h: BotHarness;
  let p: Awaited<ReturnType<typeof seedSmallProvince>>;
  const coordinator: TestUser = { id: 9400, first_name: "Điều phối" };
  const healthRep: TestUser = { id: 9401, first_name: "Trần Y Tá" };
  const financeRep: TestUser = { id: 9402, first_name: "Lê Thu Ngân" };
  const gone: TestUser = { id: 9403, first_name: "Lê Thu Nghỉ" };
  const leader: TestUser = { id: 9404, first_name: "Lãnh đạo" };
  let ids: Record<string, number>;

  const sent = (u: TestUser) => h.api.callsOf("sendMessage").filter((c) => (c as Sent).chat_id === u.id) as Sent[];
  const buttons = (u: TestUser) => (sent(u).at(-1)?.reply_markup?.inline_keyboard ?? []).flat();
  const last = (u: TestUser) => h.api.textsTo(u.id).at(-1) ?? "";

  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database); // today: 20/11/2026
    p = await seedSmallProvince(database.db, "DG");
    ids = {
      coordinator: await personWithRoles(database.db, coordinator, [{ role: "coordinator", agencyId: null }]),
      healthRep: await personWithRoles(database.db, healthRep, [{ role: "reporter", agencyId: p.health.id }]),
      financeRep: await personWithRoles(database.db, financeRep, [{ role: "reporter", agencyId: p.finance.id }]),
      gone: await personWithRoles(database.db, gone, [{ role: "reporter", agencyId: p.finance.id }]),
      leader: await personWithRoles(database.db, leader, [{ role: "leader", agencyId: null }]),
    };
    await database.db.update(people).set({ active: false }).where(eq(people.id, ids.gone!));
  });
  afterAll(() => database.close());

  it("picks the agency, offers its people, finds another by name, takes days from a button and from words, and makes the delegation after a confirmation", async () => {
    await h.send(coordinator, "/delegate");
    await h.press(coordinator, `dg:a:${p.health.id}`);
    expect(last(coordinator)).toBe(h.deps.t("vi", "delegate-pick-person", { agency: "Sở Y tế" }));
    expect(buttons(coordinator)).toEqual([{ text: "Trần Y Tá", callback_data: `dg:u:${ids.healthRep}` }]);
    // A person the picker did not offer, forged: not taken.
    await h.press(coordinator, `dg:u:${ids.financeRep}`);
    expect(last(coordinator)).toBe(h.deps.t("vi", "delegate-pick-person", { agency: "Sở Y tế" }));
    // An inactive person is not found; "le thu" (no diacritics) finds only the active one, who is picked at once.
    await h.send(coordinator, "nghỉ");
    expect(last(coordinator)).toContain("nghỉ");
    await h.send(coordinator, "le thu");
    expect(last(coordinator)).toContain("Lê Thu Ngân");
    // A start day not offered, forged: nothing happens; the offered "today" is taken.
    await h.press(coordinator, "dg:f:2030-01-01");
    await h.press(coordinator, "dg:f:2026-11-20");
    // An end before the start is refused; words are understood.
    await h.send(coordinator, "19/11/2026");
    expect(last(coordinator)).toBe(h.deps.t("vi", "report-delegate-error-bad-range"));
    await h.send(coordinator, "đến hết tháng 12");
    expect(last(coordinator)).toBe(h.deps.t("vi", "delegate-confirm", { name: "Lê Thu Ngân", agency: "Sở Y tế", from: "20/11/2026", to: "31/12/2026" }));
    expect(await database.db.select().from(delegations)).toEqual([]);
    await h.press(coordinator, "dg:ok");
    const rows = await database.db.select().from(delegations);
    expect(rows.map((r) => [r.agencyId, r.personId, r.fromOn, r.toOn])).toEqual([[p.health.id, ids.financeRep, "2026-11-20", "2026-12-31"]]);
    expect(last(coordinator)).toBe(h.deps.t("vi", "report-delegated", { agency: "Sở Y tế", name: "Lê Thu Ngân", from: "20/11/2026", to: "31/12/2026" }));
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.action, "delegation.create"));
    expect(audit).toHaveLength(1);
    const notice = await database.db.select().from(outbox).where(and(eq(outbox.kind, "report-delegated"), eq(outbox.chatId, financeRep.id)));
    expect(notice).toHaveLength(1);
    // The finished picker's buttons do nothing more.
    await h.press(coordinator, "dg:ok");
    expect(await database.db.select().from(delegations)).toHaveLength(1);
  });

  it("checks the coordinator's role again when the delegation is made", async () => {
    await h.send(coordinator, "/delegate");
    await h.send(coordinator, "tài chính");
    await h.press(coordinator, `dg:u:${ids.financeRep}`);
    await h.press(coordinator, "dg:f:2026-11-21");
    await h.press(coordinator, "dg:t:2026-11-30");
    // Demoted in the meantime (another coordinator, or the CLI): the confirmation makes nothing.
    await database.db.update(memberships).set({ role: "leader" }).where(eq(memberships.personId, ids.coordinator!));
    await h.press(coordinator, "dg:ok");
    await database.db.update(memberships).set({ role: "coordinator" }).where(eq(memberships.personId, ids.coordinator!));
    expect(await database.db.select().from(delegations)).toHaveLength(1);
  });

  it("pages through every person of the agency, and takes a person from a later page", async () => {
    // Eleven more reporters of the province: more than one page of buttons.
    const extra: number[] = [];
    for (let i = 0; i < 11; i++)
      extra.push(await personWithRoles(database.db, { id: 9500 + i, first_name: `Phạm Tỉnh ${String(i).padStart(2, "0")}` }, [{ role: "reporter", agencyId: p.province.id }]));
    await h.send(coordinator, "/delegate");
    await h.press(coordinator, `dg:a:${p.province.id}`);
    expect(last(coordinator)).toContain(h.deps.t("vi", "delegate-people-page", { page: 1, pages: 2 }));
    const first = buttons(coordinator);
    expect(first.filter((b) => b.callback_data.startsWith("dg:u:"))).toHaveLength(8);
    expect(first.at(-1)).toEqual({ text: "›", callback_data: "dg:n:1" });
    // A page that does not exist changes nothing.
    const edits = h.api.callsOf("editMessageText").length;
    await h.press(coordinator, "dg:n:7");
    expect(h.api.callsOf("editMessageText")).toHaveLength(edits);
    await h.press(coordinator, "dg:n:1");
    const edited = h.api.callsOf("editMessageText").at(-1) as { text: string; reply_markup: { inline_keyboard: Button[][] } };
    expect(edited.text).toContain(h.deps.t("vi", "delegate-people-page", { page: 2, pages: 2 }));
    const second = edited.reply_markup.inline_keyboard.flat();
    expect(second.filter((b) => b.callback_data.startsWith("dg:u:")).map((b) => b.text)).toEqual(["Phạm Tỉnh 08", "Phạm Tỉnh 09", "Phạm Tỉnh 10"]);
    expect(second.at(-1)).toEqual({ text: "‹", callback_data: "dg:n:0" });
    // The last person, only on the second page, is taken.
    await h.press(coordinator, `dg:u:${extra[10]}`);
    expect(last(coordinator)).toBe(h.deps.t("vi", "delegate-ask-from", { name: "Phạm Tỉnh 10", agency: "Tỉnh DG" }));
    await h.send(coordinator, "/cancel");
  });

  it("keeps the typed form, and refuses the picker to a leader", async () => {
    await h.send(coordinator, `/delegate ${p.finance.code} ${healthRep.id} 21/11/2026 30/11/2026`);
    expect(last(coordinator)).toBe(h.deps.t("vi", "report-delegated", { agency: "Sở Tài chính", name: "Trần Y Tá", from: "21/11/2026", to: "30/11/2026" }));
    expect(await database.db.select().from(delegations)).toHaveLength(2);
    await h.send(leader, "/delegate");
    expect(last(leader)).toBe(h.deps.t("vi", "access-denied"));
    await h.press(leader, `dg:a:${p.health.id}`);
    await h.press(leader, "dg:ok");
    expect(await database.db.select().from(delegations)).toHaveLength(2);
  });
});
