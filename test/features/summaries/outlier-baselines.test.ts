import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, sql, type Database } from "../../../src/db/client.ts";
import { grantRole, upsertPerson } from "../../../src/features/people/people.repository.ts";
import { openPeriod } from "../../../src/features/reports/periods.repository.ts";
import { draftAnswers } from "../../../src/features/reports/reports.table.ts";
import { ensureSubmission, submitFiling } from "../../../src/features/reports/submissions.repository.ts";
import { buildPeriodSummary } from "../../../src/features/summaries/period-summary.ts";
import { findPeriodById, loadAgencies } from "../../../src/features/summaries/summaries.repository.ts";
import { visibilityOf } from "../../../src/features/summaries/visibility.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import { seedSummariesFixture, TEST_TEMPLATE, type Fixture } from "./summaries-fixture.ts";

/**
 * The outlier flag compares each agency's answers with its own history. Those baselines are written as reports
 * are submitted (in the submit transaction), so a summary reads them and computes nothing. The fixture's months
 * 2026-07 … 2026-10 were filled in bulk (no submit), as a seed or an old database would be.
 */
describe("outlier baselines are kept on submit, not computed on first read", () => {
  let database: Database;
  let fx: Fixture;
  let novemberId: number;
  const reporters = new Map<number, number>();
  const now = new Date("2026-11-20T02:00:00Z");

  const values = (services: number, total: number) => ({
    docs_pct: 80, services, total, online: 50, budget: 1_000_000_000, disbursed: 500_000_000, status: "on_schedule",
    difficulties: "Không có.",
  });
  /** Files a report through the reporters' own path: the draft, then submitFiling. */
  const file = async (periodId: number, agencyId: number, answers: Record<string, unknown>) => {
    const s = await ensureSubmission(database.db, periodId, agencyId, now);
    await database.db.delete(draftAnswers).where(sql`submission_id = ${s.id}`);
    await database.db.insert(draftAnswers).values(
      Object.entries(answers).map(([questionKey, value]) => ({ submissionId: s.id, questionKey, value, numValue: typeof value === "number" ? value : null, updatedAt: now })),
    );
    const result = await submitFiling(database.db, { submissionId: s.id, personId: reporters.get(agencyId)!, now, timeZone: "Asia/Ho_Chi_Minh" });
    expect(result.ok ? "filed" : result.reason).toBe("filed");
  };
  const baselines = (periodId: number) =>
    queryRows<{ agency: number; key: string; median: number; n: number }>(
      database.db,
      sql`select agency_id as agency, question_key as key, median::float8 as median, n from outlier_baselines
          where period_id = ${periodId} order by agency_id, question_key`,
    );
  const runs = (periodId: number) =>
    queryRows<{ fingerprint: string; at: string }>(database.db, sql`select fingerprint, computed_at::text as at from outlier_baseline_runs where period_id = ${periodId}`);
  const summarise = async (periodId: number) => {
    const agencies = await loadAgencies(database.db);
    const everyone = visibilityOf([{ id: 0, personId: 0, role: "leader", agencyId: null, createdAt: now }], agencies);
    return buildPeriodSummary(database.db, (await findPeriodById(database.db, periodId))!, agencies, everyone);
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    fx = await seedSummariesFixture(database.db, now);
    for (const agencyId of [fx.ids.d1, fx.ids.d2, fx.ids.h1]) {
      const p = await upsertPerson(database.db, { telegramId: 93000 + agencyId, displayName: `Reporter ${agencyId}`, locale: "vi" });
      await grantRole(database.db, p.id, "reporter", agencyId);
      reporters.set(agencyId, p.id);
    }
    novemberId = (await openPeriod(database.db, { templateId: TEST_TEMPLATE.id, periodKey: "2026-11", now })).period.id;
  });
  afterAll(() => database.close());

  it("the first report of a period writes its agency's baselines and marks the period kept", async () => {
    expect(await baselines(novemberId)).toEqual([]);
    await file(novemberId, fx.ids.h1, values(5, 100));
    // H1's history: July, August and September (it did not file October).
    const own = await baselines(novemberId);
    expect(own.every((b) => b.agency === fx.ids.h1)).toBe(true);
    expect(own.find((b) => b.key === "total")).toMatchObject({ median: 100, n: 3 });
    expect(own.find((b) => b.key === "services")).toMatchObject({ median: 5, n: 3 });
    expect((await runs(novemberId)).map((r) => r.fingerprint)).toEqual(["kept on submit"]);
  });

  it("a summary read after more reports computes nothing: the baselines and their run stay as submit left them, and flag the spike", async () => {
    await file(novemberId, fx.ids.d1, values(12, 1_000));
    const before = { rows: await baselines(novemberId), runs: await runs(novemberId) };
    expect(before.rows.find((b) => b.agency === fx.ids.d1 && b.key === "total")).toMatchObject({ median: 100, n: 4 });
    const s = await summarise(novemberId);
    expect(await baselines(novemberId)).toEqual(before.rows);
    expect(await runs(novemberId)).toEqual(before.runs);
    expect(s.flags.filter((f) => f.type === "outlier").map((f) => [f.agency.id, f.key])).toEqual([[fx.ids.d1, "total"]]);
  });

  it("a report filed late for an earlier month updates the baselines of the months after it", async () => {
    await file(fx.periodIds["2026-10"]!, fx.ids.h1, values(5, 100));
    expect((await baselines(novemberId)).find((b) => b.agency === fx.ids.h1 && b.key === "total")).toMatchObject({ median: 100, n: 4 });
    // Read again right after: the new history is read, still not computed.
    const before = await runs(novemberId);
    await summarise(novemberId);
    expect(await runs(novemberId)).toEqual(before);
  });

  it("a month filled in bulk (no submit) is computed once, on its first read, and kept from then on", async () => {
    const october = fx.periodIds["2026-10"]!;
    // H1's late October report above wrote its own rows, but October's others came in bulk: not marked kept.
    expect(await runs(october)).toEqual([]);
    await summarise(october);
    const first = await runs(october);
    expect(first).toHaveLength(1);
    expect((await baselines(october)).some((b) => b.agency === fx.ids.d2)).toBe(true);
    await summarise(october);
    expect(await runs(october)).toEqual(first);
  });
});
