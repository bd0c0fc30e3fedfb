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
    expect(h2.api.textsTo(5002)).toEqual([h2.deps.t("vi", "fallback-unknown")]);
  });

  it("ignores a redelivered update", async () => {
    const h3 = await createBotHarness(database);
    const u = textUpdate({ id: 5003, first_name: "A" }, "hello");
    await h3.handle(u);
    await h3.handle(u);
    expect(h3.api.textsTo(5003)).toHaveLength(1);
  });
});
