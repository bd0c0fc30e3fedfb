import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import { answers, submissions } from "../../../src/features/reports/reports.table.ts";
import { findIndicator } from "../../../src/features/summaries/indicators.ts";
import { indicatorTrend } from "../../../src/features/summaries/leader-queries.ts";
import { buildPeriodSummary } from "../../../src/features/summaries/period-summary.ts";
import { findPeriodById, loadAgencies } from "../../../src/features/summaries/summaries.repository.ts";
import { visibilityOf } from "../../../src/features/summaries/visibility.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import { seedSummariesFixture, TEST_TEMPLATE, type Fixture } from "./summaries-fixture.ts";

const NOW = new Date("2026-11-20T03:00:00Z");
const everyone = [{ id: 0, personId: 0, role: "leader" as const, agencyId: null, createdAt: NOW }];

/** The province-wide total of "services" in October, as /summary computes it. */
async function servicesTotal(database: Database, fx: Fixture): Promise<number | undefined> {
  const agencies = await loadAgencies(database.db);
  const period = (await findPeriodById(database.db, fx.periodIds["2026-10"]!))!;
  const s = await buildPeriodSummary(database.db, period, agencies, visibilityOf(everyone, agencies));
  return s.indicators.find((i) => i.key === "services")?.figure.total;
}

describe("the summary's answers are kept and read again only for reports that moved", () => {
  let a: Database;
  let b: Database;
  let fa: Fixture;
  let fb: Fixture;
  beforeAll(async () => {
    [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    fa = await seedSummariesFixture(a.db, NOW);
    fb = await seedSummariesFixture(b.db, NOW);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  const d2October = async (database: Database, fx: Fixture) =>
    (await database.db.select().from(submissions).where(and(eq(submissions.agencyId, fx.ids.d2), eq(submissions.periodId, fx.periodIds["2026-10"]!))))[0]!;

  it("keeps the figures while only drafts move, and recomputes once a report is resubmitted", async () => {
    expect(await servicesTotal(a, fa)).toBe(34);
    const sub = await d2October(a, fa);
    // Written behind the cache's back, with only what a draft save touches (the editing mark and updated_at):
    // the summary still shows the last computed figures.
    await a.db.update(answers).set({ value: 30, numValue: 30 }).where(and(eq(answers.submissionId, sub.id), eq(answers.questionKey, "services")));
    await a.db.update(submissions).set({ updatedAt: new Date(NOW.getTime() + 60_000) }).where(eq(submissions.id, sub.id));
    expect(await servicesTotal(a, fa)).toBe(34);
    // A resubmission moves the version and the submission time: 12 + 30.
    await a.db.update(submissions).set({ version: 2, submittedAt: new Date(NOW.getTime() + 120_000) }).where(eq(submissions.id, sub.id));
    expect(await servicesTotal(a, fa)).toBe(42);
  });

  it("reads a returned report again, and a report submitted for the first time", async () => {
    const sub = await d2October(a, fa);
    await a.db.update(answers).set({ value: 40, numValue: 40 }).where(and(eq(answers.submissionId, sub.id), eq(answers.questionKey, "services")));
    await a.db.update(submissions).set({ status: "returned" }).where(eq(submissions.id, sub.id));
    expect(await servicesTotal(a, fa)).toBe(52);
    // H1 files October: a new submitted report with its answers (12 + 40 + 7).
    const [h1] = await a.db
      .insert(submissions)
      .values({ periodId: fa.periodIds["2026-10"]!, agencyId: fa.ids.h1, templateVersionId: sub.templateVersionId, status: "submitted", version: 1, submittedAt: NOW, firstSubmittedAt: NOW, onTime: false })
      .returning();
    await a.db.insert(answers).values({ submissionId: h1!.id, questionKey: "services", value: 7, numValue: 7, updatedAt: NOW });
    expect(await servicesTotal(a, fa)).toBe(59);
    // And deleted again (its answers go with it).
    await a.db.delete(submissions).where(eq(submissions.id, h1!.id));
    expect(await servicesTotal(a, fa)).toBe(52);
  });

  it("never answers one database with another's figures", async () => {
    const sub = await d2October(b, fb);
    await b.db.update(answers).set({ value: 2, numValue: 2 }).where(and(eq(answers.submissionId, sub.id), eq(answers.questionKey, "services")));
    // Same ids, same times, same versions as database a had at first: only the database tells them apart.
    expect(await servicesTotal(b, fb)).toBe(14);
  });

  it("keeps a trend's past periods until one of their reports moves", async () => {
    const services = findIndicator(TEST_TEMPLATE, "services")!;
    const trend = async () =>
      (await indicatorTrend(b.db, TEST_TEMPLATE.id, services, "2026-11-20", { all: true, agencyIds: new Set(), aggregate: true }, 4)).map((p) => p.value);
    // July to September: 10 + 20 + 5; October: 12 + 2 (changed above).
    expect(await trend()).toEqual([35, 35, 35, 14]);
    const [sept] = await b.db.select().from(submissions).where(and(eq(submissions.agencyId, fb.ids.h1), eq(submissions.periodId, fb.periodIds["2026-09"]!)));
    await b.db.update(answers).set({ value: 9, numValue: 9 }).where(and(eq(answers.submissionId, sept!.id), eq(answers.questionKey, "services")));
    expect(await trend()).toEqual([35, 35, 35, 14]);
    await b.db.update(submissions).set({ version: 2, submittedAt: NOW }).where(eq(submissions.id, sept!.id));
    expect(await trend()).toEqual([35, 35, 39, 14]);
  });
});
