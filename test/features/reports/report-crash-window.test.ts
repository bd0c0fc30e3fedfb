import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import { FakeBotApi } from "../../../src/demo/fake-bot-api.ts";
import { submissionVersions } from "../../../src/features/reports/reports.table.ts";
import { createBotHarness, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import { textUpdate, type TestUser } from "../../support/updates.ts";
import { addAgency, addPerson, draftsOf, itPlanPeriod, label, qi, submissionFor } from "./report-fixtures.ts";

/**
 * The process dies right after an update's database commit (a saved answer, a submission): the next screen
 * never reaches Telegram and the conversation's own step (its state, written last) is never written. Then a
 * new process (a new bot over the same database) gets the person's next action.
 */
describe("a crash between a saved step and its reply", () => {
  let database: Database;
  let periodId: number;
  const at = new Date("2026-11-16T02:00:00Z");
  beforeAll(async () => {
    database = await createTestDatabase();
    periodId = (await itPlanPeriod(database.db, "2026-11", at)).id;
  });
  afterAll(() => database.close());

  /** A bot whose process "dies" after the commits of the next update: no reply gets out, no conversation state is written. */
  async function dyingBot() {
    let dying = false;
    const doomed: Database = {
      ...database,
      withChatLock: (chatId, fn, reads) => database.withChatLock(chatId, (scope) => fn(dying ? { results: scope.results, atUnlock: () => undefined } : scope), reads),
    };
    const api = new FakeBotApi();
    api.addFault((call) => (dying && call.method.startsWith("send") ? { status: 500, body: { ok: false, error_code: 500, description: "Internal Server Error" } } : undefined));
    const h = await createBotHarness(doomed, { api });
    h.clock.set(at);
    return { h, die: () => void (dying = true) };
  }
  const restarted = async () => {
    const h = await createBotHarness(database);
    h.clock.set(at);
    return h;
  };
  const last = (h: BotHarness, u: TestUser) => h.api.textsTo(u.id).at(-1) ?? "";
  const t = (h: BotHarness, key: string) => h.deps.t("vi", key);

  async function reporterAtQuestion3() {
    const agency = await addAgency(database.db);
    const { user } = await addPerson(database.db, "Lê Văn Sập", [["reporter", agency.id]]);
    const { h, die } = await dyingBot();
    await h.send(user, "/report");
    await h.send(user, "85");
    return { agency, user, h, die };
  }

  it("a different choice pressed on the old screen is saved, and nobody is blamed", async () => {
    const { agency, user, h, die } = await reporterAtQuestion3();
    expect(last(h, user)).toContain(label("leaders_use_system"));
    die();
    await h.press(user, `report:c:${qi("leaders_use_system")}:yes`);
    const s = await submissionFor(database.db, periodId, agency.id);
    expect((await draftsOf(database.db, s.id)).leaders_use_system).toBe("yes");

    const h2 = await restarted();
    // The person still sees question 2 and picks another answer there.
    await h2.press(user, `report:c:${qi("leaders_use_system")}:partly`);
    const texts = h2.api.textsTo(user.id);
    expect(texts.join("\n")).not.toContain(t(h2, "report-changed-meanwhile"));
    expect(texts.at(-1)).toContain("Câu 3/14");
    expect(texts.at(-1)).toContain(label("online_services"));
    expect((await draftsOf(database.db, s.id)).leaders_use_system).toBe("partly");
  });

  it("the same answer typed again moves on; a new one is taken as the answer to the question now asked, and said so", async () => {
    const { agency, user, h, die } = await reporterAtQuestion3();
    await h.press(user, `report:c:${qi("leaders_use_system")}:yes`);
    die();
    const lost = textUpdate(user, "12");
    await h.handle(lost);
    const s = await submissionFor(database.db, periodId, agency.id);
    expect((await draftsOf(database.db, s.id)).online_services).toBe(12);

    const h2 = await restarted();
    // Telegram redelivers the update whose reply was lost: it was handled, so it is not handled twice.
    await h2.handle(lost);
    expect(h2.api.textsTo(user.id)).toEqual([]);
    // The person, still looking at question 3, types the same answer again: the report simply moves on.
    await h2.send(user, "12");
    expect(h2.api.textsTo(user.id)).toHaveLength(1);
    expect(last(h2, user)).toContain("Câu 4/14");
    expect(last(h2, user)).toContain(label("dossiers_online"));

    // The same crash again, and this time the answer typed after the restart is a new one.
    const { h: h3, die: die3 } = await dyingBot();
    die3();
    await h3.send(user, "40");
    expect((await draftsOf(database.db, s.id)).dossiers_online).toBe(40);
    const h4 = await restarted();
    await h4.send(user, "150");
    const texts = h4.api.textsTo(user.id);
    expect(texts.join("\n")).not.toContain(t(h4, "report-changed-meanwhile"));
    expect(texts[0]).toContain("câu 5");
    expect(texts[0]).toContain(label("dossiers_total"));
    expect(texts.at(-1)).toContain("Câu 6/14");
    const drafts = await draftsOf(database.db, s.id);
    expect(drafts.dossiers_online).toBe(40);
    expect(drafts.dossiers_total).toBe(150);
  });

  it("a second press of 'Nộp' after the first one's confirmation was lost shows that confirmation with its reference", async () => {
    const agency = await addAgency(database.db);
    const { user, person } = await addPerson(database.db, "Phạm Thị Nộp", [["reporter", agency.id]]);
    const { h, die } = await dyingBot();
    await h.send(user, "/report");
    const script: Array<() => Promise<void>> = [
      () => h.send(user, "85"),
      () => h.press(user, `report:c:${qi("leaders_use_system")}:yes`),
      () => h.send(user, "12"),
      () => h.send(user, "150"),
      () => h.send(user, "1.200"),
      () => h.send(user, "5"),
      () => h.send(user, "3"),
      () => h.send(user, "1,5 tỷ"),
      () => h.send(user, "900 triệu"),
      () => h.send(user, "4"),
      () => h.press(user, `report:c:${qi("project_status")}:on_schedule`),
      () => h.press(user, `report:s:${qi("difficulties")}`),
      () => h.press(user, `report:s:${qi("proposals")}`),
      () => h.press(user, `report:s:${qi("signed_report")}`),
    ];
    for (const step of script) await step();
    expect(last(h, user)).toContain("hoặc nộp báo cáo");
    const s = await submissionFor(database.db, periodId, agency.id);
    die();
    await h.press(user, `report:sub@${s.id}`);
    const filed = await submissionFor(database.db, periodId, agency.id);
    expect(filed.status).toBe("submitted");
    expect(filed.refNo).toBeTruthy();

    const h2 = await restarted();
    await h2.press(user, `report:sub@${s.id}`);
    const texts = h2.api.textsTo(user.id);
    expect(texts.join("\n")).not.toContain(t(h2, "report-changed-meanwhile"));
    expect(texts.at(-1)).toContain("Đã nộp báo cáo");
    expect(texts.at(-1)).toContain(filed.refNo!);
    const versions = await database.db.select().from(submissionVersions).where(eq(submissionVersions.submissionId, s.id));
    expect(versions).toMatchObject([{ version: 1, event: "submitted", personId: person.id }]);
  });
});
