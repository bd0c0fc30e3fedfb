import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allDeclaredCommands } from "../src/bot/command-menu.ts";
import type { FeatureCommand } from "../src/bot/features.ts";
import type { Database } from "../src/db/client.ts";
import { allFeatures } from "../src/features/index.ts";
import type { Role } from "../src/features/people/people.table.ts";
import { createBotHarness, type BotHarness } from "./support/bot-harness.ts";
import { createTestDatabase } from "./support/test-db.ts";
import type { TestUser } from "./support/updates.ts";
import { personWithRoles, seedSmallProvince } from "./features/admin/fixtures.ts";

/**
 * Every command that any feature declares, sent through the real bot by every kind of person.
 * Commands added later by other features are covered without touching this file.
 */
type Persona = "admin" | "coordinator" | "province leader" | "agency leader" | "reporter" | "no role";
const PERSONAS: Persona[] = ["admin", "coordinator", "province leader", "agency leader", "reporter", "no role"];
const ROLE_OF: Record<Persona, Role | null> = {
  admin: "admin",
  coordinator: "coordinator",
  "province leader": "leader",
  "agency leader": "leader",
  reporter: "reporter",
  "no role": null,
};

/** What the declaration promises: admin may do everything, "any" means any role, nobody without a role. */
function expectedAllowed(cmd: FeatureCommand, persona: Persona): boolean {
  const role = ROLE_OF[persona];
  if (role === null) return false;
  return role === "admin" || cmd.roles === "any" || cmd.roles.includes(role);
}

const commands = allDeclaredCommands(allFeatures());
const cases = commands.flatMap((cmd) => PERSONAS.map((persona) => ({ cmd, persona, allowed: expectedAllowed(cmd, persona) })));

describe("authorization matrix", () => {
  let database: Database;
  let h: BotHarness;
  let province: Awaited<ReturnType<typeof seedSmallProvince>>;
  let nextId = 700_000;

  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database);
    province = await seedSmallProvince(database.db, "AZ");
  });
  afterAll(() => database.close());

  /** A fresh account per case, so that a conversation one command starts cannot affect another. */
  async function personaUser(persona: Persona): Promise<TestUser> {
    const user = { id: nextId++, first_name: `${persona} ${nextId}` };
    const scope = {
      admin: null,
      coordinator: null,
      "province leader": null,
      "agency leader": province.bienHoa.id,
      reporter: province.health.id,
      "no role": null,
    }[persona];
    const role = ROLE_OF[persona];
    if (role) await personWithRoles(database.db, user, [{ role, agencyId: scope }]);
    return user;
  }

  it("covers the foundation's commands at least", () => {
    expect(commands.map((c) => c.command)).toEqual(expect.arrayContaining(["start", "help", "lang", "cancel", "invite", "agencies", "people"]));
    expect(cases.length).toBe(commands.length * PERSONAS.length);
  });

  it.each(cases.map((c) => [`/${c.cmd.command}`, c.persona, c.allowed ? "allowed" : "refused", c] as const))(
    "%s by %s: %s",
    async (_name, persona, _expect, { cmd, allowed }) => {
      const user = await personaUser(persona);
      await h.send(user, `/${cmd.command}`);
      const said = h.api.textsTo(user.id);
      const refusals = [h.deps.t("vi", "access-denied"), h.deps.t("vi", "access-none")];
      const refused = said.some((s) => refusals.includes(s));
      expect(said.length, "the bot must answer, never stay silent").toBeGreaterThan(0);
      expect(refused).toBe(!allowed);
      if (allowed) expect(said).not.toContain(h.deps.t("vi", "error-generic"));
      else expect(said).toHaveLength(1);
    },
  );

  it.each([
    ["reporter", "admin:inv-role:admin", "access-denied"],
    ["reporter", "admin:agencies:1", "access-denied"],
    ["agency leader", "admin:people:0", "access-denied"],
    ["province leader", "admin:inv-ag:1", "access-denied"],
    ["no role", "admin:agencies:0", "access-none-short"],
    ["no role", "help:lang:en", "access-none-short"],
  ] as const)("a forged button from a %s (%s) is refused", async (persona, data, key) => {
    const user = await personaUser(persona);
    await h.press(user, data);
    const answer = h.api.callsOf("answerCallbackQuery").at(-1);
    expect(answer?.text).toBe(h.deps.t("vi", key));
    expect(h.api.textsTo(user.id)).toEqual([]);
  });

  it("a forged page button pressed by a coordinator is served, so the refusals above are about roles", async () => {
    const user = await personaUser("coordinator");
    await h.press(user, "admin:agencies:0");
    expect(h.api.callsOf("editMessageText").at(-1)?.text).toContain("AZ-TINH");
  });
});
