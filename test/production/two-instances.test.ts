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

/**
 * Outbox leader failover between two real processes (src/main.ts) on one PostgreSQL: the leader is killed
 * with SIGKILL in the middle of a 200-recipient broadcast. Only on PostgreSQL: on PGlite there is one process.
 */
describe.runIf(Boolean(process.env.DATABASE_URL))("outbox leader failover between two processes", () => {
  const LEASE_SECONDS = 10;
  const MAX_IN_FLIGHT = 16; // the dispatcher's default: the most sends awaiting Telegram at once
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let fake: Awaited<ReturnType<typeof startFakeBotApiServer>>;
  let dataDir: string;
  const apps: AppProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    fake = await startFakeBotApiServer(undefined, { sendLatencyMs: 40 });
    dataDir = mkdtempSync(join(tmpdir(), "itbot-failover-"));
  });
  afterAll(async () => {
    for (const a of apps) if (a.child.exitCode === null && a.child.signalCode === null) a.child.kill("SIGKILL");
    await fake.close();
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const until = async (check: () => boolean | Promise<boolean>, ms: number, what: string) => {
    const end = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}:\n${apps.map((a) => a.output().slice(-4000)).join("\n---\n")}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const leads = (a: AppProcess) => a.lines().some((l) => l.msg === "outbox leadership taken: this instance sends");

  it("the standby takes over and finishes; every recipient gets it, at most the in-flight sends twice", { timeout: 180_000 }, async () => {
    const env = {
      DATABASE_URL: database.url!,
      TELEGRAM_API_ROOT: fake.url,
      DATA_DIR: dataDir,
      BOT_MODE: "webhook",
      WEBHOOK_SECRET: "failover_secret",
      OUTBOX_GLOBAL_PER_SECOND: "20",
      OUTBOX_LEASE_SECONDS: String(LEASE_SECONDS),
    };
    apps.push(startApp(env), startApp(env));
    await Promise.all(apps.map((a) => a.waitForLog("bot started")));
    await until(() => apps.some(leads), 30_000, "a leader");
    const leader = apps.find(leads)!;
    const standby = apps.find((a) => a !== leader)!;
    expect(leads(standby)).toBe(false);

    const recipients = await database.db
      .insert(people)
      .values(Array.from({ length: 200 }, (_, i) => ({ telegramId: 850_000 + i, displayName: `Người nhận ${i + 1}` })))
      .returning({ personId: people.id, chatId: people.telegramId });
    const { id: broadcastId } = await createBroadcast(database.db, {
      content: { text: "Thông báo: họp giao ban lúc 8 giờ sáng thứ Hai.", entities: null, mediaKind: null, mediaFileId: null },
      audience: { type: "all" },
      requireAck: false,
      createdBy: null,
      recipients: recipients.map((r) => ({ ...r, locale: "vi" })),
      wording: { ackLabel: () => "Đã nhận" },
      now: systemClock.now(),
    });

    // SIGKILL the leader in the middle of the broadcast.
    await until(() => fake.api.callsOf("sendMessage").length >= 60, 60_000, "60 messages out");
    leader.child.kill("SIGKILL");
    const killedAt = Date.now();
    const sentAtKill = fake.api.callsOf("sendMessage").length;
    expect(sentAtKill).toBeLessThan(200);
    await leader.exited;

    await until(() => leads(standby), LEASE_SECONDS * 1000, "the standby to take over within the lease");
    const takeoverMs = Date.now() - killedAt;
    const left = async () => (await database.db.select().from(outbox).where(and(eq(outbox.broadcastId, broadcastId), ne(outbox.status, "sent")))).length;
    await until(async () => (await left()) === 0, 90_000, "the broadcast to finish");
    const finishedMs = Date.now() - killedAt;

    const counts = sendsPerChat(fake.api);
    const missing = recipients.filter((r) => !counts.get(r.chatId));
    const twice = recipients.filter((r) => (counts.get(r.chatId) ?? 0) > 1);
    expect(missing).toEqual([]);
    expect(twice.length).toBeLessThanOrEqual(MAX_IN_FLIGHT);
    expect(standby.child.exitCode).toBeNull();
    console.log(JSON.stringify({ recipients: 200, sentAtKill, takeoverMs, finishedMs, sentTwice: twice.length }));
  });
});
