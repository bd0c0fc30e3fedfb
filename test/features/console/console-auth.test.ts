import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import { CONTENT_SECURITY_POLICY } from "../../../src/features/console/console-app.ts";
import { SESSION_TTL_MS } from "../../../src/features/console/console-session.ts";
import { checkInitData } from "../../../src/features/console/init-data.ts";
import { createHttpServer, closeServer, listen } from "../../../src/server/http-server.ts";
import { consoleListener } from "../../../src/server/console-listener.ts";
import { deactivatePerson } from "../../../src/features/people/person-lifecycle.ts";
import { findPersonByTelegramId } from "../../../src/features/people/people.repository.ts";
import { createBotHarness, TEST_TOKEN, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import { addPerson, PEOPLE, seedSummariesFixture, type Fixture } from "../summaries/summaries-fixture.ts";
import { clientWith, consoleApp, initDataFor, postSession, signIn } from "./console-client.ts";

describe("console sign-in: Telegram init data, sessions, CSRF and headers", () => {
  let database: Database;
  let h: BotHarness;
  let fx: Fixture;
  let app: ReturnType<typeof consoleApp>;

  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database);
    fx = await seedSummariesFixture(database.db, h.clock.now());
    await addPerson(database.db, PEOPLE.provinceLeader, [["leader", null]]);
    await addPerson(database.db, PEOPLE.reporterD1, [["reporter", fx.ids.d1]]);
    await addPerson(database.db, PEOPLE.englishLeader, [["leader", null]], "en");
    app = consoleApp(h);
  }, 180_000);
  afterAll(() => database.close());

  it("checks init data exactly as Telegram documents it (fixed vector)", () => {
    // Signed by hand with the documented algorithm: secret = HMAC_SHA256("WebAppData", token), hash over sorted lines.
    const raw = initDataFor(h, PEOPLE.provinceLeader);
    const now = h.clock.now();
    expect(checkInitData(raw, TEST_TOKEN, now)).toMatchObject({ ok: true, user: { id: PEOPLE.provinceLeader.id } });
    // Any change to a signed field breaks the hash, whatever the field.
    expect(checkInitData(raw.replace("query_id=AAH", "query_id=BAH"), TEST_TOKEN, now)).toEqual({ ok: false, reason: "forged" });
    expect(checkInitData(raw.replace(/hash=[0-9a-f]+/, "hash=" + "0".repeat(64)), TEST_TOKEN, now)).toEqual({ ok: false, reason: "forged" });
    expect(checkInitData("user=%7B%7D", TEST_TOKEN, now)).toEqual({ ok: false, reason: "malformed" });
  });

  it("signs in a known person with valid init data: 200, the user, a CSRF token and an HttpOnly, SameSite=Strict cookie", async () => {
    const res = await postSession(app, initDataFor(h, PEOPLE.provinceLeader));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { user: { name: string; roles: string[]; scope: string; locale: string }; csrf: string };
    expect(body.user).toMatchObject({ name: PEOPLE.provinceLeader.first_name, roles: ["leader"], scope: "province", locale: "vi" });
    expect(body.csrf.length).toBeGreaterThan(16);
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^itbot_console=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });

  it("refuses forged (another bot's token), expired and foreign init data with 401", async () => {
    const forged = await postSession(app, initDataFor(h, PEOPLE.provinceLeader, { token: "999999:ANOTHER-bot-token-aaaaaaaaaaaa" }));
    expect(forged.status).toBe(401);
    const expired = await postSession(app, initDataFor(h, PEOPLE.provinceLeader, { ageSeconds: 2 * 3600 }));
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { error: string }).error).toBe(h.deps.t("vi", "console-error-expired"));
    const stranger = await postSession(app, initDataFor(h, PEOPLE.stranger));
    expect(stranger.status).toBe(401);
    const garbage = await postSession(app, "not init data");
    expect(garbage.status).toBe(401);
  });

  it("requires a session; a tampered cookie or an expired session gets 401", async () => {
    expect((await app.request("/console/api/me")).status).toBe(401);
    const c = await signIn(h, app, PEOPLE.provinceLeader);
    expect((await c.get("/console/api/me")).status).toBe(200);
    const tampered = clientWith(app, c.cookie.replace(/.$/, (ch) => (ch === "A" ? "B" : "A")), c.csrf);
    expect((await tampered.get("/console/api/me")).status).toBe(401);
    h.clock.advance(SESSION_TTL_MS + 1000);
    try {
      expect((await c.get("/console/api/me")).status).toBe(401);
    } finally {
      h.clock.advance(-(SESSION_TTL_MS + 1000));
    }
  });

  it("a person deactivated after sign-in loses the session at once", async () => {
    const user = { id: 91077, first_name: "Sắp nghỉ" };
    await addPerson(database.db, user, [["leader", null]]);
    const c = await signIn(h, app, user);
    expect((await c.get("/console/api/dashboard")).status).toBe(200);
    const found = await findPersonByTelegramId(database.db, user.id);
    await deactivatePerson(database.db, { personId: found!.person.id, reason: "test", today: "2026-11-20", at: h.clock.now() });
    expect((await c.get("/console/api/dashboard")).status).toBe(401);
  });

  it("refuses a change without the CSRF header, or with another session's, with 403", async () => {
    const c = await signIn(h, app, PEOPLE.provinceLeader);
    const other = await signIn(h, app, PEOPLE.englishLeader);
    expect((await c.send("POST", "/console/api/logout", {}, { csrf: null })).status).toBe(403);
    expect((await c.send("POST", "/console/api/logout", {}, { csrf: other.csrf })).status).toBe(403);
    expect((await c.send("POST", "/console/api/logout", {})).status).toBe(200);
  });

  it("sets the security headers on pages and API answers", async () => {
    for (const res of [await app.request("/console/"), await app.request("/console/api/me")]) {
      expect(res.headers.get("content-security-policy")).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    }
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors https://web.telegram.org");
    expect(CONTENT_SECURITY_POLICY).not.toContain("unsafe-inline");
  });

  it("is served by the bot's own HTTP server next to /healthz", async () => {
    const server = createHttpServer({ logger: h.deps.logger, console: consoleListener(h.deps) });
    const port = await listen(server, 0, "127.0.0.1");
    try {
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      const res = await fetch(`http://127.0.0.1:${port}/console/api/session`, {
        method: "POST",
        body: JSON.stringify({ initData: initDataFor(h, PEOPLE.englishLeader) }),
        headers: { "content-type": "application/json" },
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { user: { locale: string } }).user.locale).toBe("en");
      expect((await fetch(`http://127.0.0.1:${port}/elsewhere`)).status).toBe(404);
    } finally {
      await closeServer(server);
    }
  });
});
