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
    await seedDemoProvince(database.db);
    await summariesDemoSeed.run(h.deps);
  });
  afterAll(() => database.close());

  it("fills twelve months before the current one, leaving the named agencies out of the latest", async () => {
    // The harness clock is 2026-11-20: the current monthly window is 2026-12, so 2025-12 … 2026-11 are seeded.
    const latest = (await latestReportedPeriod(database.db, "it-plan"))!;
    expect(latest.periodKey).toBe("2026-11");
    const statuses = await loadSubmissionStatuses(database.db, latest.id, null);
    const missing = await demoAgencyId(database.db, "SO-TTTT");
    expect(statuses.some((s) => s.agencyId === missing)).toBe(false);
    expect(statuses.length).toBeGreaterThan(20);
    expect(statuses.some((s) => s.onTime === false)).toBe(true);
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
    expect(out).toContain("TỔNG HỢP BÁO CÁO tháng 11/2026");
    expect(out).toContain("Sở Thông tin và Truyền thông");
    expect(out).toMatch(/[↑↓]/);
    expect(out).toContain("⚠");
    expect(out).toContain("Khó khăn, vướng mắc");
  });
});
