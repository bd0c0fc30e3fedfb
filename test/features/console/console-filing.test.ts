import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import { createBotHarness, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import type { TestUser } from "../../support/updates.ts";
import { addAgency, addPerson, draftsOf, itPlanPeriod, label, submissionFor } from "../reports/report-fixtures.ts";
import { consoleApp, signIn, type ConsoleClient } from "./console-client.ts";

interface FilingPage {
  report: { id: number; status: string; revision: number; answered: number; total: number; reference: string | null };
  questions: { key: string; value: string | null; applicable: boolean; required: boolean }[];
}

describe("the reporter's form shares the chat's draft, parser, rules and submission", () => {
  let database: Database;
  let h: BotHarness;
  let app: ReturnType<typeof consoleApp>;
  let periodId: number;
  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database);
    h.clock.set(new Date("2026-11-16T02:00:00Z"));
    periodId = (await itPlanPeriod(database.db, "2026-11", h.clock.now())).id;
    app = consoleApp(h);
  }, 180_000);
  afterAll(() => database.close());

  const last = (u: TestUser) => h.api.textsTo(u.id).at(-1) ?? "";
  const t = (key: string, args?: Record<string, string | number>) => h.deps.t("vi", key, args);
  const page = async (c: ConsoleClient, agencyId: number) => {
    const res = await c.get(`/console/api/filing?agency=${agencyId}&period=2026-11`);
    expect(res.status).toBe(200);
    return (await res.json()) as FilingPage;
  };
  const save = (c: ConsoleClient, agency: number, key: string, value: unknown, revision: number, confirm?: boolean) =>
    c.send("PUT", "/console/api/filing/answer", { agency, period: "2026-11", key, value, revision, ...(confirm ? { confirm } : {}) });

  it("a draft begun in chat continues in the form, and the chat then continues from the form's answer", async () => {
    const agency = await addAgency(database.db);
    const { user } = await addPerson(database.db, "Trần Thị Biểu", [["reporter", agency.id]]);
    await h.send(user, "/report");
    await h.send(user, "85,5");
    expect(last(user)).toContain("Câu 2/14");

    const c = await signIn(h, app, user);
    let p = await page(c, agency.id);
    expect(p.questions.find((q) => q.key === "docs_electronic_pct")!.value).toBe("85,5%");
    expect(p.report.answered).toBe(1);

    // The chat's parser answers the form too, in the person's language.
    const bad = await save(c, agency.id, "online_services", "abc", p.report.revision);
    expect(bad.status).toBe(422);
    const good = await save(c, agency.id, "leaders_use_system", "partly", p.report.revision);
    expect(good.status).toBe(200);
    const saved = (await good.json()) as { revision: number; value: string };
    expect(saved.value).toBe("Một phần");
    const ok2 = await save(c, agency.id, "online_services", "12", saved.revision);
    expect(ok2.status).toBe(200);
    // A page showing an older revision cannot overwrite what was saved since (the guarded save refuses it).
    const stale = await save(c, agency.id, "online_services", "13", saved.revision);
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { error: string }).error).toBe(t("console-filing-not-saved-changed"));

    const sub = await submissionFor(database.db, periodId, agency.id);
    expect(await draftsOf(database.db, sub.id)).toMatchObject({ docs_electronic_pct: 85.5, leaders_use_system: "partly", online_services: 12 });

    // Back in chat: the report resumes at the first question the form left unanswered.
    await h.send(user, "/cancel");
    await h.send(user, "/report");
    const out = h.api.textsTo(user.id).slice(-3).join("\n");
    expect(out).toContain(t("report-resume", { answered: 3, total: 14 }));
    expect(out).toContain(label("dossiers_online"));
  });

  it("applies the chat's cross-field rules (hard and confirmable), then submits with the chat's submission", async () => {
    const agency = await addAgency(database.db);
    const { user } = await addPerson(database.db, "Lê Văn Form", [["reporter", agency.id]]);
    const c = await signIn(h, app, user);
    let rev = (await page(c, agency.id)).report.revision;
    const put = async (key: string, value: unknown, confirm?: boolean) => {
      const res = await save(c, agency.id, key, value, rev, confirm);
      if (res.status === 200) rev = ((await res.json()) as { revision: number }).revision;
      return res;
    };
    for (const [k, v] of [["docs_electronic_pct", "90"], ["leaders_use_system", "yes"], ["online_services", "10"], ["dossiers_online", "150"]] as const)
      expect((await put(k, v)).status).toBe(200);
    const hard = await put("dossiers_total", "100");
    expect(hard.status).toBe(422);
    expect(((await hard.json()) as { error: string }).error).toBe(
      t("report-error-lte", { label: label("dossiers_online"), value: "150", other: label("dossiers_total"), otherValue: "100" }),
    );
    for (const [k, v] of [["dossiers_total", "1.200"], ["staff_trained", "5"], ["outreach_events", "3"], ["budget_allocated", "1,5 tỷ"]] as const)
      expect((await put(k, v)).status).toBe(200);
    const soft = await put("budget_disbursed", "2 tỷ");
    expect(soft.status).toBe(422);
    expect(((await soft.json()) as { confirmable?: boolean }).confirmable).toBe(true);
    expect((await put("budget_disbursed", "2 tỷ", true)).status).toBe(200);
    expect((await put("connected_systems", "4")).status).toBe(200);
    // Not asked unless the project is behind: skip logic as in chat.
    expect((await put("behind_reason", "x")).status).toBe(422);
    expect((await put("project_status", "on_schedule")).status).toBe(200);

    const early = await c.send("POST", "/console/api/filing/submit", { agency: agency.id, period: "2026-11", revision: rev });
    expect(early.status).toBe(422);
    expect(((await early.json()) as { problems: string[] }).problems).toEqual(["difficulties", "proposals", "signed_report"]);
    for (const k of ["difficulties", "proposals", "signed_report"]) expect((await put(k, null)).status).toBe(200);
    const filed = await c.send("POST", "/console/api/filing/submit", { agency: agency.id, period: "2026-11", revision: rev });
    expect(filed.status).toBe(200);
    const body = (await filed.json()) as { reference: string; onTime: boolean };
    expect(body.onTime).toBe(true);
    expect((await submissionFor(database.db, periodId, agency.id)).refNo).toBe(body.reference);

    // The chat sees the filed report.
    await h.send(user, "/status");
    expect(last(user)).toContain(t("report-short-submitted"));
  });

  it("refuses another agency's form with 403, and a leader without a reporter role", async () => {
    const mine = await addAgency(database.db);
    const other = await addAgency(database.db);
    const { user } = await addPerson(database.db, "Phạm Thị Phạm Vi", [["reporter", mine.id]]);
    const c = await signIn(h, app, user);
    expect((await c.get(`/console/api/filing?agency=${other.id}&period=2026-11`)).status).toBe(403);
    expect((await save(c, other.id, "docs_electronic_pct", "50", 0)).status).toBe(403);
    const leader = await addPerson(database.db, "Lãnh đạo", [["leader", null]]);
    const lc = await signIn(h, app, leader.user);
    expect((await lc.get(`/console/api/filing?agency=${mine.id}&period=2026-11`)).status).toBe(403);
  });
});
