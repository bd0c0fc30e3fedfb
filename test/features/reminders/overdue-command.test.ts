import { eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/config/clock.ts";
import { createLogger } from "../../../src/config/logger.ts";
import type { Database } from "../../../src/db/client.ts";
import { openDuePeriods } from "../../../src/features/calendar/open-periods.job.ts";
import { outbox } from "../../../src/features/outbox/outbox.table.ts";
import { periods } from "../../../src/features/reports/reports.table.ts";
import { createBotHarness, testConfig, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import { markSubmitted, seedProvince, USERS, vnTime, type Province } from "./reminder-fixture.ts";

describe("/overdue and “Nhắc ngay”", () => {
  let database: Database;
  let h: BotHarness;
  let province: Province;
  let periodId: number;
  const lastText = (user: { id: number }) => h.api.textsTo(user.id).at(-1) ?? "";
  const buttonsOf = () => {
    const markup = h.api.callsOf("sendMessage").at(-1)!.reply_markup as { inline_keyboard?: { text: string; callback_data: string }[][] } | undefined;
    return (markup?.inline_keyboard ?? []).flat().map((b) => b.callback_data);
  };
  const alerts = () => h.api.callsOf("answerCallbackQuery").map((c) => c.text);
  const manualRows = async () => database.db.select().from(outbox).where(like(outbox.dedupeKey, "notice:manual:%")).orderBy(outbox.id);

  beforeAll(async () => {
    database = await createTestDatabase();
    province = await seedProvince(database.db, vnTime("2026-10-01"));
    await openDuePeriods({ db: database.db, config: testConfig(), logger: createLogger("silent") }, vnTime("2026-10-15"));
    const [period] = await database.db.select().from(periods).where(eq(periods.periodKey, "2026-11"));
    periodId = period!.id;
    await markSubmitted(database.db, periodId, province.agency.justice, period!.templateVersionId, vnTime("2026-11-16"));
    // Fri 20/11/2026 09:00: three working days after the deadline of Tue 17/11.
    h = await createBotHarness(database, { clock: new ManualClock(vnTime("2026-11-20", "09:00")) });
  });
  afterAll(() => database.close());

  it("shows a coordinator every late agency with how late, and a remind-now button for each and for all", async () => {
    await h.send(USERS.coordinator, "/overdue");
    expect(lastText(USERS.coordinator).split("\n")).toEqual([
      "Đơn vị quá hạn nộp báo cáo (3 báo cáo):",
      "• Huyện Tân Phú — Kế hoạch CNTT, kỳ tháng 11/2026: trễ 3 ngày làm việc",
      "• Sở Y tế — Kế hoạch CNTT, kỳ tháng 11/2026: trễ 3 ngày làm việc",
      "• Xã Phú Thạnh — Kế hoạch CNTT, kỳ tháng 11/2026: trễ 3 ngày làm việc",
    ]);
    expect(buttonsOf()).toEqual([
      `remind:now:${periodId}:${province.agency.district}`,
      `remind:now:${periodId}:${province.agency.health}`,
      `remind:now:${periodId}:${province.agency.commune}`,
      "remind:all",
    ]);
  });

  it("scopes leaders to their agency and the agencies below it; province leaders see all; no buttons for leaders", async () => {
    await h.send(USERS.districtHead, "/overdue");
    expect(lastText(USERS.districtHead)).toContain("Huyện Tân Phú");
    expect(lastText(USERS.districtHead)).toContain("Xã Phú Thạnh");
    expect(lastText(USERS.districtHead)).not.toContain("Sở Y tế");
    expect(buttonsOf()).toEqual([]);
    await h.send(USERS.healthHead, "/overdue");
    expect(lastText(USERS.healthHead).split("\n")).toHaveLength(2);
    await h.send(USERS.provinceLeader, "/overdue");
    expect(lastText(USERS.provinceLeader).split("\n")).toHaveLength(4);
    await h.send(USERS.healthReporter, "/overdue");
    expect(lastText(USERS.healthReporter)).toBe(h.deps.t("vi", "access-denied"));
  });

  it("reminds one agency now, at most once a day", async () => {
    await h.press(USERS.coordinator, `remind:now:${periodId}:${province.agency.health}`);
    expect(lastText(USERS.coordinator)).toBe(h.deps.t("vi", "remind-now-done", { agency: "Sở Y tế", people: 1 }));
    let rows = await manualRows();
    expect(rows.map((r) => r.chatId)).toEqual([USERS.healthReporter.id]);
    expect(String(rows[0]!.payload.params.text)).toContain(`${h.deps.t("vi", "org-unset-coordinator")} đôn đốc`);
    expect(rows[0]!.notBefore.toISOString()).toBe(vnTime("2026-11-20", "09:00").toISOString());

    await h.press(USERS.coordinator, `remind:now:${periodId}:${province.agency.health}`);
    expect(lastText(USERS.coordinator)).toBe(h.deps.t("vi", "remind-now-already", { agency: "Sở Y tế" }));
    rows = await manualRows();
    expect(rows).toHaveLength(1);
  });

  it("re-checks forged or stale buttons: wrong role, submitted agency, agency not required, unknown period", async () => {
    const before = (await manualRows()).length;
    h.api.clear();
    await h.press(USERS.healthReporter, `remind:now:${periodId}:${province.agency.district}`);
    await h.press(USERS.districtHead, "remind:all");
    await h.press(USERS.coordinator, `remind:now:${periodId}:${province.agency.justice}`);
    await h.press(USERS.coordinator, `remind:now:${periodId}:${province.agency.province}`);
    await h.press(USERS.coordinator, `remind:now:999999:${province.agency.health}`);
    await h.press(USERS.coordinator, "remind:now:x:1");
    const t = (k: string) => h.deps.t("vi", k);
    expect(alerts()).toEqual([
      t("access-denied"), t("access-denied"),
      t("remind-now-not-overdue"), t("remind-now-not-overdue"), t("remind-now-not-overdue"),
      t("button-expired"),
    ]);
    expect(await manualRows()).toHaveLength(before);
  });

  it("“remind all” reminds each late agency once, skipping those already reminded today", async () => {
    await h.press(USERS.coordinator, "remind:all");
    expect(lastText(USERS.coordinator)).toBe(h.deps.t("vi", "remind-all-done", { agencies: 2, people: 2, already: 1, missing: 0 }));
    expect((await manualRows()).map((r) => r.chatId).sort()).toEqual(
      [USERS.healthReporter.id, USERS.districtReporter.id, USERS.communeReporter.id].sort(),
    );
  });

  it("in quiet hours the reminder waits in the outbox until quiet hours end", async () => {
    h.clock.set(vnTime("2026-11-23", "21:15"));
    await h.press(USERS.coordinator, `remind:now:${periodId}:${province.agency.health}`);
    expect(lastText(USERS.coordinator)).toContain("07:30");
    const last = (await manualRows()).at(-1)!;
    expect(last.notBefore.toISOString()).toBe(vnTime("2026-11-24", "07:30").toISOString());
  });
});
