import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/db/client.ts";
import type { Role } from "../src/features/people/people.table.ts";
import { createBotHarness, type BotHarness } from "./support/bot-harness.ts";
import { createTestDatabase } from "./support/test-db.ts";
import { callbackUpdate, nextUpdateId, type TestUser } from "./support/updates.ts";
import { personWithRoles, seedSmallProvince } from "./features/admin/fixtures.ts";

/**
 * Buttons are never trusted: whatever the callback data (forged, truncated, out of range, from an old
 * message), the bot answers the callback query exactly once (so no spinner is left) and never fails.
 */
const HUGE = "9".repeat(20);
const MALFORMED = [
  "admin:agencies:abc", "admin:agencies:", "admin:agencies:-1", `admin:agencies:${HUGE}`, "admin:people:1:2",
  "admin:inv-role:", "admin:inv-role:superuser", "admin:inv-ag:x", `admin:inv-ag:${HUGE}`, "admin:inv-pg:x", "admin:",
  "bc:ack:", "bc:ack:abc", `bc:ack:${HUGE}`, "bc:ack:999999999", "bc:show:999999999", "bc:show:x", "bc:remind:0",
  "bc:remind:999999999", "bc:tg:1", "bc:send", "bc:cancel", "bc:", "bc:all",
  "dg:", "dg:ok", "dg:u:999999999", `dg:u:${HUGE}`, "dg:f:2026-13-99", "dg:t:x", "dg:a:999999999", "dg:p:9999",
  "remind:now:1", "remind:now:x:y", "remind:now:999999999:999999999", `remind:now:${HUGE}:1`, "remind:all:x", "remind:",
  "report:start:", "report:start:abc", "report:start:999999999", "report:start:999999999:999999999", "report:start:1:2:3",
  `report:start:${HUGE}`, "report:take:x", "report:take:999999999", "report:op:x:y", "report:op::", "report:view:999999999",
  "report:ret:999999999", "report:view:x", "report:e:1", "report:t:1:x", "report:",
  "summaries:agency:999999999", "summaries:agency:x", `summaries:agency:${HUGE}`, "summaries:chart:999999999",
  "summaries:export:pdf:1", "summaries:export:xlsx:999999999", "summaries:cmp:999999999:999", "summaries:trend:1",
  "summaries:cmplist:", "summaries:",
  "help:lang:", "help:lang:xx", "help:lang:EN", "help:",
  "x", "::::", "a".repeat(64), "🙂", "unknown:thing:1",
];

const PERSONAS: { name: string; role: Role | null; scoped: boolean }[] = [
  { name: "admin", role: "admin", scoped: false },
  { name: "coordinator", role: "coordinator", scoped: false },
  { name: "province leader", role: "leader", scoped: false },
  { name: "agency leader", role: "leader", scoped: true },
  { name: "reporter", role: "reporter", scoped: true },
  { name: "no role", role: null, scoped: false },
];

describe("malformed callback data", () => {
  let database: Database;
  let h: BotHarness;
  const users = new Map<string, TestUser>();

  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database);
    const p = await seedSmallProvince(database.db, "FZ");
    let id = 760_000;
    for (const persona of PERSONAS) {
      const user = { id: id++, first_name: persona.name };
      if (persona.role) await personWithRoles(database.db, user, [{ role: persona.role, agencyId: persona.scoped ? p.bienHoa.id : null }]);
      users.set(persona.name, user);
    }
  });
  afterAll(() => database.close());

  it.each(PERSONAS.map((p) => p.name))("every malformed button pressed by a %s is answered once, without an error", async (name) => {
    const user = users.get(name)!;
    const unanswered: string[] = [];
    for (const data of MALFORMED) {
      const updateId = nextUpdateId();
      await h.handle(callbackUpdate(user, data, 1, updateId));
      const answers = h.api.callsOf("answerCallbackQuery").filter((c) => c.callback_query_id === `cb-${updateId}`);
      if (answers.length !== 1) unanswered.push(`${data} (${answers.length} answers)`);
    }
    expect(unanswered).toEqual([]);
    const errors = [h.deps.t("vi", "error-generic"), h.deps.t("vi", "error-unavailable")];
    expect(h.api.textsTo(user.id).filter((t) => errors.includes(t))).toEqual([]);
  });

  // A waiting conversation sees every update of the chat first: it must pass on or answer each button.
  it.each([
    ["/invite", []],
    ["/invite", ["admin:inv-role:reporter"]],
    ["/broadcast", []],
    ["/delegate", []],
  ] as const)("every malformed button pressed while %s waits (after %j) is answered once", async (command, steps) => {
    const user = users.get("coordinator")!;
    const unanswered: string[] = [];
    for (const data of MALFORMED) {
      await h.send(user, "/cancel");
      await h.send(user, command);
      for (const step of steps) await h.press(user, step);
      const updateId = nextUpdateId();
      await h.handle(callbackUpdate(user, data, 1, updateId));
      const answers = h.api.callsOf("answerCallbackQuery").filter((c) => c.callback_query_id === `cb-${updateId}`);
      if (answers.length !== 1) unanswered.push(`${data} (${answers.length} answers)`);
    }
    expect(unanswered).toEqual([]);
    expect(h.api.textsTo(user.id)).not.toContain(h.deps.t("vi", "error-generic"));
  });
});
