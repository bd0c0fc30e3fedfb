import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { ManualClock } from "../../../src/config/clock.ts";
import type { Database } from "../../../src/db/client.ts";
import { holidaysCommand } from "../../../src/cli/commands/holidays.ts";
import { CliUsageError } from "../../../src/cli/cli-command.ts";
import { recentAudit } from "../../../src/audit/audit.repository.ts";
import { calendarDays } from "../../../src/features/calendar/calendar.table.ts";
import { ensureDefaultHolidays, listCalendarDays, loadDayOverrides } from "../../../src/features/calendar/calendar.repository.ts";
import { grantRole, upsertPerson } from "../../../src/features/people/people.repository.ts";
import { createBotHarness, testConfig, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";

const coordinator = { id: 8101, first_name: "Điều phối" };
const reporter = { id: 8102, first_name: "Đầu mối" };

describe("holidays as editable data", () => {
  let database: Database;
  let h: BotHarness;
  beforeAll(async () => {
    database = await createTestDatabase();
    const c = await upsertPerson(database.db, { telegramId: coordinator.id, displayName: "Điều phối" });
    await grantRole(database.db, c.id, "coordinator", null);
    const r = await upsertPerson(database.db, { telegramId: reporter.id, displayName: "Đầu mối" });
    await grantRole(database.db, r.id, "reporter", null);
    h = await createBotHarness(database, { clock: new ManualClock(new Date("2026-03-02T02:00:00Z")) });
  });
  afterAll(() => database.close());

  it("seeds the defaults of a year only when that year has no entry, so edits are never overwritten", async () => {
    expect(await ensureDefaultHolidays(database.db, [2026, 2027])).toEqual([2026, 2027]);
    expect(await listCalendarDays(database.db, 2026)).toHaveLength(12);
    await database.db.delete(calendarDays).where(eq(calendarDays.day, "2026-09-01"));
    expect(await ensureDefaultHolidays(database.db, [2026, 2027])).toEqual([]);
    expect(await listCalendarDays(database.db, 2026)).toHaveLength(11);
    expect((await loadDayOverrides(database.db)).get("2027-02-10")).toBe("holiday");
  });

  it("/holidays lists the year for anyone with a role; only coordinators may edit", async () => {
    await h.send(reporter, "/holidays");
    const list = h.api.textsTo(reporter.id).at(-1)!.split("\n");
    expect(list[0]).toBe("Ngày nghỉ lễ và ngày làm bù năm 2026:");
    expect(list).toContain("17/02/2026 (T3) — nghỉ: Tết Nguyên đán (mùng 1)");
    expect(list.join("\n")).not.toContain("/holidays add");
    await h.send(reporter, "/holidays add 03/09/2026 Nghỉ thêm");
    expect(h.api.textsTo(reporter.id).at(-1)).toBe(h.deps.t("vi", "calendar-holidays-edit-denied"));
    expect((await loadDayOverrides(database.db)).has("2026-09-03")).toBe(false);
  });

  it("a coordinator adds a day off, a compensatory working day, and removes one, each audited", async () => {
    await h.send(coordinator, "/holidays add 01/09/2026 Quốc khánh (ngày liền kề)");
    expect(h.api.textsTo(coordinator.id).at(-1)).toContain("Đã đặt 01/09/2026 (T3) là ngày nghỉ: Quốc khánh (ngày liền kề)");
    await h.send(coordinator, "/holidays workday 09/05/2026 Làm bù cho 1/5");
    expect(h.api.textsTo(coordinator.id).at(-1)).toContain("09/05/2026 (T7) là ngày làm bù");
    const o = await loadDayOverrides(database.db);
    expect([o.get("2026-09-01"), o.get("2026-05-09")]).toEqual(["holiday", "workday"]);
    await h.send(coordinator, "/holidays remove 09/05/2026");
    expect((await loadDayOverrides(database.db)).has("2026-05-09")).toBe(false);
    await h.send(coordinator, "/holidays remove 09/05/2026");
    expect(h.api.textsTo(coordinator.id).at(-1)).toBe(h.deps.t("vi", "calendar-holidays-not-found", { date: "09/05/2026" }));
    await h.send(coordinator, "/holidays add 31/02/2026 Sai");
    expect(h.api.textsTo(coordinator.id).at(-1)).toContain("không phải ngày hợp lệ");
    const audit = (await recentAudit(database.db, 3)).map((a) => a.action);
    expect(audit).toEqual(["calendar-day.remove", "calendar-day.workday", "calendar-day.holiday"]);
  });

  it("the CLI lists, adds, marks working days and removes", async () => {
    const out: string[] = [];
    const ctx = { database, config: testConfig(), clock: new ManualClock(new Date("2027-01-05T02:00:00Z")), t: h.deps.t, out: (l: string) => out.push(l) };
    await holidaysCommand.run(["list"], ctx);
    expect(out).toContain("06/02/2027\tT7\tngày nghỉ\tTết Nguyên đán (mùng 1)");
    out.length = 0;
    await holidaysCommand.run(["workday", "13/02/2027", "Làm", "bù", "Tết"], ctx);
    expect(out[0]).toContain("13/02/2027 (T7) là ngày làm bù: Làm bù Tết");
    await holidaysCommand.run(["remove", "13/02/2027"], ctx);
    await holidaysCommand.run(["add", "24/11/2027", "Ngày Văn hóa Việt Nam"], ctx);
    out.length = 0;
    await holidaysCommand.run(["list", "--year", "2027"], ctx);
    expect(out.filter((l) => l.startsWith("13/02/2027"))).toEqual([]);
    expect(out.at(-1)).toBe("24/11/2027\tT4\tngày nghỉ\tNgày Văn hóa Việt Nam");
    await expect(holidaysCommand.run(["add", "2027-11-24", "x"], ctx)).rejects.toBeInstanceOf(CliUsageError);
    await expect(holidaysCommand.run(["add", "25/11/2027"], ctx)).rejects.toBeInstanceOf(CliUsageError);
  });

  it("a year with many long-named days is listed in several messages, each under Telegram's limit", async () => {
    const name = "Ngày nghỉ có một cái tên rất dài ".repeat(6).trim().slice(0, 190);
    const days = Array.from({ length: 40 }, (_, i) => `${String((i % 28) + 1).padStart(2, "0")}/${String(Math.floor(i / 28) + 1).padStart(2, "0")}/2031`);
    for (const [i, day] of days.entries()) await h.send(coordinator, `/holidays add ${day} ${name} ${i}`);
    const before = h.api.textsTo(reporter.id).length;
    await h.send(reporter, "/holidays 2031");
    const pages = h.api.textsTo(reporter.id).slice(before);
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page.length).toBeLessThanOrEqual(4096);
    const listed = pages.join("\n").split("\n").filter((l) => l.includes(name));
    expect(listed).toHaveLength(40);
  });

  it("quotes back at most a short part of a date it cannot read", async () => {
    await h.send(coordinator, `/holidays add ${"9".repeat(4000)} x`);
    const reply = h.api.textsTo(coordinator.id).at(-1)!;
    expect(reply).toContain("9".repeat(50));
    expect(reply.length).toBeLessThan(400);
  });
});
