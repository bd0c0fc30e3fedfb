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
 * Outbox leader failover between two real processes (src/main.ts) on one PostgreSQL: the leader is killed
 * with SIGKILL in the middle of a 200-recipient broadcast. Only on PostgreSQL: on PGlite there is one process.
 */
describe("outbox leader failover between two processes", () => {
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
