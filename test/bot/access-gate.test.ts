import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.ts";
import { createBotHarness, type BotHarness } from "../support/bot-harness.ts";
import { createTestDatabase } from "../support/test-db.ts";
import { textUpdate } from "../support/updates.ts";

describe("access gate", () => {
  let database: Database;
  let h: BotHarness;
  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database);
  });
  afterAll(() => database.close());

  it("answers a person with no role politely and with nothing else", async () => {
    const stranger = { id: 5001, first_name: "Người lạ" };
    await h.send(stranger, "/agencies");
    const texts = h.api.textsTo(stranger.id);
    expect(texts).toEqual([h.deps.t("vi", "access-none")]);
    expect(texts[0]).toContain("mã mời");
  });

  it("makes an ADMIN_TELEGRAM_IDS account an admin on first contact", async () => {
    const h2 = await createBotHarness(database, { config: { ADMIN_TELEGRAM_IDS: "5002" } });
    await h2.send({ id: 5002, first_name: "Quản trị" }, "xin chào");
    const texts = h2.api.textsTo(5002);
    expect(texts).toHaveLength(1);
    expect(texts[0]).not.toBe(h2.deps.t("vi", "access-none"));
    const { findPersonByTelegramId } = await import("../../src/features/people/people.repository.ts");
    const found = await findPersonByTelegramId(database.db, 5002);
    expect(found?.memberships.map((m) => m.role)).toEqual(["admin"]);
  });

  it("ignores a redelivered update", async () => {
    const h3 = await createBotHarness(database);
    const u = textUpdate({ id: 5003, first_name: "A" }, "hello");
    await h3.handle(u);
    await h3.handle(u);
    expect(h3.api.textsTo(5003)).toHaveLength(1);
  });
});

describe("processed update ids", () => {
  it("are pruned after two days, so the table stays small", async () => {
    const database = await createTestDatabase();
    try {
      const { claimUpdate, pruneProcessedUpdatesJob } = await import("../../src/bot/update-dedupe.ts");
      const t0 = new Date("2026-11-20T00:00:00Z");
      expect(await claimUpdate(database.db, 1, t0)).toBe(true);
      expect(await claimUpdate(database.db, 1, t0)).toBe(false);
      await pruneProcessedUpdatesJob(database.db).runOnce(new Date("2026-11-21T00:00:00Z"));
      expect(await claimUpdate(database.db, 1, t0)).toBe(false);
      await pruneProcessedUpdatesJob(database.db).runOnce(new Date("2026-11-23T00:00:00Z"));
      expect(await claimUpdate(database.db, 1, t0)).toBe(true);
    } finally {
      await database.close();
    }
  });
});
