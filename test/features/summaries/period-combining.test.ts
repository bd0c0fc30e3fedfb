import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import { submissions } from "../../../src/features/reports/reports.table.ts";
import { createBotHarness, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import { addPerson, PEOPLE, seedSummariesFixture, type Fixture } from "./summaries-fixture.ts";

/**
 * A quarter and a year of a monthly template add their months up (the fixture declares total and online as
 * flows, `combine: sum`, services as a stock, `combine: last`). Each month D1 files 100 dossiers (50 online)
 * and 10 services, D2 the same with 20 services, H1 with 5; H1's August report is taken away here. October:
 * D1 100 dossiers (60 online) and 12 services; D2 1,000 dossiers and 22 services, late; H1 nothing.
 */
describe("periods that combine months, through the bot", () => {
  let database: Database;
  let h: BotHarness;
  let fx: Fixture;
  const t = (key: string, args?: Record<string, string | number>) => h.deps.t("vi", key, args);
  const texts = (id: number) => h.api.textsTo(id).join("\n");
  /** The command's short answer, then its full text ("Toàn văn", which edits the message), joined. */
  const fullAnswer = async (person: { id: number; first_name: string }, command: string) => {
    await h.send(person, command);
    const digest = h.api.callsOf("sendMessage").at(-1)!;
    const rows = (digest.reply_markup as { inline_keyboard: { text: string; callback_data?: string }[][] }).inline_keyboard;
    const full = rows.flat().find((b) => b.text === t("summaries-button-full"))?.callback_data;
    expect(full).toBeDefined();
    await h.press(person, full!, 77);
    return [String(digest.text), ...h.api.callsOf("editMessageText").map((c) => String(c.text))].join("\n");
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database);
    fx = await seedSummariesFixture(database.db, h.clock.now());
    await database.db.delete(submissions).where(and(eq(submissions.periodId, fx.periodIds["2026-08"]!), eq(submissions.agencyId, fx.ids.h1)));
    await addPerson(database.db, PEOPLE.provinceLeader, [["leader", null]]);
    await addPerson(database.db, PEOPLE.districtLeader, [["leader", fx.ids.h1]]);
  });
  afterAll(() => database.close());
  beforeEach(() => h.api.clear());

  it("/summary quý 3: flows summed, stocks at their latest month, the share from the sums, the months covered and who misses one", async () => {
    const out = await fullAnswer(PEOPLE.provinceLeader, "/summary quý 3");
    expect(out).toContain("TÓM TẮT quý III/2026");
    expect(out).not.toContain(t("summaries-period-fallback", { asked: "quý III/2026", shown: "tháng 9/2026" }));
    expect(out).toContain("Gồm tháng 7–9/2026.");
    expect(out).toContain(t("summaries-coverage-missing", { count: 1, agencies: "UBND huyện Xuân Lộc (tháng 8/2026)" }));
    // Every agency filed at least one month of the quarter.
    expect(out).toContain(t("summaries-completion-line", { reported: 3, required: 3, onTime: 3, late: 0, missing: 0 }));
    // Dossiers: D1 300 + D2 300 + H1 200 (two months); services: the latest month of each, 10 + 20 + 5.
    expect(out).toMatch(/Tổng số hồ sơ\n {2}Tổng: 800\n/);
    expect(out).toMatch(/Số dịch vụ công trực tuyến\n {2}Tổng: 35\n/);
    // Online share: (150 + 150 + 100) / 800.
    expect(out).toMatch(/Tỷ lệ hồ sơ trực tuyến \(%\)\n {2}50%/);
    // The buttons act on the quarter, not its last month.
    const digest = h.api.callsOf("sendMessage").at(-1)!;
    expect(JSON.stringify(digest.reply_markup)).toContain(`sd:s${fx.periodIds["2026-09"]}.2026-Q3:`);
  });

  it("/summary năm 2026 takes every month due, compares nothing it cannot, and counts October's late filer as late", async () => {
    const out = await fullAnswer(PEOPLE.provinceLeader, "/summary năm 2026");
    expect(out).toContain("TÓM TẮT năm 2026");
    expect(out).toContain("Gồm tháng 7–10/2026.");
    expect(out).toContain(t("summaries-completion-line", { reported: 3, required: 3, onTime: 2, late: 1, missing: 0 }));
    // Dossiers: D1 400, D2 300 + 1,000, H1 200; services: D1 12, D2 22 (October), H1 5 (September).
    expect(out).toMatch(/Tổng số hồ sơ\n {2}Tổng: 1\.900\n/);
    expect(out).toMatch(/Số dịch vụ công trực tuyến\n {2}Tổng: 39\n/);
    expect(out).toContain("UBND huyện Xuân Lộc (tháng 8/2026, tháng 10/2026)");
  });

  it("the quarter's CSV from its button holds the combined figures; a forged window around another month is refused", async () => {
    await h.press(PEOPLE.provinceLeader, `summaries:export:csv:${fx.periodIds["2026-09"]}.2026-Q3`);
    const doc = h.api.calls.find((c) => c.method === "sendDocument")!;
    expect(Object.values(doc.files)[0]!.filename).toBe("sum-test-2026-Q3.csv");
    const csv = Object.values(doc.files)[0]!.data.toString("utf8");
    const line = (name: string) => csv.split(/\r?\n/).find((l) => l.includes(name)) ?? "";
    expect(line("Sở Tài chính")).toMatch(/[,;]300[,;]/);
    expect(line("UBND huyện Xuân Lộc")).toMatch(/[,;]200[,;]/);
    h.api.clear();
    await h.press(PEOPLE.provinceLeader, `summaries:export:csv:${fx.periodIds["2026-10"]}.2026-Q3`);
    expect(h.api.calls.find((c) => c.method === "sendDocument")).toBeUndefined();
  });

  it("a leader of one agency sees the quarter of that agency only", async () => {
    const out = await fullAnswer(PEOPLE.districtLeader, "/summary quý 3");
    expect(out).toContain("TÓM TẮT quý III/2026");
    expect(out).toMatch(/Tổng số hồ sơ\n {2}Tổng: 200\n/);
    expect(out).not.toContain("Sở Tài chính");
  });

  it("/compare over a quarter ranks the combined shares", async () => {
    await h.send(PEOPLE.provinceLeader, "/compare quý 3 tỷ lệ hồ sơ trực tuyến");
    expect(texts(PEOPLE.provinceLeader.id)).toMatch(/quý III\/2026[\s\S]*Sở Tài chính: 50%/);
  });
});
