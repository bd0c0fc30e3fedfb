// An agency that starts after a period's cut-off (a merge's new successor) is neither required nor chased for it.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/config/clock.ts";
import { createLogger } from "../../../src/config/logger.ts";
import type { Database } from "../../../src/db/client.ts";
import { agencies } from "../../../src/features/agencies/agencies.table.ts";
import { openDuePeriods } from "../../../src/features/calendar/open-periods.job.ts";
import { grantRole, upsertPerson } from "../../../src/features/people/people.repository.ts";
import { sendDueReminders } from "../../../src/features/reminders/reminders.job.ts";
import { periods } from "../../../src/features/reports/reports.table.ts";
import { createTranslate } from "../../../src/bot/i18n.ts";
import { createBotHarness, testConfig, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import { seedProvince, USERS, vnTime, type Province } from "./reminder-fixture.ts";

describe("reminders and escalation respect the day an agency starts", () => {
  let database: Database;
  let h: BotHarness;
  let province: Province;
  let lateId: number;
  let earlyId: number;
  const lateStarter = { id: 9060, first_name: "Đầu mối xã mới" };
  const earlyStarter = { id: 9061, first_name: "Đầu mối phường mới" };
  const deps = () => ({ database, db: database.db, config: testConfig(), logger: createLogger("silent"), t: createTranslate("vi") });

  beforeAll(async () => {
    database = await createTestDatabase();
    province = await seedProvince(database.db, vnTime("2026-10-01"));
    // The November period: cut-off 14/11/2026, deadline 17/11/2026.
    await openDuePeriods(deps(), vnTime("2026-10-15"));
    const add = async (code: string, name: string, startsOn: string, user: { id: number; first_name: string }) => {
      const [a] = await database.db.insert(agencies).values({ code, name, kind: "commune", parentId: province.agency.province, startsOn }).returning();
      const p = await upsertPerson(database.db, { telegramId: user.id, displayName: user.first_name, locale: "vi" });
      await grantRole(database.db, p.id, "reporter", a!.id);
      return a!.id;
    };
    lateId = await add("X-MOI", "Xã Mới Lập", "2026-11-15", lateStarter);
    earlyId = await add("P-MOI", "Phường Mới", "2026-11-01", earlyStarter);
    h = await createBotHarness(database, { clock: new ManualClock(vnTime("2026-11-20", "09:00")) });
  });
  afterAll(() => database.close());

  it("/overdue lists the agency that existed at the cut-off, not the one that started after it", async () => {
    await h.send(USERS.coordinator, "/overdue");
    const text = h.api.textsTo(USERS.coordinator.id).at(-1)!;
    expect(text).toContain("Phường Mới");
    expect(text).not.toContain("Xã Mới Lập");
  });

  it("overdue reminders and escalations go to the agency that existed, never to the one that started later", async () => {
    const sent = await sendDueReminders(deps(), vnTime("2026-11-20", "09:00"));
    const chats = new Set(sent.map((n) => n.chatId));
    expect(chats.has(earlyStarter.id)).toBe(true);
    expect(chats.has(lateStarter.id)).toBe(false);
    const agenciesChased = new Set(sent.map((n) => n.agencyId));
    expect(agenciesChased.has(earlyId)).toBe(true);
    expect(agenciesChased.has(lateId)).toBe(false);
  });

  it("the later agency's reporter is not offered, and cannot start, the November report", async () => {
    const [nov] = await database.db.select().from(periods).where(eq(periods.periodKey, "2026-11"));
    await h.send(lateStarter, "/report");
    expect(h.api.textsTo(lateStarter.id).join("\n")).not.toContain("tháng 11/2026");
    await h.press(lateStarter, `report:start:${nov!.id}`);
    expect(h.api.textsTo(lateStarter.id).at(-1)).toBe(h.deps.t("vi", "access-denied"));
  });
});
