import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../src/config/clock.ts";
import { createBroadcast } from "../../src/features/broadcasts/broadcasts.repository.ts";
import { outbox } from "../../src/features/outbox/outbox.table.ts";
import { people } from "../../src/features/people/people.table.ts";
import { startApp, type AppProcess } from "../support/app-process.ts";
import { startFakeBotApiServer } from "../support/fake-bot-api-server.ts";
import { sendsPerChat } from "../support/outbox-traffic.ts";
import type { Database } from "../../src/db/client.ts";
import { FakeBotApi } from "../../src/demo/fake-bot-api.ts";
import { answers, submissions, submissionVersions } from "../../src/features/reports/reports.table.ts";
import { createBotHarness, type BotHarness } from "../support/bot-harness.ts";
import { createTestDatabase } from "../support/test-db.ts";
import { textUpdate } from "../support/updates.ts";
import { addAgency, addPerson, itPlanPeriod, qi } from "../features/reports/report-fixtures.ts";


/**
 * Several instances behind a load balancer share one database: any instance continues any
 * conversation, and one chat's updates are handled one at a time across instances.
 */
describe("two bot instances over one database", () => {
  let database: Database;
  let a: BotHarness;
  let b: BotHarness;
  const api = new FakeBotApi();
  let periodId: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    a = await createBotHarness(database, { api });
    b = await createBotHarness(database, { api, clock: a.clock });
    a.clock.set(new Date("2026-11-16T02:00:00Z"));
    periodId = (await itPlanPeriod(database.db, "2026-11", a.clock.now())).id;
  });
  afterAll(() => database.close());

  it("files a complete, correct report when its updates alternate between the instances", async () => {
    const agency = await addAgency(database.db);
    const { user } = await addPerson(database.db, "Võ Thị Hai Nơi", [["reporter", agency.id]]);
    const steps: Array<(h: BotHarness) => Promise<void>> = [
      (h) => h.send(user, "/report"),
      (h) => h.send(user, "88"),
      (h) => h.press(user, `report:c:${qi("leaders_use_system")}:yes`),
      (h) => h.send(user, "9"),
      (h) => h.send(user, "300"),
      (h) => h.send(user, "1000"),
      (h) => h.send(user, "12"),
      (h) => h.send(user, "4"),
      (h) => h.send(user, "800 triệu"),
      (h) => h.send(user, "500tr"),
      (h) => h.send(user, "6"),
      (h) => h.press(user, `report:c:${qi("project_status")}:on_schedule`),
      (h) => h.press(user, `report:s:${qi("difficulties")}`),
      (h) => h.press(user, `report:s:${qi("proposals")}`),
      (h) => h.press(user, `report:s:${qi("signed_report")}`),
      (h) => h.press(user, "report:sub"),
    ];
    for (const [i, step] of steps.entries()) await step(i % 2 === 0 ? a : b);

    expect(api.textsTo(user.id).at(-1)).toContain("Đã nộp báo cáo");
    const [s] = await database.db
      .select()
      .from(submissions)
      .where(and(eq(submissions.periodId, periodId), eq(submissions.agencyId, agency.id)));
    expect(s).toMatchObject({ status: "submitted", version: 1, onTime: true });
    const official = Object.fromEntries(
      (await database.db.select().from(answers).where(eq(answers.submissionId, s!.id))).map((r) => [r.questionKey, r.value]),
    );
    expect(official).toMatchObject({
      docs_electronic_pct: 88,
      leaders_use_system: "yes",
      online_services: 9,
      dossiers_online: 300,
      dossiers_total: 1000,
      staff_trained: 12,
      outreach_events: 4,
      budget_allocated: 800_000_000,
      budget_disbursed: 500_000_000,
      connected_systems: 6,
      project_status: "on_schedule",
    });
    expect(official).not.toHaveProperty("behind_reason");
    const versions = await database.db.select().from(submissionVersions).where(eq(submissionVersions.submissionId, s!.id));
    expect(versions).toHaveLength(1);
  });

  it("handles one chat's simultaneous updates one at a time across instances, losing none", async () => {
    const agency = await addAgency(database.db);
    const { user } = await addPerson(database.db, "Đặng Song Song", [["reporter", agency.id]]);
    await a.send(user, "/report");
    // Two answers arrive at the same moment on different instances.
    await Promise.all([a.handle(textUpdate(user, "70")), b.handle(textUpdate(user, "71"))]);
    const texts = api.textsTo(user.id);
    // Serialised: the first answer is taken for question 1; the second then meets question 2, a choice
    // question, and is refused there. Without the lock both would be taken for question 1 and one lost.
    expect(texts.filter((t) => t === a.deps.t("vi", "report-error-choice"))).toHaveLength(1);
    const [s] = await database.db
      .select()
      .from(submissions)
      .where(and(eq(submissions.periodId, periodId), eq(submissions.agencyId, agency.id)));
    const { draftAnswers } = await import("../../src/features/reports/reports.table.ts");
    const drafts = await database.db.select().from(draftAnswers).where(eq(draftAnswers.submissionId, s!.id));
    expect(drafts).toHaveLength(1);
    expect([70, 71]).toContain(drafts[0]!.value);
  });
});
