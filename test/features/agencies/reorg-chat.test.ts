import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import { agencies } from "../../../src/features/agencies/agencies.table.ts";
import { agencySuccessions } from "../../../src/features/agencies/agency-lifecycle.table.ts";
import { recentAudit } from "../../../src/audit/audit.repository.ts";
import { suggestAgencyCode } from "../../../src/features/agencies/agency-code.ts";
import { parseDateWords } from "../../../src/features/calendar/date-words.ts";
import { createBotHarness, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import type { TestUser } from "../../support/updates.ts";
import { personWithRoles, seedSmallProvince } from "../admin/fixtures.ts";

describe("dates in words", () => {
  it.each([
    ["đến hết tháng 12", "2026-12-31"],
    ["hết tháng 2", "2027-02-28"],
    ["hết tháng này", "2026-11-30"],
    ["đầu tháng sau", "2026-12-01"],
    ["ngày mai", "2026-11-21"],
    ["5/1", "2027-01-05"],
    ["25/12", "2026-12-25"],
    ["31/12/2026", "2026-12-31"],
    ["end of December", "2026-12-31"],
    ["hết tuần này", "2026-11-22"],
  ])("%s → %s (today 20/11/2026)", (input, want) => expect(parseDateWords(input, "2026-11-20")).toBe(want));
  it.each(["tháng 13", "hết tháng 13", "31/2", "mai kia", ""])("%s is no day", (input) => expect(parseDateWords(input, "2026-11-20")).toBeUndefined());
});

describe("/reorg in chat", () => {
  let database: Database;
  let h: BotHarness;
  let p: Awaited<ReturnType<typeof seedSmallProvince>>;
  const coordinator: TestUser = { id: 9300, first_name: "Điều phối" };
  const leader: TestUser = { id: 9301, first_name: "Lãnh đạo" };
  let coordinatorId: number;
  const t = (key: string, args?: Record<string, string | number>) => h.deps.t("vi", key, args);
  const last = () => h.api.textsTo(coordinator.id).at(-1) ?? "";
  type Button = { text: string; callback_data: string };
  const buttons = () =>
    ((h.api.callsOf("sendMessage").filter((c) => (c as { chat_id: number }).chat_id === coordinator.id).at(-1) as { reply_markup?: { inline_keyboard: Button[][] } })
      ?.reply_markup?.inline_keyboard ?? []).flat();

  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database);
    p = await seedSmallProvince(database.db, "RG");
    coordinatorId = await personWithRoles(database.db, coordinator, [{ role: "coordinator", agencyId: null }]);
    await personWithRoles(database.db, leader, [{ role: "leader", agencyId: null }]);
  });
  afterAll(() => database.close());

  it("renames an agency picked by typing part of its name", async () => {
    await h.send(coordinator, "/reorg");
    await h.send(coordinator, "y te");
    expect(h.api.textsTo(coordinator.id).at(-1)).toBe(h.deps.t("vi", "reorg-pick-action", { agency: "Sở Y tế", code: "RG-SYT" }));
    await h.press(coordinator, "rg:do:rename");
    await h.send(coordinator, "Sở Y tế và Dân số");
    const [a] = await database.db.select().from(agencies).where(eq(agencies.id, p.health.id));
    expect(a!.name).toBe("Sở Y tế và Dân số");
  });

  it("merges an agency into another from a day picked with a button, after a confirmation", async () => {
    await h.send(coordinator, "/reorg");
    await h.press(coordinator, `rg:a:${p.finance.id}`);
    await h.press(coordinator, "rg:do:merge");
    await h.press(coordinator, "rg:m:go");
    // The agency itself is not offered as its own successor, even forged.
    await h.press(coordinator, `rg:a:${p.finance.id}`);
    await h.send(coordinator, "dân số");
    await h.press(coordinator, "rg:d:2030-01-01");
    expect(await database.db.select().from(agencySuccessions)).toEqual([]);
    await h.press(coordinator, "rg:d:2026-11-20");
    await h.press(coordinator, "rg:ok");
    const [s] = await database.db.select().from(agencySuccessions);
    expect([s!.predecessorId, s!.successorId, s!.effectiveOn]).toEqual([p.finance.id, p.health.id, "2026-11-20"]);
    const [fin] = await database.db.select().from(agencies).where(eq(agencies.id, p.finance.id));
    expect(fin!.active).toBe(false);
    expect(h.api.textsTo(coordinator.id).at(-1)).toContain("Sở Tài chính");
  });

  it("merges two agencies into a new one created in the flow (name, code, kind, parent), from a day in words, audited like the CLI", async () => {
    const q = await seedSmallProvince(database.db, "RN");
    await h.send(coordinator, "/reorg");
    await h.press(coordinator, `rg:a:${q.health.id}`);
    await h.press(coordinator, "rg:do:merge");
    await h.press(coordinator, "rg:m:add");
    // The agency already in the merge is not offered again, even forged.
    await h.press(coordinator, `rg:a:${q.health.id}`);
    await h.press(coordinator, `rg:a:${q.finance.id}`);
    expect(last()).toBe(t("reorg-merge-predecessors", { count: 2, list: "• Sở Y tế (RN-SYT)\n• Sở Tài chính (RN-STC)" }));
    await h.press(coordinator, "rg:m:go");
    // Neither merging agency is offered as the successor; "a new agency" is.
    const successorButtons = buttons();
    expect(successorButtons[0]).toEqual({ text: t("reorg-successor-new"), callback_data: "rg:x:new" });
    expect(successorButtons.map((b) => b.callback_data)).not.toContain(`rg:a:${q.finance.id}`);
    await h.press(coordinator, "rg:x:new");
    await h.send(coordinator, "Sở Y tế – Tài chính RN");
    expect(last()).toBe(t("reorg-ask-code", { name: "Sở Y tế – Tài chính RN", code: "SYTTCRN" }));
    await h.send(coordinator, "mã có dấu");
    expect(last()).toBe(t("reorg-code-invalid"));
    await h.send(coordinator, "rn-tinh");
    expect(last()).toBe(t("reorg-error-code-taken"));
    await h.press(coordinator, "rg:c:ok");
    expect(buttons().map((b) => b.callback_data)).toContain("rg:k:department");
    await h.press(coordinator, "rg:k:nosuchkind");
    await h.press(coordinator, "rg:k:department");
    await h.press(coordinator, `rg:a:${q.province.id}`);
    await h.send(coordinator, "đầu tháng sau");
    const confirm = last();
    expect(confirm).toContain(t("reorg-merge-confirm-title", { date: "01/12/2026", count: 2 }));
    expect(confirm).toContain("• Sở Y tế (RN-SYT)\n• Sở Tài chính (RN-STC)");
    expect(confirm).toContain(
      t("reorg-merge-confirm-new", { successor: "Sở Y tế – Tài chính RN", code: "SYTTCRN", kind: t("agency-kind-department"), parent: "Tỉnh RN", date: "01/12/2026" }),
    );
    expect(buttons().map((b) => b.callback_data)).toEqual(["rg:ok", "rg:no"]);
    // Nothing changes before the confirmation.
    expect(await database.db.select().from(agencies).where(eq(agencies.code, "SYTTCRN"))).toEqual([]);
    await h.press(coordinator, "rg:ok");
    expect(last()).toBe(t("reorg-done-merge", { agency: "Sở Y tế, Sở Tài chính", successor: "Sở Y tế – Tài chính RN", date: "01/12/2026" }));
    const [created] = await database.db.select().from(agencies).where(eq(agencies.code, "SYTTCRN"));
    expect([created!.name, created!.kind, created!.parentId, created!.startsOn]).toEqual(["Sở Y tế – Tài chính RN", "department", q.province.id, "2026-12-01"]);
    const succ = await database.db.select().from(agencySuccessions).where(eq(agencySuccessions.successorId, created!.id));
    expect(succ.map((s) => [s.predecessorId, s.effectiveOn]).sort()).toEqual([[q.health.id, "2026-12-01"], [q.finance.id, "2026-12-01"]].sort());
    const [health] = await database.db.select().from(agencies).where(eq(agencies.id, q.health.id));
    // Merged from a later day: still active until then, ending on that day.
    expect([health!.active, health!.endsOn]).toEqual([true, "2026-12-01"]);
    const audit = (await recentAudit(database.db, 10)).filter((a) => a.actorPersonId === coordinatorId);
    expect(audit.map((a) => `${a.action} ${a.target}`)).toEqual(
      expect.arrayContaining(["agency.create agency:SYTTCRN", "agency.merge agency:RN-SYT", "agency.merge agency:RN-STC"]),
    );
    expect(audit.find((a) => a.target === "agency:RN-SYT")!.after).toEqual({ successor: "SYTTCRN", effectiveOn: "2026-12-01" });
  });

  it("a merge cancelled at the confirmation changes nothing", async () => {
    await h.send(coordinator, "/reorg");
    await h.press(coordinator, `rg:a:${p.bienHoa.id}`);
    await h.press(coordinator, "rg:do:merge");
    await h.press(coordinator, "rg:m:go");
    await h.press(coordinator, `rg:a:${p.province.id}`);
    await h.press(coordinator, "rg:d:2026-11-20");
    expect(last()).toContain(t("reorg-merge-confirm-into", { successor: "Tỉnh RG", code: "RG-TINH" }));
    await h.press(coordinator, "rg:no");
    expect(last()).toBe(t("reorg-cancelled"));
    expect(await database.db.select().from(agencySuccessions).where(eq(agencySuccessions.predecessorId, p.bienHoa.id))).toEqual([]);
    const [bh] = await database.db.select().from(agencies).where(eq(agencies.id, p.bienHoa.id));
    expect([bh!.active, bh!.endsOn]).toEqual([true, null]);
  });

  it("a district merged into one of its own communes: the commune takes the district's place, never its own parent", async () => {
    await h.send(coordinator, "/reorg");
    await h.press(coordinator, `rg:a:${p.bienHoa.id}`);
    await h.press(coordinator, "rg:do:merge");
    await h.press(coordinator, "rg:m:go");
    await h.press(coordinator, `rg:a:${p.commune.id}`);
    await h.press(coordinator, "rg:d:2026-11-20");
    await h.press(coordinator, "rg:ok");
    const [commune] = await database.db.select().from(agencies).where(eq(agencies.id, p.commune.id));
    expect([commune!.parentId, commune!.active]).toEqual([p.province.id, true]);
    const audit = (await recentAudit(database.db, 5)).find((a) => a.action === "agency.move" && a.target === "agency:RG-BH-TP")!;
    expect([audit.before, audit.after]).toEqual([{ parentCode: "RG-BH" }, { parentCode: "RG-TINH" }]);
  });

  it.each([
    ["UBND phường Trấn Biên", [], "UBNDPTB"],
    ["Sở Y tế – Tài chính RN", [], "SYTTCRN"],
    ["Đặc khu Côn Đảo", ["DKCD"], "DKCD-2"],
    ["UBND xã Đồng Tâm", ["UBNDXDT", "UBNDXDT-2"], "UBNDXDT-3"],
    ["A", [], "A"],
  ])("suggests a code for %s", (name, taken, want) => expect(suggestAgencyCode(name, new Set(taken as string[]))).toBe(want));

  it("is refused to a leader", async () => {
    await h.send(leader, "/reorg");
    expect(h.api.textsTo(leader.id).at(-1)).toBe(h.deps.t("vi", "access-denied"));
  });
});
