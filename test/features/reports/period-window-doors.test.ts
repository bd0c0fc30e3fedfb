// Period keys outside the window (a year back to the next period) are refused at every door: /openperiod, its
// buttons (forged too) and the CLI; a year no period can have is answered as a slip in leaders' questions.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliCommands } from "../../../src/cli/commands/index.ts";
import type { Database } from "../../../src/db/client.ts";
import { auditLog } from "../../../src/features/people/people.table.ts";
import { periods } from "../../../src/features/reports/reports.table.ts";
import { createBotHarness, testConfig, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import { addPerson, itPlanPeriod } from "./report-fixtures.ts";
import { periodLabel } from "../../../src/format/period-label.ts";
import type { TestUser } from "../../support/updates.ts";

describe("opening periods by hand: only inside the window", () => {
  let database: Database;
  let h: BotHarness;
  let coord: TestUser;
  let leader: TestUser;
  const NOW = new Date("2026-11-20T02:00:00Z");
  const label = (key: string) => periodLabel(key, (k, a) => h.deps.t("vi", k, a));
  const TITLE = "Tình hình thực hiện Kế hoạch ứng dụng CNTT";
  const labels = { earliest: "tháng 12/2025", latest: "tháng 1/2027" };
  const keys = async () => (await database.db.select({ k: periods.periodKey }).from(periods)).map((r) => r.k).sort();
  const last = (u: TestUser) => h.api.textsTo(u.id).at(-1);

  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database);
    h.clock.set(NOW);
    await itPlanPeriod(database.db, "2026-11", NOW);
    ({ user: coord } = await addPerson(database.db, "Điều Phối", [["coordinator", null]]));
    ({ user: leader } = await addPerson(database.db, "Lãnh Đạo", [["leader", null]], "en"));
  });
  afterAll(() => database.close());

  it.each(["1999-01", "0001-01", "2099-12", "2025-11", "2027-02"])("/openperiod it-plan %s is refused with the window, and nothing opens", async (key) => {
    await h.send(coord, `/openperiod it-plan ${key}`);
    expect(last(coord)).toBe(h.deps.t("vi", "report-period-error-out-of-window", { period: label(key), template: TITLE, ...labels }));
    expect(await keys()).toEqual(["2026-11"]);
  });

  it("the forged button report:op:it-plan:1999-01 is refused the same way; keys inside the window open", async () => {
    await h.press(coord, "report:op:it-plan:1999-01");
    expect(last(coord)).toBe(h.deps.t("vi", "report-period-error-out-of-window", { period: label("1999-01"), template: TITLE, ...labels }));
    await h.press(coord, "report:op:it-plan:0001-01");
    expect(await keys()).toEqual(["2026-11"]);
    await h.send(coord, "/openperiod it-plan 2025-12");
    await h.press(coord, "report:op:it-plan:2027-01");
    expect(last(coord)).toContain("Đã mở kỳ tháng 1/2027");
    expect(await keys()).toEqual(["2025-12", "2026-11", "2027-01"]);
    expect(await database.db.select().from(auditLog).where(eq(auditLog.action, "period.open"))).toHaveLength(2);
  });

  it("the CLI open-period refuses it too, naming the window", async () => {
    const out: string[] = [];
    const ctx = { database, config: testConfig(), clock: h.clock, t: h.deps.t, out: (l: string) => out.push(l) };
    const run = (...args: string[]) => cliCommands.find((c) => c.name === "open-period")!.run(args, ctx);
    for (const key of ["1999-01", "0001-01", "2099-12"])
      await expect(run("--template", "it-plan", "--period", key)).rejects.toThrow(/tháng 12\/2025 đến tháng 1\/2027/);
    expect(await keys()).toEqual(["2025-12", "2026-11", "2027-01"]);
  });

  it("'xếp hạng năm 0026' and '/ranking 0026' say the year is not valid, in the person's language (no database error, no other year)", async () => {
    const badYear = (text: string) => h.deps.t("en", "summaries-bad-year", { text, min: "2000", max: "2100" });
    await h.send(leader, "xếp hạng năm 0026");
    expect(last(leader)).toBe(badYear("0026"));
    await h.send(leader, "/ranking 0026");
    expect(last(leader)).toBe(badYear("0026"));
    await h.send(leader, "/summary 11/0026");
    expect(last(leader)).toBe(badYear("0026"));
    await h.send(coord, "/ranking 26");
    expect(last(coord)).toBe(h.deps.t("vi", "summaries-bad-year", { text: "26", min: "2000", max: "2100" }));
    for (const u of [leader, coord]) expect(h.api.textsTo(u.id)).not.toContain(h.deps.t(u === leader ? "en" : "vi", "error-generic"));
  });
});
