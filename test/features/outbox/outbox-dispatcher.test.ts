import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { ManualClock } from "../../../src/config/clock.ts";
import { createLogger } from "../../../src/config/logger.ts";
import type { Database } from "../../../src/db/client.ts";
import { FakeBotApi } from "../../../src/demo/fake-bot-api.ts";
import type { SendFn } from "../../../src/features/outbox/delivery-outcome.ts";
import { createOutboxDispatcher, type OutboxDispatcherOptions } from "../../../src/features/outbox/outbox-dispatcher.ts";
import { enqueueMessages, type OutgoingMessage } from "../../../src/features/outbox/outbox.repository.ts";
import { outbox } from "../../../src/features/outbox/outbox.table.ts";
import { createOutboxApi, createTelegramSender, localFile } from "../../../src/features/outbox/telegram-sender.ts";
import { TEST_TOKEN } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";

const limits = { globalPerSecond: 30, perChatPerSecond: 1, groupPerMinute: 20 };
const text = (chatId: number, i = 0): OutgoingMessage => ({
  chatId,
  kind: "test",
  payload: { method: "sendMessage", params: { text: `hello ${chatId} #${i}` } },
});

describe("outbox dispatcher", () => {
  let database: Database;
  let clock: ManualClock;
  let api: FakeBotApi;
  /** Clock time (ms) of every call the fake Telegram received. */
  let callTimes: { chat: number; at: number }[];

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  beforeEach(async () => {
    await database.db.delete(outbox);
    clock = new ManualClock(new Date("2026-11-20T02:00:00Z"));
    api = new FakeBotApi();
    callTimes = [];
    api.addFault((call) => {
      callTimes.push({ chat: Number(call.payload.chat_id), at: clock.now().getTime() });
      return undefined;
    });
  });

  const dispatcher = (over: Partial<OutboxDispatcherOptions> = {}) =>
    createOutboxDispatcher({
      db: database.db,
      clock,
      send: createTelegramSender(createOutboxApi(TEST_TOKEN, { fetch: api.fetch })),
      sleep: async (ms) => clock.advance(ms),
      limits,
      logger: createLogger("silent"),
      instanceId: "test-1",
      ...over,
    });

  const rows = () => database.db.select().from(outbox).orderBy(outbox.id);
  const deliveriesTo = (chat: number) => api.callsOf("sendMessage").filter((p) => p.chat_id === chat).length;

  it("delivers every row once, records Telegram's message id, and paces under the limits", async () => {
    const chats = Array.from({ length: 90 }, (_, i) => 1000 + i);
    await enqueueMessages(database.db, clock.now(), [...chats.map((c) => text(c)), text(1000, 1), text(1000, 2)]);
    // Departure times: when the dispatcher hands each message to `send` (the fake's own receipt can lag on a manual clock).
    const departures: { chat: number; at: number }[] = [];
    const send = createTelegramSender(createOutboxApi(TEST_TOKEN, { fetch: api.fetch }));
    const stats = await dispatcher({
      send: (payload, chatId) => {
        departures.push({ chat: chatId, at: clock.now().getTime() });
        return send(payload, chatId);
      },
    }).drainOnce();
    expect(stats.sent).toBe(92);
    const all = await rows();
    expect(all.every((r) => r.status === "sent" && r.telegramMessageId !== null && r.attempts === 1)).toBe(true);
    expect(new Set(all.map((r) => r.telegramMessageId)).size).toBe(92);
    for (const c of chats) expect(deliveriesTo(c)).toBe(c === 1000 ? 3 : 1);
    // Global: never more than 30 in any one-second window. Per chat: a second apart.
    const times = departures.map((c) => c.at);
    for (let i = 30; i < times.length; i++) expect(times[i]! - times[i - 30]!).toBeGreaterThan(1000);
    const toFirst = departures.filter((c) => c.chat === 1000).map((c) => c.at);
    expect(toFirst[1]! - toFirst[0]!).toBeGreaterThanOrEqual(1000);
    expect(toFirst[2]! - toFirst[1]!).toBeGreaterThanOrEqual(1000);
    // The texts arrive in the order they were queued.
    expect(api.textsTo(1000)).toEqual(["hello 1000 #0", "hello 1000 #1", "hello 1000 #2"]);
  });

  it("on 429 waits retry_after, slows everything down, then delivers each message exactly once", async () => {
    await enqueueMessages(database.db, clock.now(), Array.from({ length: 10 }, (_, i) => text(2000 + i)));
    let answered = 0;
    let limitedAt = 0;
    api.addFault(() => {
      if (++answered !== 4) return undefined;
      limitedAt = clock.now().getTime();
      return { status: 429, body: { description: "Too Many Requests: retry after 7", parameters: { retry_after: 7 } } };
    });
    // One send at a time, so "after the 429" is exact; with more in flight, sends already on the wire finish normally.
    const d = dispatcher({ maxInFlight: 1 });
    const first = await d.drainOnce();
    expect(first).toMatchObject({ sent: 3, rateLimited: 1 });
    const waiting = (await rows()).filter((r) => r.status === "pending");
    expect(waiting).toHaveLength(7);
    expect(Math.min(...waiting.map((r) => r.notBefore.getTime()))).toBeGreaterThanOrEqual(limitedAt + 7000);
    const beforePause = callTimes.length;
    clock.advance(7000);
    const second = await d.drainOnce();
    expect(second.sent).toBe(7);
    expect(callTimes.slice(beforePause).every((c) => c.at >= limitedAt + 7000)).toBe(true);
    expect((await rows()).every((r) => r.status === "sent")).toBe(true);
    // Chat 2003 was asked twice (the 429, then the retry); everyone else once.
    for (let i = 0; i < 10; i++) expect(api.textsTo(2000 + i)).toHaveLength(i === 3 ? 2 : 1);
  });

  it("marks a recipient who blocked the bot undeliverable and never retries", async () => {
    await enqueueMessages(database.db, clock.now(), [text(3001), text(3002)]);
    api.addFault((call) =>
      call.payload.chat_id === 3001 ? { status: 403, body: { description: "Forbidden: bot was blocked by the user" } } : undefined,
    );
    const d = dispatcher();
    await d.drainOnce();
    clock.advance(3_600_000);
    await d.drainOnce();
    const [blocked, ok] = await rows();
    expect(blocked).toMatchObject({ status: "undeliverable", attempts: 1, error: "403: Forbidden: bot was blocked by the user" });
    expect(ok!.status).toBe("sent");
    expect(callTimes.filter((c) => c.chat === 3001)).toHaveLength(1);
  });

  it("retries a 500 with backoff and gives up after five attempts with the reason", async () => {
    await enqueueMessages(database.db, clock.now(), [text(4001), text(4002)]);
    let flaky = 0;
    api.addFault((call) => {
      if (call.payload.chat_id === 4001) return { status: 500, body: { description: "Internal Server Error" } };
      if (call.payload.chat_id === 4002 && flaky++ === 0) return { status: 502, body: { description: "Bad Gateway" } };
      return undefined;
    });
    const d = dispatcher();
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      await d.drainOnce();
      const [row] = await database.db.select().from(outbox).where(eq(outbox.chatId, 4001));
      if (row!.status !== "pending") break;
      waits.push(row!.notBefore.getTime() - clock.now().getTime());
      clock.set(row!.notBefore);
    }
    expect(waits).toEqual([5_000, 10_000, 20_000, 40_000]);
    const [broken, recovered] = await rows();
    expect(broken).toMatchObject({ status: "failed", attempts: 5, error: "500: Internal Server Error" });
    expect(recovered).toMatchObject({ status: "sent", attempts: 2 });
    expect(callTimes.filter((c) => c.chat === 4001)).toHaveLength(5);
  });

  it("sends photos by file_id and documents from a local path", async () => {
    const { writeFileSync, mkdtempSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const path = join(mkdtempSync(join(tmpdir(), "outbox-")), "report.txt");
    writeFileSync(path, "bao cao");
    await enqueueMessages(database.db, clock.now(), [
      { chatId: 5001, kind: "test", payload: { method: "sendPhoto", params: { photo: "AgAD-photo", caption: "ảnh" } } },
      { chatId: 5002, kind: "test", payload: { method: "sendDocument", params: { document: localFile(path), caption: "tệp" } } },
    ]);
    await dispatcher().drainOnce();
    expect(api.callsOf("sendPhoto")).toEqual([expect.objectContaining({ chat_id: 5001, photo: "AgAD-photo", caption: "ảnh" })]);
    const doc = api.calls.find((c) => c.method === "sendDocument")!;
    expect(Object.values(doc.files)[0]!.data.toString()).toBe("bao cao");
    expect((await rows()).map((r) => r.status)).toEqual(["sent", "sent"]);
  });

  it("after a crash between send and mark, resumes after the lease: nobody lost, only the in-flight one repeated", async () => {
    const chats = Array.from({ length: 25 }, (_, i) => 6000 + i);
    await enqueueMessages(database.db, clock.now(), chats.map((c) => text(c)));
    const realSend = createTelegramSender(createOutboxApi(TEST_TOKEN, { fetch: api.fetch }));
    let calls = 0;
    let crashed!: () => void;
    const crashReached = new Promise<void>((resolve) => (crashed = resolve));
    // The 8th send reaches Telegram, then the process "dies" before it can record anything.
    const dyingSend: SendFn = async (payload, chatId) => {
      const result = await realSend(payload, chatId);
      if (++calls < 8) return result;
      crashed();
      return new Promise(() => undefined);
    };
    void dispatcher({ send: dyingSend, instanceId: "doomed", maxInFlight: 1, batchSize: 10 }).drainOnce();
    await crashReached;
    for (let i = 0; i < 20 && (await rows()).filter((r) => r.status === "sent").length < 7; i++) await new Promise((r) => setImmediate(r));

    // A fresh instance leaves the dead one's claims alone until the lease runs out: the rest of its
    // batch (rows 9-10) and the batch it had claimed ahead (rows 11-20); none of them was sent...
    const survivor = dispatcher({ instanceId: "survivor" });
    await survivor.drainOnce();
    const stuck = (await rows()).filter((r) => r.status === "sending");
    expect(stuck.map((r) => r.claimedBy)).toEqual(Array(13).fill("doomed"));
    expect(stuck.map((r) => r.chatId).filter((c) => deliveriesTo(c) > 0)).toEqual([chats[7]]);
    // ...then takes them over.
    clock.advance(61_000);
    await survivor.drainOnce();
    expect((await rows()).every((r) => r.status === "sent")).toBe(true);
    const counts = chats.map((c) => deliveriesTo(c));
    expect(counts.every((n) => n >= 1)).toBe(true);
    expect(counts.filter((n) => n === 2)).toEqual([2]);
    expect(deliveriesTo(chats[7]!)).toBe(2); // the one in flight when the process died
  });

  it("during a database outage records afterwards what went out, sends nothing it cannot record, repeats nothing", async () => {
    const chats = Array.from({ length: 12 }, (_, i) => 6500 + i);
    await enqueueMessages(database.db, clock.now(), chats.map((c) => text(c)));
    // The database stops answering (as a lost connection does) right after the 4th send reached Telegram.
    let down = false;
    const unavailable = () => Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    const failing: unknown = new Proxy(() => undefined, {
      get: (_t, prop) => (prop === "then" ? (_ok: unknown, fail: (e: Error) => void) => fail(unavailable()) : () => failing),
    });
    const db = new Proxy(database.db, {
      get: (target, prop, receiver) => (down && ["select", "update", "execute"].includes(String(prop)) ? () => failing : Reflect.get(target, prop, receiver)),
    });
    const realSend = createTelegramSender(createOutboxApi(TEST_TOKEN, { fetch: api.fetch }));
    let sends = 0;
    const send: SendFn = async (payload, chatId) => {
      const result = await realSend(payload, chatId);
      if (++sends === 4) down = true;
      return result;
    };
    const d = dispatcher({ db, send, maxInFlight: 1 });
    await expect(d.drainOnce()).rejects.toThrow(/database stopped answering/);
    expect(sends).toBe(4); // the rest of the claimed batch was held back
    down = false;
    await d.drainOnce();
    expect((await rows()).every((r) => r.status === "sent" && r.claimedBy === "test-1")).toBe(true);
    expect(chats.map((c) => deliveriesTo(c))).toEqual(chats.map(() => 1));
  });

  it("two dispatchers on one queue never send the same row twice", async () => {
    const chats = Array.from({ length: 60 }, (_, i) => 7000 + i);
    await enqueueMessages(database.db, clock.now(), chats.map((c) => text(c)));
    const a = dispatcher({ instanceId: "a", batchSize: 7 });
    const b = dispatcher({ instanceId: "b", batchSize: 7 });
    const [sa, sb] = await Promise.all([a.drainOnce(), b.drainOnce()]);
    expect(sa.sent + sb.sent).toBe(60);
    for (const c of chats) expect(deliveriesTo(c)).toBe(1);
    const by = await database.db.select({ claimedBy: outbox.claimedBy, n: sql<number>`count(*)::int` }).from(outbox).groupBy(outbox.claimedBy);
    expect(by.reduce((s, r) => s + Number(r.n), 0)).toBe(60);
  });

  it("stop() hands back unsent claims and waits for the send in flight to be recorded", async () => {
    await enqueueMessages(database.db, clock.now(), [text(8001), text(8002), text(8003)]);
    const realSend = createTelegramSender(createOutboxApi(TEST_TOKEN, { fetch: api.fetch }));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inFlight = new Promise<void>((r) => (entered = r));
    const slowSend: SendFn = async (payload, chatId) => {
      entered();
      await gate;
      return realSend(payload, chatId);
    };
    const d = dispatcher({ send: slowSend, maxInFlight: 1, sleep: async (ms) => { clock.advance(ms); await new Promise((r) => setImmediate(r)); } });
    d.start();
    await inFlight;
    let stopped = false;
    const stopping = d.stop().then(() => (stopped = true));
    await new Promise((r) => setImmediate(r));
    expect(stopped).toBe(false);
    release();
    await stopping;
    const all = await rows();
    expect(all[0]!.status).toBe("sent");
    expect(all.slice(1).map((r) => r.status)).toEqual(["pending", "pending"]);
    expect(deliveriesTo(8002) + deliveriesTo(8003)).toBe(0);
    // A later start picks up where it stopped.
    await dispatcher().drainOnce();
    expect((await database.db.select().from(outbox).where(eq(outbox.status, "sent"))).length).toBe(3);
  });
});
