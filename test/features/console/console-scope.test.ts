import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import { findPersonByTelegramId } from "../../../src/features/people/people.repository.ts";
import { auditLog } from "../../../src/features/people/people.table.ts";
import { createBotHarness, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import { addPerson, PEOPLE, seedSummariesFixture, type Fixture } from "../summaries/summaries-fixture.ts";
import { consoleApp, signIn, type ConsoleClient } from "./console-client.ts";

interface Dashboard {
  completion: { required: number; filed: number; onTime: number; late: number; missing: number };
  agencies: { id: number; status: string }[];
  indicators: { key: string; formatted: string; changeFormatted: string | null }[];
  warnings: { agency: string; text: string }[];
  difficulties: { agencies: string[]; text: string }[];
}

describe("console scopes are the chat's scopes", () => {
  let database: Database;
  let h: BotHarness;
  let fx: Fixture;
  let app: ReturnType<typeof consoleApp>;
  const c: Record<string, ConsoleClient> = {};

  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database);
    fx = await seedSummariesFixture(database.db, h.clock.now());
    await addPerson(database.db, PEOPLE.provinceLeader, [["leader", null]]);
    await addPerson(database.db, PEOPLE.coordinator, [["coordinator", null]]);
    await addPerson(database.db, PEOPLE.districtLeader, [["leader", fx.ids.h1]]);
    await addPerson(database.db, PEOPLE.reporterD1, [["reporter", fx.ids.d1]]);
    app = consoleApp(h);
    for (const k of ["provinceLeader", "coordinator", "districtLeader", "reporterD1"] as const) c[k] = await signIn(h, app, PEOPLE[k]);
  }, 180_000);
  afterAll(() => database.close());

  it("a province leader's dashboard: completion, every required agency's state, indicators with change, texts, warnings", async () => {
    const res = await c.provinceLeader!.get("/console/api/dashboard?period=2026-10");
    expect(res.status).toBe(200);
    const d = (await res.json()) as Dashboard;
    expect(d.completion).toEqual({ required: 3, filed: 2, onTime: 1, late: 1, missing: 1, returned: 0 });
    expect(Object.fromEntries(d.agencies.map((a) => [a.id, a.status]))).toEqual({ [fx.ids.d1]: "on-time", [fx.ids.d2]: "late", [fx.ids.h1]: "missing" });
    expect(d.indicators.find((i) => i.key === "services")).toMatchObject({ formatted: "34", changeFormatted: "tăng 4 (+13,3%)" });
    expect(d.difficulties).toEqual([{ agencies: ["Sở Tài chính"], text: "Thiếu máy tính cho bộ phận một cửa.", question: "Khó khăn, vướng mắc" }]);
    expect(d.warnings.map((w) => w.agency)).toContain("Sở Y tế");
  });

  it("an agency head sees their subtree only; another agency is 403", async () => {
    const d = (await (await c.districtLeader!.get("/console/api/dashboard?period=2026-10")).json()) as Dashboard;
    expect(d.agencies.map((a) => a.id)).toEqual([fx.ids.h1]);
    expect((await c.districtLeader!.get(`/console/api/agencies/${fx.ids.h1}?period=2026-10`)).status).toBe(200);
    expect((await c.districtLeader!.get(`/console/api/agencies/${fx.ids.d1}?period=2026-10`)).status).toBe(403);
    expect((await c.districtLeader!.get(`/console/api/compare?period=2026-10&agencies=${fx.ids.h1},${fx.ids.d2}`)).status).toBe(403);
  });

  it("a reporter sees their own agency's page, no aggregates, and no other agency", async () => {
    expect((await c.reporterD1!.get("/console/api/dashboard")).status).toBe(403);
    expect((await c.reporterD1!.get("/console/api/ranking")).status).toBe(403);
    expect((await c.reporterD1!.get("/console/api/export/csv")).status).toBe(403);
    const own = await c.reporterD1!.get(`/console/api/agencies/${fx.ids.d1}?period=2026-10`);
    expect(own.status).toBe(200);
    const body = (await own.json()) as { report: { status: string; answers: { key: string; formatted: string }[] } };
    expect(body.report.status).toBe("on-time");
    expect(body.report.answers.find((a) => a.key === "services")!.formatted).toBe("12");
    expect((await c.reporterD1!.get(`/console/api/agencies/${fx.ids.d2}?period=2026-10`)).status).toBe(403);
    expect((await c.reporterD1!.get(`/console/api/agencies/999999`)).status).toBe(404);
  });

  it("leaders' other pages: compare, ranking with its explanation, trend, export", async () => {
    const cmp = (await (await c.provinceLeader!.get(`/console/api/compare?period=2026-10&agencies=${fx.ids.d1},${fx.ids.d2}`)).json()) as { rows: { key: string; values: (string | null)[] }[] };
    expect(cmp.rows.find((r) => r.key === "services")!.values).toEqual(["12", "22"]);
    const rank = (await (await c.provinceLeader!.get("/console/api/ranking?period=2026-10")).json()) as { rows: { id: number }[]; explanation: string };
    expect(rank.rows.length).toBe(3);
    expect(rank.explanation).toContain(h.deps.t("vi", "summaries-ranking-how-total"));
    const trend = (await (await c.provinceLeader!.get("/console/api/trend?period=2026-10&indicator=services&months=4")).json()) as { points: { period: string; value: number }[] };
    expect(trend.points.map((p) => [p.period, p.value])).toEqual([["2026-07", 35], ["2026-08", 35], ["2026-09", 35], ["2026-10", 34]]);
    const csv = await c.provinceLeader!.get("/console/api/export/csv?period=2026-10");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-disposition")).toContain("sum-test-2026-10.csv");
  });

  it("coordinators' pages are refused to leaders; a coordinator changes a role, audited as in chat, and the chat applies it", async () => {
    expect((await c.provinceLeader!.get("/console/api/admin/people")).status).toBe(403);
    const people = (await (await c.coordinator!.get("/console/api/admin/people?q=" + encodeURIComponent(PEOPLE.reporterD1.first_name))).json()) as { people: { id: number; roles: string[] }[] };
    const target = people.people[0]!;
    expect(target.roles).toEqual([`reporter:${fx.ids.d1}`]);
    const res = await c.coordinator!.send("POST", `/console/api/admin/people/${target.id}/roles`, { add: [`leader:${fx.ids.d1}`], remove: [`reporter:${fx.ids.d1}`] });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { roles: string[] }).roles).toEqual([`leader:${fx.ids.d1}`]);
    const coordinator = await findPersonByTelegramId(database.db, PEOPLE.coordinator.id);
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.target, `person:${target.id}`));
    expect(audit.map((a) => [a.action, a.actorPersonId])).toEqual([["person.role-remove", coordinator!.person.id], ["person.role-add", coordinator!.person.id]]);
    // The chat now treats them as the agency's leader: /summary answers instead of refusing.
    h.api.clear();
    await h.send(PEOPLE.reporterD1, "/summary 2026-10");
    expect(h.api.textsTo(PEOPLE.reporterD1.id).join("\n")).toContain("tháng 10/2026");
    // Nobody changes their own access.
    const self = await c.coordinator!.send("POST", `/console/api/admin/people/${coordinator!.person.id}/roles`, { remove: ["coordinator"] });
    expect(self.status).toBe(403);
  });

  it("a coordinator previews an agencies file, then applies it through the CLI's import, audited", async () => {
    const csv = "code,name,kind,parent_code\nT-TC,Sở Tài chính (mới),department,PROV\nT-NEW,Sở Thử Nghiệm Mới,department,PROV\n";
    const preview = await c.coordinator!.send("POST", "/console/api/admin/agencies/import/preview", { csv });
    expect(preview.status).toBe(200);
    const body = (await preview.json()) as { changes: { code: string; change: string }[] };
    expect(body.changes.map((x) => [x.code, x.change])).toEqual([["T-TC", "update"], ["T-NEW", "create"]]);
    const bad = await c.coordinator!.send("POST", "/console/api/admin/agencies/import/preview", { csv: "code,name\nX,Y\n" });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { problems: unknown[] }).problems.length).toBeGreaterThan(0);
    expect((await c.provinceLeader!.send("POST", "/console/api/admin/agencies/import/apply", { csv })).status).toBe(403);
    const applied = await c.coordinator!.send("POST", "/console/api/admin/agencies/import/apply", { csv });
    expect(await applied.json()).toMatchObject({ ok: true, created: 1, updated: 1 });
    const coordinator = await findPersonByTelegramId(database.db, PEOPLE.coordinator.id);
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.actorPersonId, coordinator!.person.id));
    expect(audit.filter((a) => a.target.startsWith("agency:")).length).toBe(2);
  });
});
