import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PUBLIC_COMMANDS, setDefaultCommandMenu } from "../../../src/bot/command-menu.ts";
import type { Database } from "../../../src/db/client.ts";
import { allFeatures } from "../../../src/features/index.ts";
import type { Role } from "../../../src/features/people/people.table.ts";
import { createBotHarness, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import type { TestUser } from "../../support/updates.ts";
import { personWithRoles, seedSmallProvince } from "../admin/fixtures.ts";

/** From the declarations alone: what /help and the menu must list for someone holding these roles. */
function declaredFor(roles: Role[]): string[] {
  const seen = new Set<string>();
  return allFeatures()
    .flatMap((f) => f.commands ?? [])
    .filter((c) => c.roles === "any" || roles.includes("admin") || c.roles.some((r) => roles.includes(r)))
    .filter((c) => !c.listedFor || roles.includes("admin") || c.listedFor.some((r) => roles.includes(r)))
    .map((c) => c.command)
    .filter((c) => !seen.has(c) && Boolean(seen.add(c)));
}

describe("/help and command menus", () => {
  let database: Database;
  let h: BotHarness;
  let p: Awaited<ReturnType<typeof seedSmallProvince>>;
  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database);
    p = await seedSmallProvince(database.db, "HP");
  });
  afterAll(() => database.close());

  const cases: [string, TestUser, () => { role: Role; agencyId: number | null }[]][] = [
    ["a reporter", { id: 6101, first_name: "R" }, () => [{ role: "reporter", agencyId: p.health.id }]],
    ["a coordinator", { id: 6102, first_name: "C" }, () => [{ role: "coordinator", agencyId: null }]],
    ["an agency head who also reports", { id: 6103, first_name: "L" }, () => [{ role: "leader", agencyId: p.bienHoa.id }, { role: "reporter", agencyId: p.commune.id }]],
    ["an admin", { id: 6104, first_name: "A" }, () => [{ role: "admin", agencyId: null }]],
  ];

  it.each(cases)("lists exactly what %s may run, in /help and in the chat's menu", async (_who, user, roles) => {
    const held = roles();
    await personWithRoles(database.db, user, held);
    const expected = declaredFor(held.map((r) => r.role));

    await h.send(user, "/help");
    const [help] = h.api.textsTo(user.id);
    const listed = [...help!.matchAll(/^\/([a-z0-9_]+) — /gm)].map((m) => m[1]);
    expect(listed).toEqual(expected);

    await h.send(user, "/start");
    const menu = h.api.callsOf("setMyCommands").filter((c) => (c.scope as { chat_id?: number }).chat_id === user.id).at(-1);
    expect((menu?.commands as { command: string }[]).map((c) => c.command)).toEqual(expected);
  });

  it("lists /report and /status for reporters only", () => {
    expect(declaredFor(["reporter"])).toEqual(expect.arrayContaining(["report", "status"]));
    expect(declaredFor(["coordinator"])).not.toContain("report");
    expect(declaredFor(["leader"])).not.toContain("status");
  });

  it("a coordinator's menu has /invite, a reporter's does not", () => {
    expect(declaredFor(["coordinator"])).toEqual(expect.arrayContaining(["invite", "agencies", "people"]));
    expect(declaredFor(["reporter"])).not.toContain("invite");
  });

  it("the default menu shows only /start, /help and /lang, in each language", async () => {
    h.api.clear();
    await setDefaultCommandMenu(h.bot.api, allFeatures(), h.deps.t, "vi");
    const calls = h.api.callsOf("setMyCommands");
    expect(calls.map((c) => c.language_code ?? "")).toEqual(["", "vi", "en"]);
    for (const c of calls) {
      expect(c.scope).toEqual({ type: "default" });
      expect((c.commands as { command: string }[]).map((x) => x.command)).toEqual([...PUBLIC_COMMANDS]);
    }
    expect((calls[2]!.commands as { description: string }[])[1]!.description).toBe(h.deps.t("en", "cmd-help"));
  });
});
