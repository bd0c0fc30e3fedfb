import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import { demoAgencyId, seedDemoProvince } from "../../../src/demo/demo-province.ts";
import { seedPastReports } from "../../../src/features/summaries/past-reports.seed.ts";
import { summariesDemoSeed } from "../../../src/features/summaries/summaries.demo-seed.ts";
import { latestReportedPeriod, loadSubmissionStatuses } from "../../../src/features/summaries/summaries.repository.ts";
import { createBotHarness, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";

describe("demo past reports", () => {
  let database: Database;
  let h: BotHarness;
  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database);
    await seedDemoProvince(database.db, h.clock.now());
    await summariesDemoSeed.run(h.deps);
  });
  afterAll(() => database.close());

  it("fills nineteen months before the current one, leaving the named agencies out of the latest", async () => {
    // The harness clock is 2026-11-20: the current monthly window is 2026-12, so 2025-05 … 2026-11 are seeded.
    const latest = (await latestReportedPeriod(database.db, "it-plan"))!;
    expect(latest.periodKey).toBe("2026-11");
    const statuses = await loadSubmissionStatuses(database.db, latest.id, null);
    const missing = await demoAgencyId(database.db, "SO-KHCN");
    expect(statuses.some((s) => s.agencyId === missing)).toBe(false);
    expect(statuses.length).toBeGreaterThan(15);
    const { findPeriod } = await import("../../../src/features/reports/periods.repository.ts");
    const before = await loadSubmissionStatuses(database.db, (await findPeriod(database.db, "it-plan", "2026-10"))!.id, null);
    expect([...statuses, ...before].some((s) => s.onTime === false)).toBe(true);
  });

  it("crosses the reform of 1/7/2025: districts report until June 2025, communes from July, departments throughout", async () => {
    const { findPeriod } = await import("../../../src/features/reports/periods.repository.ts");
    const reporters = async (key: string) => {
      const period = (await findPeriod(database.db, "it-plan", key))!;
      return new Set((await loadSubmissionStatuses(database.db, period.id, null)).filter((s) => s.reported).map((s) => s.agencyId));
    };
    const [june, july] = [await reporters("2025-06"), await reporters("2025-07")];
    const id = (code: string) => demoAgencyId(database.db, code);
    expect(june.has(await id("UBND-BIENHOA"))).toBe(true);
    expect(june.has(await id("P-TRANBIEN"))).toBe(false);
    expect(july.has(await id("UBND-BIENHOA"))).toBe(false);
    expect(july.has(await id("P-TRANBIEN"))).toBe(true);
    expect(june.has(await id("SO-TC")) && july.has(await id("SO-TC"))).toBe(true);
  });

  it("is idempotent", async () => {
    const again = await seedPastReports(database.db, { templateId: "it-plan", months: 12, now: h.clock.now(), today: "2026-11-20" });
    expect(again).toHaveLength(12);
    const latest = (await latestReportedPeriod(database.db, "it-plan"))!;
    const statuses = await loadSubmissionStatuses(database.db, latest.id, null);
    expect(new Set(statuses.map((s) => s.agencyId)).size).toBe(statuses.length);
  });

  it("gives the demo leader a summary with trends, flags and text", async () => {
    const leader = { id: 100_003, first_name: "Võ Văn Thành" };
    await h.send(leader, "/summary");
    const out = h.api.textsTo(leader.id).join("\n");
    expect(out).toContain("TÓM TẮT tháng 11/2026");
    expect(out).toMatch(/tăng|giảm/);
    expect(out).toMatch(/Cảnh báo số liệu: [1-9]/);
    expect(out).toContain("Khó khăn, vướng mắc");
    // The full text behind its button names the agencies and their warnings.
    const digest = h.api.callsOf("sendMessage").at(-1)!;
    const keyboard = (digest.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard.flat();
    await h.press(leader, keyboard.find((b) => b.text === "Toàn văn")!.callback_data);
    expect(String(h.api.callsOf("editMessageText").at(-1)!.text)).toContain("Sở Khoa học và Công nghệ");
    await h.press(leader, keyboard.find((b) => b.text.startsWith("Cảnh báo ("))!.callback_data);
    expect(String(h.api.callsOf("editMessageText").at(-1)!.text)).toContain("⚠");
  });
});
