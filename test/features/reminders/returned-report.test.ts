import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTranslate } from "../../../src/bot/i18n.ts";
import { ManualClock } from "../../../src/config/clock.ts";
import { createLogger } from "../../../src/config/logger.ts";
import type { Database } from "../../../src/db/client.ts";
import { openDuePeriods } from "../../../src/features/calendar/open-periods.job.ts";
import { outbox } from "../../../src/features/outbox/outbox.table.ts";
import { sendDueReminders } from "../../../src/features/reminders/reminders.job.ts";
import { periods, submissions } from "../../../src/features/reports/reports.table.ts";
import { createBotHarness, testConfig, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import { seedProvince, USERS, vnTime, type Province } from "./reminder-fixture.ts";

/**
 * Sở Y tế files 2026-11 on time (16/11; deadline Tue 17/11). On Fri 20/11 the coordinator returns it for a
 * correction (/returnreport). On Mon 23/11 at 08:00 the reminders job runs (escalation after 3 working days).
 */
describe("a report filed on time and then returned for revision", () => {
  let database: Database;
  let province: Province;
  let h: BotHarness;
  let periodId: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    province = await seedProvince(database.db, vnTime("2026-10-01"));
    const deps = { database, db: database.db, config: testConfig(), logger: createLogger("silent"), t: createTranslate("vi") };
    await openDuePeriods(deps, vnTime("2026-10-15", "00:05"));
    const [period] = await database.db.select().from(periods).where(eq(periods.periodKey, "2026-11"));
    periodId = period!.id;
    const filed = vnTime("2026-11-16", "09:00");
    // What submit and then "Trả lại để chỉnh sửa" leave behind (submissions.repository.ts returnSubmission).
    await database.db.insert(submissions).values({
      periodId, agencyId: province.agency.health, templateVersionId: period!.templateVersionId, status: "returned", version: 1,
      submittedAt: filed, firstSubmittedAt: filed, onTime: true, refNo: "IT-PLAN-2026-11-SO-YT-1", returnComment: "Sửa số cán bộ được đào tạo",
    });
    await sendDueReminders(deps, vnTime("2026-11-23", "08:00"));
    h = await createBotHarness(database, { clock: new ManualClock(vnTime("2026-11-23", "09:00")) });
  });
  afterAll(() => database.close());

  it("is not escalated to the agency head as 'đơn vị chưa nộp báo cáo … quá hạn 4 ngày làm việc'", async () => {
    const rows = await database.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.chatId, USERS.healthHead.id), eq(outbox.kind, "escalation")));
    // Its IT lead filed a day before the deadline; the coordinator only asked for a correction three days ago.
    expect(rows.map((r) => String(r.payload.params.text))).toEqual([]);
    // The other late agency's head (the district, which really filed nothing) is still escalated: the job ran.
    const district = await database.db.select().from(outbox).where(and(eq(outbox.chatId, USERS.districtHead.id), eq(outbox.kind, "escalation")));
    expect(district.length).toBe(1);
  });

  it("is not listed by /overdue as 4 working days late while /summary counts it as filed on time", async () => {
    await h.send(USERS.coordinator, "/summary 2026-11");
    const summary = h.api.textsTo(USERS.coordinator.id).join("\n");
    expect(summary).toMatch(/đúng hạn 1/);
    expect(summary).not.toMatch(/Chưa nộp:[^\n]*Sở Y tế/);
    h.api.clear();
    await h.send(USERS.coordinator, "/overdue");
    const overdue = h.api.textsTo(USERS.coordinator.id).join("\n");
    expect(overdue).toContain("Huyện Tân Phú");
    expect(overdue).not.toContain("Sở Y tế");
  });
});
