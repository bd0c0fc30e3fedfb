// What a person can type that the system then could not store or show: each is refused at the door with a clear
// message, and every screen that follows fits Telegram (the fake Bot API refuses what Telegram refuses).
import type { Update } from "grammy/types";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.ts";
import { agencies } from "../../src/features/agencies/agencies.table.ts";
import { broadcasts } from "../../src/features/outbox/outbox.table.ts";
import { openPeriod } from "../../src/features/reports/periods.repository.ts";
import { renderChart, rankingChartSpec } from "../../src/features/summaries/charts.ts";
import { TEMPLATE_LIMITS, templateDefinitionSchema } from "../../src/features/templates/template-definition.ts";
import { importTemplate } from "../../src/features/templates/templates.repository.ts";
import { createBotHarness, type BotHarness } from "../support/bot-harness.ts";
import { createTestDatabase } from "../support/test-db.ts";
import { photoUpdate, type TestUser } from "../support/updates.ts";
import { addAgency, addPerson, draftsOf, submissionFor } from "../features/reports/report-fixtures.ts";

const L = (vi: string) => ({ vi, en: `${vi} (en)` });
const def = templateDefinitionSchema.parse({
  id: "typed",
  title: L("Nhập liệu"),
  cadence: "one-off",
  agencies: { mode: "all" },
  questions: [
    { key: "note", type: "short-text", label: L("Ghi chú bắt buộc") },
    { key: "count", type: "integer", label: L("Số lượng") },
  ],
});

describe("typed input that cannot be stored or shown", () => {
  let database: Database;
  let h: BotHarness;
  let periodId: number;
  const t = (k: string, a?: Record<string, string | number>) => h.deps.t("vi", k, a);
  const texts = (u: TestUser) => h.api.textsTo(u.id);
  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database);
    await importTemplate(database.db, def, h.clock.now());
    periodId = (await openPeriod(database.db, { templateId: "typed", periodKey: "dot-1", deadlineOn: "2026-12-01", now: h.clock.now() })).period.id;
  });
  afterAll(() => database.close());

  it("a NUL in an answer is refused with a clear message (not 'try again later'), a zero-width answer is empty, and '12 5' is not 125", async () => {
    const agency = await addAgency(database.db);
    const { user: u } = await addPerson(database.db, "Nhập Liệu", [["reporter", agency.id]]);
    await h.send(u, "/report");
    expect(texts(u).at(-1)).toContain("Ghi chú bắt buộc");

    await h.send(u, "Ghi\u0000chú");
    expect(texts(u).at(-1)).toBe(t("input-unusable-characters", { character: "U+0000" }));
    expect(texts(u)).not.toContain(t("error-generic"));
    expect(texts(u)).not.toContain(t("error-unavailable"));

    await h.send(u, "\u200b\u200b\u200b");
    expect(texts(u).at(-2)).toBe(t("report-error-text"));
    expect(texts(u).at(-1)).toContain("Ghi chú bắt buộc");
    const sub = await submissionFor(database.db, periodId, agency.id);
    expect(await draftsOf(database.db, sub.id)).toEqual({});

    await h.send(u, "Ghi chú thật");
    expect(texts(u).at(-1)).toContain("Số lượng");
    await h.send(u, "12 5");
    expect(texts(u).at(-2)).toBe(t("report-error-integer"));
    await h.send(u, "1 250");
    expect(await draftsOf(database.db, sub.id)).toEqual({ note: "Ghi chú thật", count: 1250 });
    expect(h.api.refusals).toEqual([]);
  });

  it("a 4,950-character agency name stored before names were limited still lets /report open", async () => {
    const agency = await addAgency(database.db, "department", "Sở ".repeat(1650));
    const { user: u } = await addPerson(database.db, "Tên Dài", [["reporter", agency.id]]);
    await h.send(u, "/report");
    expect(texts(u).at(-1)).toContain("Ghi chú bắt buộc");
    expect(texts(u)).not.toContain(t("error-generic"));
    expect(h.api.refusals).toEqual([]);
  });

  it("a broadcast with a NUL, of only zero-width spaces, or with a 1,500-character caption is refused at compose; a good one goes on", async () => {
    const { user: c } = await addPerson(database.db, "Điều Phối", [["coordinator", null]]);
    await addPerson(database.db, "Người Nhận", [["reporter", (await addAgency(database.db)).id]]);
    const before = (await database.db.select().from(broadcasts)).length;
    await h.send(c, "/broadcast");
    await h.send(c, "Thông\u0000 báo");
    expect(texts(c).at(-1)).toBe(t("input-unusable-characters", { character: "U+0000" }));
    await h.send(c, "\u200b\u200b");
    expect(texts(c).at(-1)).toBe(t("broadcast-compose-empty"));
    const photo = photoUpdate(c) as Update & { message: { caption?: string } };
    photo.message.caption = "Chú thích ".repeat(150);
    await h.handle(photo);
    expect(texts(c).at(-1)).toBe(t("broadcast-caption-too-long", { length: 1500, max: 1024 }));

    photo.message.caption = "Lịch tập huấn";
    photo.update_id += 1_000_000;
    await h.handle(photo);
    await h.press(c, "bc:aud:all");
    await h.press(c, "bc:ackq:no");
    expect(h.api.callsOf("sendPhoto").at(-1)).toMatchObject({ chat_id: c.id, caption: "Lịch tập huấn" });
    await h.press(c, "bc:send");
    expect((await database.db.select().from(broadcasts)).length).toBe(before + 1);
    expect(texts(c)).not.toContain(t("error-generic"));
    expect(h.api.refusals).toEqual([]);
  });

  it("a control character in a stored agency name no longer breaks the ranking chart", async () => {
    const [a] = await database.db.insert(agencies).values({ code: "CTRL-1", name: "Sở\u0007 Y tế\u0001", kind: "department" }).returning();
    const stored = await database.db.select().from(agencies).where(eq(agencies.id, a!.id));
    const png = await renderChart(rankingChartSpec("Xếp hạng", [{ name: stored[0]!.name, score: 50, label: "50" }], "điểm"));
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
  });

  it("a template at every limit gives question screens and a review that Telegram takes", async () => {
    const big = (n: number, c = "Đ") => ({ vi: c.repeat(n), en: c.repeat(n) });
    const choices = Array.from({ length: TEMPLATE_LIMITS.choices }, (_, i) => ({ value: `c${i}`.padEnd(32, "x"), label: big(TEMPLATE_LIMITS.choiceLabelChars, "ữ") }));
    const questions = Array.from({ length: TEMPLATE_LIMITS.questions }, (_, i) => ({
      key: `q${i}`,
      type: i === 0 ? "multi-choice" : "long-text",
      required: false,
      label: big(TEMPLATE_LIMITS.labelChars, "Ở"),
      help: big(TEMPLATE_LIMITS.helpChars, "ẫ"),
      ...(i === 0 ? { choices } : {}),
    }));
    const max = templateDefinitionSchema.parse({ id: "at-limits", title: big(TEMPLATE_LIMITS.titleChars, "T"), cadence: "one-off", questions });
    await importTemplate(database.db, max, h.clock.now());
    const { period } = await openPeriod(database.db, { templateId: "at-limits", periodKey: "dot-1", deadlineOn: "2026-12-01", now: h.clock.now() });
    const agency = await addAgency(database.db, "department", "Ơ".repeat(200));
    const { user: u } = await addPerson(database.db, "Giới Hạn", [["reporter", agency.id]]);
    h.api.clear();
    await h.send(u, "/report");
    await h.press(u, `report:start:${period.id}:${agency.id}`);
    expect(texts(u).at(-1)).toContain("Ở".repeat(TEMPLATE_LIMITS.labelChars));
    await h.press(u, `report:t:0:${choices[1]!.value}`);
    await h.press(u, "report:d:0");
    await h.send(u, "ẫ".repeat(3000));
    for (let i = 2; i < TEMPLATE_LIMITS.questions; i++) await h.press(u, `report:s:${i}`);
    const review = h.api.callsOf("sendMessage").filter((m) => m.chat_id === u.id && m.reply_markup);
    expect(JSON.stringify(review.at(-1)!.reply_markup)).toContain("report:sub");
    expect(texts(u)).not.toContain(t("error-generic"));
    expect(h.api.refusals).toEqual([]);
  });
});
