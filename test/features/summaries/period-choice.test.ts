import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/config/clock.ts";
import type { Database } from "../../../src/db/client.ts";
import { openPeriod } from "../../../src/features/reports/periods.repository.ts";
import { answers, submissions } from "../../../src/features/reports/reports.table.ts";
import {
  latestDuePeriodKey, latestReportedPeriod, periodForWindow,
} from "../../../src/features/summaries/summaries.repository.ts";
import { currentTemplateVersion } from "../../../src/features/templates/templates.repository.ts";
import { createBotHarness, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import { addPerson, PEOPLE, seedSummariesFixture, TEST_TEMPLATE, type Fixture } from "./summaries-fixture.ts";

/**
 * The open-periods job opens a monthly period on the 15th of the month before (Decree 09 windows). On
 * 20/11/2026 the fixture's months 2026-07 … 2026-10 are reported, 2026-11 (cut-off 14/11) has nothing yet and
 * 2026-12 (cut-off 14/12) is open early. Leaders must be shown a month whose cut-off has passed.
 */
describe("which period a leader's summary shows while the next month is already open", () => {
  let database: Database;
  let h: BotHarness;
  let fx: Fixture;
  const t = (key: string, args?: Record<string, string | number>) => h.deps.t("vi", key, args);
  const texts = (id: number) => h.api.textsTo(id).join("\n");
  const fileEarly = async (periodKey: string, agencyId: number, at: Date) => {
    const tv = await currentTemplateVersion(database.db, TEST_TEMPLATE.id);
    const [s] = await database.db
      .insert(submissions)
      .values({ periodId: fx.periodIds[periodKey]!, agencyId, templateVersionId: tv!.id, status: "submitted", version: 1, submittedAt: at, firstSubmittedAt: at, onTime: true })
      .returning();
    await database.db.insert(answers).values({ submissionId: s!.id, questionKey: "services", value: 13, numValue: 13, updatedAt: at });
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database, { clock: new ManualClock(new Date("2026-11-20T02:00:00Z")) });
    fx = await seedSummariesFixture(database.db, h.clock.now());
    await addPerson(database.db, PEOPLE.provinceLeader, [["leader", null]]);
    for (const key of ["2026-11", "2026-12"]) {
      const { period } = await openPeriod(database.db, { templateId: TEST_TEMPLATE.id, periodKey: key, now: h.clock.now() });
      fx.periodIds[key] = period.id;
    }
  });
  afterAll(() => database.close());
  beforeEach(() => h.api.clear());

  for (const [ask, asked, months] of [
    ["/summary quý 4", "quý IV/2026", "tháng 10–11/2026"],
    ["/summary năm 2026", "năm 2026", "tháng 7–11/2026"],
    ["/summary 6 tháng cuối năm", "6 tháng cuối năm 2026", "tháng 7–11/2026"],
    ["tóm tắt năm 2026", "năm 2026", "tháng 7–11/2026"],
    ["tóm tắt quý 4 năm 2026", "quý IV/2026", "tháng 10–11/2026"],
  ] as const) {
    it(`"${ask}" combines the months of the window whose cut-off has passed, and says which`, async () => {
      await h.send(PEOPLE.provinceLeader, ask);
      const out = texts(PEOPLE.provinceLeader.id);
      expect(out).toContain(`TÓM TẮT ${asked}`);
      expect(out).toContain(t("summaries-coverage-months", { months }));
      expect(out).not.toContain("tháng 12/2026");
    });
  }

  it("picks for a window: reported and past its cut-off, then past its cut-off, then reported, then the newest", async () => {
    const pick = async (from: string, to: string, today: string) =>
      (await periodForWindow(database.db, TEST_TEMPLATE.id, from, to, today))?.periodKey;
    // Q4 on 20/11: October is reported and due; November is due but empty; December not due.
    expect(await pick("2026-09-15", "2026-12-14", "2026-11-20")).toBe("2026-10");
    // Only November and December in the window: November is due (every agency missing is the truth).
    expect(await pick("2026-10-15", "2026-12-14", "2026-11-20")).toBe("2026-11");
    // Only December, not yet due: still shown rather than nothing.
    expect(await pick("2026-11-15", "2026-12-14", "2026-11-20")).toBe("2026-12");
    expect(await pick("2027-01-01", "2027-12-31", "2026-11-20")).toBeUndefined();
  });

  it("one agency filing December early does not move /summary, /missing, /chart or /export to December", async () => {
    await fileEarly("2026-12", fx.ids.d1, new Date("2026-11-19T03:00:00Z"));
    await h.send(PEOPLE.provinceLeader, "/summary");
    const summary = texts(PEOPLE.provinceLeader.id);
    expect(summary).toContain("TÓM TẮT tháng 10/2026");
    expect(summary).not.toContain("tháng 12/2026");
    // The buttons under it act on the period shown.
    const last = h.api.callsOf("sendMessage").at(-1)!;
    expect(JSON.stringify(last.reply_markup)).toContain(`"sd:s${fx.periodIds["2026-10"]}:e:0"`);
    h.api.clear();
    await h.send(PEOPLE.provinceLeader, "/missing");
    expect(texts(PEOPLE.provinceLeader.id)).toContain(t("summaries-missing-title", { period: "tháng 10/2026" }));
    h.api.clear();
    await h.send(PEOPLE.provinceLeader, "/chart");
    const photo = h.api.calls.find((c) => c.method === "sendPhoto")!;
    expect(Object.values(photo.files)[0]!.filename).toBe("completion-2026-10.png");
    h.api.clear();
    await h.send(PEOPLE.provinceLeader, "/export csv");
    const doc = h.api.calls.find((c) => c.method === "sendDocument")!;
    expect(Object.values(doc.files)[0]!.filename).toBe("sum-test-2026-10.csv");
    // The quarter does not take December in for the early filer either.
    h.api.clear();
    await h.send(PEOPLE.provinceLeader, "/summary quý 4");
    expect(texts(PEOPLE.provinceLeader.id)).toContain(t("summaries-coverage-months", { months: "tháng 10–11/2026" }));
    // Asked by name, December is still there.
    h.api.clear();
    await h.send(PEOPLE.provinceLeader, "/summary tháng 12/2026");
    expect(texts(PEOPLE.provinceLeader.id)).toContain("TÓM TẮT tháng 12/2026");
  });

  it("'latest' prefers a period past its cut-off, and takes an open one only when nothing else has reports", async () => {
    const latest = async (today?: string) => (await latestReportedPeriod(database.db, TEST_TEMPLATE.id, today))?.periodKey;
    expect(await latest("2026-11-20")).toBe("2026-10");
    // 2026-10's cut-off is 14/10: on 10/10 the newest month due is September.
    expect(await latest("2026-10-10")).toBe("2026-09");
    // Before any cut-off has passed, the newest reported period is all there is.
    expect(await latest("2026-01-01")).toBe("2026-12");
    // Without a date (tools and the benchmark): the newest reported period by cut-off, as before.
    expect(await latest()).toBe("2026-12");
  });
});

describe("/ranking without a year at the turn of the year", () => {
  let database: Database;
  let h: BotHarness;
  let fx: Fixture;

  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database, { clock: new ManualClock(new Date("2026-12-20T02:00:00Z")) });
    fx = await seedSummariesFixture(database.db, h.clock.now());
    await addPerson(database.db, PEOPLE.provinceLeader, [["leader", null]]);
  });
  afterAll(() => database.close());

  it("ranks the year of the latest period whose deadline has passed, not of January opened early", async () => {
    const { period } = await openPeriod(database.db, { templateId: TEST_TEMPLATE.id, periodKey: "2027-01", now: h.clock.now() });
    const tv = await currentTemplateVersion(database.db, TEST_TEMPLATE.id);
    const at = new Date("2026-12-18T03:00:00Z");
    await database.db
      .insert(submissions)
      .values({ periodId: period.id, agencyId: fx.ids.d1, templateVersionId: tv!.id, status: "submitted", version: 1, submittedAt: at, firstSubmittedAt: at, onTime: true });
    expect(await latestDuePeriodKey(database.db, TEST_TEMPLATE.id, "2026-12-20")).toBe("2026-10");

    await h.send(PEOPLE.provinceLeader, "/ranking");
    const out = h.api.textsTo(PEOPLE.provinceLeader.id).join("\n");
    expect(out).not.toContain("2027");
    expect(out).toContain("XẾP HẠNG ỨNG DỤNG CNTT NĂM 2026");
    expect(out).toContain("Tính trên 4 kỳ báo cáo");
    // A year asked for is taken as asked.
    h.api.clear();
    await h.send(PEOPLE.provinceLeader, "/ranking 2027");
    expect(h.api.textsTo(PEOPLE.provinceLeader.id).join("\n")).toContain("năm 2027");
  });
});
