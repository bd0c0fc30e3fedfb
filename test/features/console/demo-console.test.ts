import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import { startDemoConsole, type DemoConsole } from "../../../src/features/console/demo-console.ts";
import { createBotHarness, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import { addPerson, PEOPLE } from "../summaries/summaries-fixture.ts";

describe("the demo's console link", () => {
  let database: Database;
  let h: BotHarness;
  let demo: DemoConsole;
  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database);
    await addPerson(database.db, PEOPLE.coordinator, [["coordinator", null]]);
    demo = await startDemoConsole(h.deps, async (name) => (name === "index.html" ? { body: new TextEncoder().encode("<!doctype html>"), type: "text/html" } : undefined));
  }, 180_000);
  afterAll(async () => {
    await demo.close();
    await database.close();
  });

  it("serves the page on 127.0.0.1, and the link's fragment signs the persona in", async () => {
    const link = demo.linkFor({ telegramId: PEOPLE.coordinator.id, name: "Điều phối" }, h.clock.now());
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/console\/#tgWebAppData=/);
    const page = await fetch(link.split("#")[0]!);
    expect(page.status).toBe(200);
    const initData = decodeURIComponent(link.split("#tgWebAppData=")[1]!);
    const res = await fetch(new URL("/console/api/session", demo.url), { method: "POST", body: JSON.stringify({ initData }), headers: { "content-type": "application/json" } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { user: { roles: string[] } }).user.roles).toEqual(["coordinator"]);
  });
});
