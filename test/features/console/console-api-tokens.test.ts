import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import { apiTokens } from "../../../src/features/console/api-tokens.table.ts";
import { hashApiToken } from "../../../src/features/console/api-tokens.repository.ts";
import { OPENAPI_DOCUMENT } from "../../../src/features/console/openapi.ts";
import { auditLog } from "../../../src/features/people/people.table.ts";
import { createBotHarness, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import { addPerson, PEOPLE, seedSummariesFixture, type Fixture } from "../summaries/summaries-fixture.ts";
import { consoleApp, signIn } from "./console-client.ts";

describe("read-only API tokens: issue, use, scope, revoke, audit", () => {
  let database: Database;
  let h: BotHarness;
  let fx: Fixture;
  let app: ReturnType<typeof consoleApp>;
  const admin = { id: 91100, first_name: "Quản trị" };

  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database);
    fx = await seedSummariesFixture(database.db, h.clock.now());
    await addPerson(database.db, admin, [["admin", null]]);
    await addPerson(database.db, PEOPLE.coordinator, [["coordinator", null]]);
    app = consoleApp(h);
  }, 180_000);
  afterAll(() => database.close());

  const api = (path: string, token?: string) => app.request(`/api/v1${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

  it("an admin issues a province token in the console; it is stored hashed, reads everything, and each use is audited", async () => {
    const c = await signIn(h, app, admin);
    const res = await c.send("POST", "/console/api/admin/api-tokens", { name: "Kho dữ liệu" });
    expect(res.status).toBe(200);
    const { id, token } = (await res.json()) as { id: number; token: string };
    const [row] = await database.db.select().from(apiTokens).where(eq(apiTokens.id, id));
    expect(row!.tokenHash).toBe(hashApiToken(token));
    expect(JSON.stringify(row)).not.toContain(token);

    const agencies = (await (await api("/agencies", token)).json()) as { agencies: { id: number }[] };
    expect(agencies.agencies.map((a) => a.id)).toEqual(expect.arrayContaining([fx.ids.d1, fx.ids.d2, fx.ids.h1, fx.ids.c1]));
    const subs = (await (await api("/submissions?period=2026-10", token)).json()) as { submissions: { agencyId: number; answers: Record<string, unknown> }[] };
    expect(subs.submissions.map((s) => s.agencyId).sort()).toEqual([fx.ids.d1, fx.ids.d2].sort());
    expect(subs.submissions.find((s) => s.agencyId === fx.ids.d1)!.answers.services).toBe(12);
    const sum = (await (await api("/summaries?period=2026-10", token)).json()) as { completion: { filed: number } };
    expect(sum.completion.filed).toBe(2);
    expect((await api("/periods", token)).status).toBe(200);

    const audit = await database.db.select().from(auditLog).where(eq(auditLog.target, `api-token:${id}`));
    expect(audit.map((a) => a.action)).toEqual(["api-token.issue", "api-token.use", "api-token.use", "api-token.use", "api-token.use"]);
    expect((audit[1]!.after as { request: string }).request).toBe("GET /api/v1/agencies");
  });

  it("a token scoped in chat to an agency sees its subtree only", async () => {
    h.api.clear();
    const code = "T-XL";
    await h.send(admin, `/apitoken new Huyện ${code}`);
    const reply = h.api.textsTo(admin.id).at(-1)!;
    const token = /itbot_\S+/.exec(reply)![0];
    const agencies = (await (await api("/agencies", token)).json()) as { agencies: { id: number }[] };
    expect(agencies.agencies.map((a) => a.id).sort()).toEqual([fx.ids.h1, fx.ids.c1].sort());
    const subs = (await (await api("/submissions?period=2026-10", token)).json()) as { submissions: unknown[] };
    expect(subs.submissions).toEqual([]);
    const sum = (await (await api("/summaries?period=2026-10", token)).json()) as { completion: { required: number; missing: number } };
    expect(sum.completion).toMatchObject({ required: 1, missing: 1 });
  });

  it("refuses a missing, wrong or revoked token with 401; only admins issue tokens; the API is read-only", async () => {
    expect((await api("/agencies")).status).toBe(401);
    expect((await api("/agencies", "itbot_not-a-real-token")).status).toBe(401);
    const c = await signIn(h, app, admin);
    const { id, token } = (await (await c.send("POST", "/console/api/admin/api-tokens", { name: "Tạm" })).json()) as { id: number; token: string };
    expect((await api("/agencies", token)).status).toBe(200);
    expect((await app.request("/api/v1/agencies", { method: "POST", headers: { authorization: `Bearer ${token}` } })).status).toBe(405);
    await h.send(admin, `/apitoken revoke ${id}`);
    expect(h.api.textsTo(admin.id).at(-1)).toBe(h.deps.t("vi", "console-token-revoked", { id }));
    expect((await api("/agencies", token)).status).toBe(401);
    const revoked = await database.db.select().from(auditLog).where(eq(auditLog.action, "api-token.revoke"));
    expect(revoked.map((a) => a.target)).toEqual([`api-token:${id}`]);

    const coord = await signIn(h, app, PEOPLE.coordinator);
    expect((await coord.send("POST", "/console/api/admin/api-tokens", { name: "x" })).status).toBe(403);
    h.api.clear();
    await h.send(PEOPLE.coordinator, "/apitoken new x");
    expect(h.api.textsTo(PEOPLE.coordinator.id)).toEqual([h.deps.t("vi", "access-denied")]);
  });

  it("publishes an OpenAPI 3.1 document whose paths all answer", async () => {
    const res = await api("/openapi.json");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as typeof OPENAPI_DOCUMENT;
    expect(doc.openapi).toBe("3.1.0");
    const c = await signIn(h, app, admin);
    const { token } = (await (await c.send("POST", "/console/api/admin/api-tokens", { name: "OpenAPI" })).json()) as { token: string };
    for (const path of Object.keys(doc.paths)) {
      const answer = (await (await api(`${path}?period=2026-10`, token)).json()) as Record<string, unknown>;
      const schema = doc.paths[path as keyof typeof doc.paths].get.responses["200"].content["application/json"].schema as { required?: string[]; $ref?: string };
      const required = schema.required ?? (OPENAPI_DOCUMENT.components.schemas.Summary.required as readonly string[]);
      for (const key of required) expect(answer, `${path} answers ${key}`).toHaveProperty(key);
    }
  });
});
