import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import { memberships } from "../../../src/features/people/people.table.ts";
import { createBotHarness, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import type { TestUser } from "../../support/updates.ts";
import { addAgency, addPerson, draftsOf, itPlanPeriod, qi, submissionFor } from "./report-fixtures.ts";

/**
 * A screen acts only while what it was shown under still holds: the draft it showed, the person's right to
 * file, the period and amendment window, the report it belongs to.
 */
describe("report filing: stale screens and lost rights", () => {
  let database: Database;
  let h: BotHarness;
  let periodId: number;
  const t = (key: string, args?: Record<string, string | number>) => h.deps.t("vi", key, args);
  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database);
    h.clock.set(new Date("2026-11-16T02:00:00Z"));
    periodId = (await itPlanPeriod(database.db, "2026-11", h.clock.now())).id;
  });
  afterAll(() => database.close());

  const last = (u: TestUser) => h.api.textsTo(u.id).at(-1) ?? "";
  const texts = (u: TestUser) => h.api.textsTo(u.id);

  const submissionOf = (agencyId: number) => submissionFor(database.db, periodId, agencyId);
  const drafts = (submissionId: number) => draftsOf(database.db, submissionId);
  /** From question 1 to the review (project on schedule, optional ones skipped). */
  async function fillAll(user: TestUser, opts: { start?: boolean } = {}) {
    if (opts.start !== false) await h.send(user, "/report");
    await h.send(user, "80");
    await h.press(user, `report:c:${qi("leaders_use_system")}:yes`);
    for (const v of ["5", "10", "100", "2", "1", "500 triệu", "200tr", "3"]) await h.send(user, v);
    await h.press(user, `report:c:${qi("project_status")}:on_schedule`);
    for (const k of ["difficulties", "proposals", "signed_report"]) await h.press(user, `report:s:${qi(k)}`);
    expect(last(user)).toContain("Xem lại các câu trả lời");
  }
  /** The buttons of the last message sent to the user that had any. */
  function lastButtons(user: TestUser): Array<{ text: string; callback_data: string }> {
    const sent = h.api.callsOf("sendMessage").filter((c) => Number(c.chat_id) === user.id && c.reply_markup);
    const markup = sent.at(-1)!.reply_markup as { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> };
    return markup.inline_keyboard.flat();
  }

  it("marks every button of a report with its submission", async () => {
    const agency = await addAgency(database.db);
    const { user } = await addPerson(database.db, "Đánh Dấu", [["reporter", agency.id]]);
    await h.send(user, "/report");
    await h.send(user, "80");
    const s = await submissionOf(agency.id);
    const data = lastButtons(user).map((b) => b.callback_data);
    expect(data[0]).toBe(`report:c@${s.id}:${qi("leaders_use_system")}:yes`);
    expect(data.at(-1)).toBe(`report:later@${s.id}`);
    for (const d of data) expect(d).toMatch(new RegExp(`^report:[a-z]+@${s.id}(:|$)`));
    // A marked button is pressed like any other.
    await h.press(user, data[0]!);
    expect((await drafts(s.id)).leaders_use_system).toBe("yes");
  });

  it("an old button from another agency's report does not act on the report open now", async () => {
    const a1 = await addAgency(database.db, "department", "Sở Một");
    const a2 = await addAgency(database.db, "department", "Sở Hai");
    const { user } = await addPerson(database.db, "Hai Đơn Vị", [["reporter", a1.id], ["reporter", a2.id]]);
    await h.press(user, `report:start:${periodId}:${a1.id}`);
    await fillAll(user, { start: false });
    const firstReview = lastButtons(user);
    const submitFirst = firstReview.find((b) => b.text === t("report-button-submit"))!;
    await h.press(user, `report:start:${periodId}:${a2.id}`);
    await fillAll(user, { start: false });
    // Scrolls up and presses "Nộp báo cáo" under the first agency's review.
    await h.press(user, submitFirst.callback_data);
    expect((await submissionOf(a2.id)).status).toBe("draft");
    expect((await submissionOf(a1.id)).status).toBe("draft");
    expect(h.api.callsOf("answerCallbackQuery").at(-1)).toMatchObject({ text: t("report-button-stale") });
    // The second report's own button still works.
    const submitSecond = lastButtons(user).find((b) => b.text === t("report-button-submit"))!;
    await h.press(user, submitSecond.callback_data);
    expect((await submissionOf(a2.id)).status).toBe("submitted");
  });

  it("a reporter moved to another agency can no longer change or submit the old agency's report", async () => {
    const agency = await addAgency(database.db);
    const other = await addAgency(database.db);
    const { person, user } = await addPerson(database.db, "Chuyển Công Tác", [["reporter", agency.id]]);
    await fillAll(user);
    await database.db.update(memberships).set({ agencyId: other.id }).where(eq(memberships.personId, person.id));
    await h.press(user, `report:e:${qi("docs_electronic_pct")}`);
    await h.send(user, "99");
    expect(last(user)).toBe(t("report-refused-no-right"));
    const s = await submissionOf(agency.id);
    expect((await drafts(s.id)).docs_electronic_pct).toBe(80);
    expect(s.editingPersonId).toBeNull();
    await h.press(user, "report:sub");
    expect((await submissionOf(agency.id)).status).toBe("draft");
  });

  it("a delegate whose delegation ended cannot submit for the agency", async () => {
    const agency = await addAgency(database.db);
    const own = await addAgency(database.db);
    const { user: coord } = await addPerson(database.db, "Điều Phối", [["coordinator", null]]);
    const { user: sub } = await addPerson(database.db, "Người Thay", [["reporter", own.id]]);
    await h.send(coord, `/delegate ${agency.code} ${sub.id} 10/11/2026 16/11/2026`);
    await h.press(sub, `report:start:${periodId}:${agency.id}`);
    await fillAll(sub, { start: false });
    h.clock.set(new Date("2026-11-17T02:00:00Z"));
    try {
      await h.press(sub, "report:sub");
      expect(last(sub)).toBe(t("report-refused-no-right"));
      expect((await submissionOf(agency.id)).status).toBe("draft");
    } finally {
      h.clock.set(new Date("2026-11-16T02:00:00Z"));
    }
  });

  it("after a colleague took over, answered and let go, the first reporter's old screen overwrites nothing and shows where the report stands", async () => {
    const agency = await addAgency(database.db);
    const { user: a } = await addPerson(database.db, "Người A", [["reporter", agency.id]]);
    const { user: b } = await addPerson(database.db, "Người B", [["reporter", agency.id]]);
    await h.send(a, "/report");
    await h.send(a, "70");
    expect(last(a)).toContain("Câu 2/14");
    const s = await submissionOf(agency.id);
    await h.send(b, "/report");
    await h.press(b, `report:take:${s.id}`);
    await h.press(b, `report:c:${qi("leaders_use_system")}:partly`);
    await h.send(b, "9");
    await h.press(b, "report:later");
    // A still has question 2 on screen and presses "Không".
    await h.press(a, `report:c:${qi("leaders_use_system")}:no`);
    expect(await drafts(s.id)).toEqual({ docs_electronic_pct: 70, leaders_use_system: "partly", online_services: 9 });
    const told = texts(a).slice(-2);
    expect(told[0]).toBe(t("report-changed-meanwhile"));
    // Where the report stands now: question 4, after B's answers.
    expect(told[1]).toContain("Câu 4/14");
    // And from there A goes on as usual.
    await h.send(a, "100");
    expect((await drafts(s.id)).dossiers_online).toBe(100);
  });

  it("a review shown before a colleague changed an answer does not submit what its reporter never saw", async () => {
    const agency = await addAgency(database.db);
    const { user: a } = await addPerson(database.db, "Người E", [["reporter", agency.id]]);
    const { user: b } = await addPerson(database.db, "Người F", [["reporter", agency.id]]);
    await fillAll(a);
    const s = await submissionOf(agency.id);
    await h.press(b, `report:take:${s.id}`);
    await h.press(b, `report:e:${qi("docs_electronic_pct")}`);
    await h.send(b, "5");
    await h.press(b, "report:later");
    await h.press(a, "report:sub");
    expect((await submissionOf(agency.id)).status).toBe("draft");
    const told = texts(a).slice(-2);
    expect(told[0]).toBe(t("report-changed-meanwhile"));
    // The review again, with the colleague's 5 %; submitting from it now works.
    expect(told[1]).toContain("5%");
    await h.press(a, "report:sub");
    expect((await submissionOf(agency.id)).status).toBe("submitted");
  });

  it("switching to another agency's report lets go of the pen on the first", async () => {
    const a1 = await addAgency(database.db);
    const a2 = await addAgency(database.db);
    const { user } = await addPerson(database.db, "Đổi Báo Cáo", [["reporter", a1.id], ["reporter", a2.id]]);
    const { user: colleague } = await addPerson(database.db, "Đồng Nghiệp", [["reporter", a1.id]]);
    await h.press(user, `report:start:${periodId}:${a1.id}`);
    await h.send(user, "60");
    await h.press(user, `report:start:${periodId}:${a2.id}`);
    expect(last(user)).toContain("Câu 1/14");
    expect((await submissionOf(a1.id)).editingPersonId).toBeNull();
    await h.send(colleague, "/report");
    expect(last(colleague)).toContain("Câu 2/14");
  });

  it("once the amendment window has closed, ✏️ on a review shown before it is refused and nothing is saved", async () => {
    const agency = await addAgency(database.db);
    const { user } = await addPerson(database.db, "Sát Hạn", [["reporter", agency.id]]);
    await fillAll(user);
    await h.press(user, "report:sub");
    expect((await submissionOf(agency.id)).status).toBe("submitted");
    // 17/11 23:50 local (the deadline day): the amendment review.
    h.clock.set(new Date("2026-11-17T16:50:00Z"));
    try {
      await h.send(user, "/report");
      // 18/11 00:10: ✏️ on that review.
      h.clock.set(new Date("2026-11-17T17:10:00Z"));
      await h.press(user, `report:e:${qi("docs_electronic_pct")}`);
      const told = texts(user).slice(-2);
      expect(told[0]).toBe(t("report-refused-amend-closed"));
      expect(told[1]).not.toContain("Câu");
      await h.send(user, "10");
      const s = await submissionOf(agency.id);
      expect((await drafts(s.id)).docs_electronic_pct).toBe(80);
    } finally {
      h.clock.set(new Date("2026-11-16T02:00:00Z"));
    }
  });

  it("an answer typed on a question shown before the window closed is not saved after it", async () => {
    const agency = await addAgency(database.db);
    const { user } = await addPerson(database.db, "Sát Giờ", [["reporter", agency.id]]);
    await fillAll(user);
    await h.press(user, "report:sub");
    h.clock.set(new Date("2026-11-17T16:50:00Z"));
    try {
      await h.send(user, "/report");
      await h.press(user, `report:e:${qi("docs_electronic_pct")}`);
      expect(last(user)).toContain("Câu 1/");
      h.clock.set(new Date("2026-11-17T17:10:00Z"));
      await h.send(user, "10");
      expect(texts(user).slice(-2)[0]).toBe(t("report-refused-amend-closed"));
      const s = await submissionOf(agency.id);
      expect((await drafts(s.id)).docs_electronic_pct).toBe(80);
    } finally {
      h.clock.set(new Date("2026-11-16T02:00:00Z"));
    }
  });

  it("once the window has closed, the review shows the report as filed, not changes saved but never submitted", async () => {
    const agency = await addAgency(database.db);
    const { user } = await addPerson(database.db, "Chưa Nộp Lại", [["reporter", agency.id]]);
    await fillAll(user);
    await h.press(user, "report:sub");
    // Before the deadline: opens the amendment review, changes an answer, never submits it.
    await h.send(user, "/report");
    await h.press(user, `report:e:${qi("docs_electronic_pct")}`);
    await h.send(user, "10");
    expect(last(user)).toContain("10%");
    h.clock.set(new Date("2026-11-18T02:00:00Z"));
    try {
      // The review is still open in the chat: ✏️ is refused and the review comes back, read-only.
      await h.press(user, `report:e:${qi("docs_electronic_pct")}`);
      const [told, review] = texts(user).slice(-2);
      expect(told).toBe(t("report-refused-amend-closed"));
      expect(review).toContain("80%");
      expect(review).not.toContain("10%");
      // And /report says the window is closed.
      await h.send(user, "/report");
      expect(last(user)).toContain("IT-PLAN-2026-11");
    } finally {
      h.clock.set(new Date("2026-11-16T02:00:00Z"));
    }
  });
});
