import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import { createLogger } from "../../../src/config/logger.ts";
import { createTranslate } from "../../../src/bot/i18n.ts";
import { openDuePeriods } from "../../../src/features/calendar/open-periods.job.ts";
import { outbox } from "../../../src/features/outbox/outbox.table.ts";
import { notices } from "../../../src/features/reminders/reminders.table.ts";
import { sendDueReminders } from "../../../src/features/reminders/reminders.job.ts";
import { delegations, periods } from "../../../src/features/reports/reports.table.ts";
import { runJobExclusively } from "../../../src/features/scheduler/scheduler.ts";
import { remindersJob } from "../../../src/features/reminders/reminders.job.ts";
import { ManualClock } from "../../../src/config/clock.ts";
import type { BotDeps } from "../../../src/bot/context.ts";
import { createBotHarness, testConfig } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import { markSubmitted, seedProvince, USERS, vnTime, type Province } from "./reminder-fixture.ts";
import { secondInstance } from "./second-instance.ts";

/** A bot process's dependencies over a database; a "restart" is simply a new set. */
const depsFor = (database: Database) => ({
  database, db: database.db, config: testConfig(), logger: createLogger("silent"), t: createTranslate("vi"),
});

describe("opening periods and sending reminders on the database", () => {
  let database: Database;
  let province: Province;
  let periodId: number;
  let versionId: number;
  const outboxTo = async (chatId: number) =>
    (await database.db.select().from(outbox).where(eq(outbox.chatId, chatId)).orderBy(outbox.id)).map((r) => ({
      kind: r.kind, text: String(r.payload.params.text), markup: r.payload.params.reply_markup, notBefore: r.notBefore,
    }));

  beforeAll(async () => {
    database = await createTestDatabase();
    province = await seedProvince(database.db, vnTime("2026-10-01"));
  });
  afterAll(() => database.close());

  it("opens the period when it starts and tells every reporter, in their language, with a button that starts /report", async () => {
    const deps = depsFor(database);
    expect(await openDuePeriods(deps, vnTime("2026-10-15", "00:05"))).toBe(1);
    expect(await openDuePeriods(deps, vnTime("2026-10-15", "00:20"))).toBe(0);
    const [period] = await database.db.select().from(periods).where(eq(periods.periodKey, "2026-11"));
    expect(period).toMatchObject({ startsOn: "2026-10-15", cutoffOn: "2026-11-14", deadlineOn: "2026-11-17", status: "open" });
    periodId = period!.id;
    versionId = period!.templateVersionId;

    // 00:05 is quiet hours: nothing is enqueued until the morning.
    expect(await sendDueReminders(deps, vnTime("2026-10-15", "00:05"))).toEqual([]);
    const sent = await sendDueReminders(deps, vnTime("2026-10-15", "07:30"));
    expect(sent.map((n) => n.personId).sort()).toEqual(
      [province.person.healthReporter, province.person.justiceReporter, province.person.districtReporter, province.person.communeReporter].sort(),
    );
    const [health] = await outboxTo(USERS.healthReporter.id);
    expect(health!.kind).toBe("period-opened");
    expect(health!.text).toContain("Kỳ báo cáo mới đã mở: Kế hoạch CNTT, kỳ tháng 11/2026");
    expect(health!.text).toContain("Hạn nộp: 17/11/2026");
    expect(health!.markup).toEqual({ inline_keyboard: [[{ text: "📝 Làm báo cáo", callback_data: `report:start:${periodId}` }]] });
    const [justice] = await outboxTo(USERS.justiceReporter.id);
    expect(justice!.text).toContain("A new reporting period is open: IT plan, period November 2026");
    // Leaders and coordinators are not reporters: no opening notice.
    expect(await outboxTo(USERS.coordinator.id)).toEqual([]);
  });

  it("never sends a notice twice across a restart", async () => {
    const restarted = depsFor(database);
    expect(await openDuePeriods(restarted, vnTime("2026-10-15", "09:00"))).toBe(0);
    expect(await sendDueReminders(restarted, vnTime("2026-10-15", "09:00"))).toEqual([]);
    expect(await sendDueReminders(restarted, vnTime("2026-10-20", "09:00"))).toEqual([]);
    expect(await outboxTo(USERS.healthReporter.id)).toHaveLength(1);
  });

  it("never sends twice when two instances race on the same database", async () => {
    const other = await secondInstance(database);
    try {
      const now = vnTime("2026-11-13");
      // Without the scheduler's lock both plan the same notices; the unique dedupe key lets one of them win.
      const [a, b] = await Promise.all([sendDueReminders(depsFor(database), now), sendDueReminders(depsFor(other.database), now)]);
      expect(a.length + b.length).toBe(4);
      expect(new Set([...a, ...b].map((n) => n.dedupeKey)).size).toBe(4);
      // And through the scheduler's lock: whoever runs finds nothing left to send.
      const outcomes = await Promise.all([
        runJobExclusively(remindersJob(depsFor(database) as BotDeps), { database, clock: new ManualClock(now), logger: createLogger("silent"), timeZone: "Asia/Ho_Chi_Minh" }, now),
        runJobExclusively(remindersJob(depsFor(other.database) as BotDeps), { database: other.database, clock: new ManualClock(now), logger: createLogger("silent"), timeZone: "Asia/Ho_Chi_Minh" }, now),
      ]);
      expect(outcomes).toContain("ran");
      expect(outcomes.every((o) => o === "ran" || o === "busy")).toBe(true);
      const before = await database.db.select().from(notices).where(like(notices.dedupeKey, "before:%"));
      expect(before).toHaveLength(4);
      const rows = await database.db.select().from(outbox).where(like(outbox.dedupeKey, "notice:before:%"));
      expect(rows).toHaveLength(4);
      expect(rows.map((r) => String(r.payload.params.text)).find((t) => t.includes("Sở Y tế"))).toContain("còn 2 ngày làm việc");
    } finally {
      await other.close();
    }
  });

  it("after downtime catches up only on what still matters", async () => {
    // Down from Fri 13/11 to Wed 18/11: the deadline-day notice of Tue 17/11 is gone; today's overdue notice goes.
    await markSubmitted(database.db, periodId, province.agency.justice, versionId, vnTime("2026-11-16"));
    const sent = await sendDueReminders(depsFor(database), vnTime("2026-11-18", "10:00"));
    expect(sent.map((n) => n.kind).sort()).toEqual(["digest", "digest", "overdue", "overdue", "overdue"]);
    expect(await database.db.select().from(notices).where(eq(notices.kind, "deadline"))).toEqual([]);
    const [digest] = (await outboxTo(USERS.coordinator.id)).filter((m) => m.kind === "digest");
    expect(digest!.text.split("\n")).toEqual([
      "Tổng hợp ngày 18/11/2026: 3 đơn vị chưa nộp báo cáo quá hạn (3 báo cáo).",
      "• Huyện Tân Phú — Kế hoạch CNTT, kỳ tháng 11/2026: trễ 1 ngày làm việc",
      "• Sở Y tế — Kế hoạch CNTT, kỳ tháng 11/2026: trễ 1 ngày làm việc",
      "• Xã Phú Thạnh — Kế hoạch CNTT, kỳ tháng 11/2026: trễ 1 ngày làm việc",
    ]);
    expect((await outboxTo(USERS.justiceReporter.id)).map((m) => m.kind)).toEqual(["period-opened", "reminder"]);
  });

  it("escalates to the agency head after 3 working days overdue, once", async () => {
    expect((await sendDueReminders(depsFor(database), vnTime("2026-11-19"))).filter((n) => n.kind === "escalation")).toEqual([]);
    const sent = await sendDueReminders(depsFor(database), vnTime("2026-11-20"));
    expect(sent.filter((n) => n.kind === "escalation").map((n) => n.personId).sort()).toEqual(
      [province.person.healthHead, province.person.districtHead].sort(),
    );
    const [esc] = (await outboxTo(USERS.healthHead.id)).filter((m) => m.kind === "escalation");
    expect(esc!.text).toContain("Kính gửi lãnh đạo Sở Y tế");
    expect(esc!.text).toContain("quá hạn 3 ngày làm việc");
    const monday = await sendDueReminders(depsFor(database), vnTime("2026-11-23"));
    expect(monday.filter((n) => n.kind === "escalation")).toEqual([]);
    expect(monday.filter((n) => n.kind === "overdue")).toHaveLength(3);
    // The weekend in between sent nothing.
    expect(await sendDueReminders(depsFor(database), vnTime("2026-11-22", "12:00"))).toEqual([]);
  });

  it("a person away with /mute is skipped and the delegated substitute gets the reminder instead", async () => {
    const h = await createBotHarness(database, { clock: new ManualClock(vnTime("2026-11-23", "15:00")) });
    await database.db.insert(delegations).values({
      agencyId: province.agency.health, personId: province.person.substitute, fromOn: "2026-11-01", toOn: "2026-11-30",
    });
    await h.send(USERS.healthReporter, "/mute 24/11/2026 25/11/2026");
    expect(h.api.textsTo(USERS.healthReporter.id).at(-1)).toBe(
      h.deps.t("vi", "remind-mute-set", { from: "24/11/2026", to: "25/11/2026" }),
    );
    await h.send(USERS.healthReporter, "/mute 31/11/2026");
    expect(h.api.textsTo(USERS.healthReporter.id).at(-1)).toContain("không phải ngày hợp lệ");

    const tuesday = await sendDueReminders(depsFor(database), vnTime("2026-11-24"));
    const healthTo = tuesday.filter((n) => n.agencyId === province.agency.health && n.kind === "overdue").map((n) => n.personId);
    expect(healthTo).toEqual([province.person.substitute]);
    expect((await outboxTo(USERS.substitute.id)).at(-1)!.text).toContain("Sở Y tế");

    h.clock.set(vnTime("2026-11-24", "17:00"));
    await h.send(USERS.healthReporter, "/mute off");
    expect(h.api.textsTo(USERS.healthReporter.id).at(-1)).toBe(h.deps.t("vi", "remind-mute-off", { count: 1 }));
    const wednesday = await sendDueReminders(depsFor(database), vnTime("2026-11-25"));
    expect(wednesday.filter((n) => n.agencyId === province.agency.health && n.kind === "overdue").map((n) => n.personId)).toEqual([
      province.person.healthReporter,
    ]);
    const muteNotices = await database.db
      .select()
      .from(notices)
      .where(and(eq(notices.personId, province.person.healthReporter), like(notices.dedupeKey, "overdue:%:2026-11-24")));
    expect(muteNotices).toEqual([]);
  });
});

describe("the plan's loader", () => {
  it("uses the same fixed number of queries whatever the number of agencies", async () => {
    const database = await createTestDatabase();
    try {
      const { drizzle: pgliteDrizzle } = await import("drizzle-orm/pglite");
      const { drizzle: pgDrizzle } = await import("drizzle-orm/postgres-js");
      const schema = await import("../../../src/db/schema.ts");
      let queries = 0;
      const client = (database.db as unknown as { $client: never }).$client;
      const logger = { logQuery: () => void queries++ };
      const counting = (database.kind === "pglite" ? pgliteDrizzle(client, { schema, logger }) : pgDrizzle(client, { schema, logger })) as unknown as Database["db"];
      const { loadPlanInput } = await import("../../../src/features/reminders/reminders.repository.ts");
      const { agencies } = await import("../../../src/features/agencies/agencies.table.ts");
      await seedProvince(database.db, vnTime("2026-10-01"));
      await openDuePeriods(depsFor(database), vnTime("2026-10-15"));
      const small = await loadPlanInput(counting, "2026-11-18");
      const smallQueries = queries;
      await database.db.insert(agencies).values(Array.from({ length: 200 }, (_, i) => ({ code: `X${i}`, name: `Xã ${i}`, kind: "commune" as const })));
      queries = 0;
      const large = await loadPlanInput(counting, "2026-11-18");
      expect(large.periods[0]!.requiredAgencyIds.length).toBe(small.periods[0]!.requiredAgencyIds.length + 200);
      expect(queries).toBe(smallQueries);
      expect(queries).toBeLessThanOrEqual(8);
    } finally {
      await database.close();
    }
  });
});
