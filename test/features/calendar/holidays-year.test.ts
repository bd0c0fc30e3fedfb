import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import { grantRole, upsertPerson } from "../../../src/features/people/people.repository.ts";
import { createBotHarness, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";

describe("/holidays with a mistyped year", () => {
  let database: Database;
  let h: BotHarness;
  const coordinator = { id: 77001, first_name: "Điều phối" };
  const systemError = () => h.deps.t("vi", "error-generic");

  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database);
    const p = await upsertPerson(database.db, { telegramId: coordinator.id, displayName: coordinator.first_name, locale: "vi" });
    await grantRole(database.db, p.id, "coordinator", null);
  });
  afterAll(() => database.close());
  beforeEach(() => h.api.clear());

  for (const ask of ["/holidays 0000", "/holidays 0026"]) {
    it(`"${ask}" gets an answer about the year, not "the system met an error"`, async () => {
      await h.send(coordinator, ask);
      const out = h.api.textsTo(coordinator.id).join("\n");
      expect(out).not.toBe("");
      expect(out).not.toContain(systemError());
      expect(out).not.toMatch(/hệ thống vừa gặp lỗi/);
      expect(out).toBe(h.deps.t("vi", "calendar-holidays-bad-year", { text: ask.split(" ")[1]! }));
    });
  }
});
