import { Writable } from "node:stream";
import { Api, BotError, InlineKeyboard, InputFile } from "grammy";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/config/clock.ts";
import { createLogger, type Logger } from "../../src/config/logger.ts";
import type { Database } from "../../src/db/client.ts";
import { FakeBotApi, type FaultRule } from "../../src/demo/fake-bot-api.ts";
import { agencies } from "../../src/features/agencies/agencies.table.ts";
import { createOutboxDispatcher } from "../../src/features/outbox/outbox-dispatcher.ts";
import { enqueueMessages } from "../../src/features/outbox/outbox.repository.ts";
import { outbox } from "../../src/features/outbox/outbox.table.ts";
import { createOutboxApi, createTelegramSender, localFile } from "../../src/features/outbox/telegram-sender.ts";
import { createBotHarness, TEST_TOKEN } from "../support/bot-harness.ts";
import { createTestDatabase } from "../support/test-db.ts";
import { personWithRoles, seedSmallProvince } from "../features/admin/fixtures.ts";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Markers put into every part of a payload that must never reach the log. */
const TEXT = "SECRET-TEXT-Mã mời: q7Zp";
const CAPTION = "SECRET-CAPTION-chú thích";
const BUTTON = "SECRET-BUTTON-nút";
const BUTTON_DATA = "secret:data";
const FILE = "SECRET-FILE-nội dung tệp";
const CALLBACK_TEXT = "SECRET-ANSWER-trả lời";
const SECRETS = [TEXT, CAPTION, BUTTON, BUTTON_DATA, FILE, CALLBACK_TEXT, "q7Zp", "?start="];

function capture(level = "debug"): { lines: string[]; logger: Logger; text: () => string } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, logger: createLogger(level, TEST_TOKEN, stream), text: () => lines.join("") };
}

/** The faults Telegram gives, and a network failure (the request never answered). */
const FAULTS: Record<string, FaultRule> = {
  "400": () => ({ status: 400, body: { description: "Bad Request: message to edit not found" } }),
  "403": () => ({ status: 403, body: { description: "Forbidden: bot was blocked by the user" } }),
  "429": () => ({ status: 429, body: { description: "Too Many Requests: retry after 7", parameters: { retry_after: 7 } } }),
  "500": () => ({ status: 500, body: { description: "Internal Server Error" } }),
  network: () => {
    throw new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:443"), { code: "ECONNREFUSED" }) });
  },
};

const keyboard = () => new InlineKeyboard().text(BUTTON, BUTTON_DATA);
const entities = [{ type: "bold" as const, offset: 0, length: 6 }];

/** One call of every kind the bot makes, each carrying the markers. */
const SENDS: Record<string, (api: Api) => Promise<unknown>> = {
  sendMessage: (api) => api.sendMessage(42, TEXT, { reply_markup: keyboard(), entities }),
  editMessageText: (api) => api.editMessageText(42, 7, TEXT, { reply_markup: keyboard(), entities }),
  sendPhoto: (api) => api.sendPhoto(42, new InputFile(Buffer.from(FILE), "chart.png"), { caption: CAPTION, caption_entities: entities, reply_markup: keyboard() }),
  sendDocument: (api) => api.sendDocument(42, new InputFile(Buffer.from(FILE), "report.csv"), { caption: CAPTION, reply_markup: keyboard() }),
  answerCallbackQuery: (api) => api.answerCallbackQuery("cb-1", { text: CALLBACK_TEXT, show_alert: true }),
};

function expectNoSecrets(log: string) {
  for (const s of SECRETS) expect(log, `the log holds "${s}"`).not.toContain(s);
}

describe("failed Telegram calls never put what was sent into the log", () => {
  for (const [fault, rule] of Object.entries(FAULTS)) {
    for (const [method, call] of Object.entries(SENDS)) {
      it(`${method} answered ${fault}: every way of logging it keeps only the method, chat and Telegram's error`, async () => {
        const fake = new FakeBotApi();
        fake.addFault(rule);
        const api = new Api(TEST_TOKEN, { fetch: fake.fetch });
        const err = await call(api).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(Error);
        // The error object itself carries the payload: this is what must not be written.
        if (fault !== "network") expect(JSON.stringify((err as { payload?: unknown }).payload)).toContain("SECRET");

        const { lines, logger, text } = capture();
        const ctx = { update: { update_id: 5, message: { text: TEXT } }, chat: { id: 42 } };
        logger.error({ err }, "update failed");
        logger.error(err as Error);
        logger.warn({ err: new BotError(err, ctx as never) }, "bot error");
        logger.error({ err: new Error("wrapped", { cause: err }) }, "wrapped");
        logger.error({ err: new AggregateError([err], "several") }, "aggregate");
        logger.info({ result: { error: err, list: [err] } }, "nested");
        logger.child({ component: "x" }).error({ err }, "child");
        expect(lines).toHaveLength(7);
        expectNoSecrets(text());

        const first = JSON.parse(lines[0]!) as { err: Record<string, unknown> };
        if (fault === "network") {
          expect(first.err).toMatchObject({ type: "HttpError", message: expect.stringContaining(`'${method}'`) });
          expect(text()).toContain("ECONNREFUSED");
        } else {
          expect(first.err).toMatchObject({ type: "GrammyError", method, error_code: Number(fault), description: expect.any(String) });
          if (method !== "answerCallbackQuery") expect(first.err.chat_id).toBe(42);
          if (fault === "429") expect(first.err.retry_after).toBe(7);
        }
      });
    }
  }

  it("a plain object thrown or logged keeps its fields but not a payload's text, caption or buttons", () => {
    const { logger, text } = capture();
    logger.warn({ chat: 42, sent: { method: "sendMessage", text: TEXT, caption: CAPTION, reply_markup: keyboard() } }, "plain");
    expect(text()).toContain('"chat":42');
    expect(text()).toContain("sendMessage");
    expectNoSecrets(text());
  });
});

describe("failed queries never put their parameters into the log", () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it("a failing statement is logged with its SQL and error, without the values", async () => {
    const err = await database.db.execute(sql`select ${TEXT}::text as t from no_such_table`).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(String((err as Error).message) + JSON.stringify(err)).toContain("SECRET");
    const { lines, logger, text } = capture();
    logger.error({ err }, "query failed");
    logger.error(err as Error);
    expectNoSecrets(text());
    expect(text()).toContain("no_such_table");
    expect(JSON.parse(lines[1]!).msg).not.toContain("SECRET");
  });
});

describe("through the bot and the outbox", () => {
  let database: Database;
  const admin = { id: 8801, first_name: "Quản trị" };

  beforeAll(async () => {
    database = await createTestDatabase();
    const p = await seedSmallProvince(database.db, "LS");
    await database.db.insert(agencies).values({ code: "LS-SECRET", name: `Sở ${BUTTON}`, kind: "department", parentId: p.province.id });
    await personWithRoles(database.db, admin, [{ role: "admin", agencyId: null }]);
  });
  afterAll(() => database.close());
  beforeEach(async () => {
    await database.db.delete(outbox);
  });

  it("/invite whose result Telegram refuses (500, also for the apology): the code and link are not logged", async () => {
    const log = capture();
    const h = await createBotHarness(database, { logger: log.logger });
    await h.send(admin, "/invite");
    let refused: Record<string, unknown> | undefined;
    h.api.addFault((call) => {
      if (call.method !== "sendMessage") return undefined;
      refused ??= call.payload;
      return { status: 500, body: { description: "Internal Server Error" } };
    });
    await h.press(admin, "admin:inv-role:coordinator");
    const code = /start=([A-Za-z0-9_-]+)/.exec(String(refused?.text))?.[1];
    expect(code).toBeDefined();
    const text = log.text();
    expect(text).not.toContain(code!);
    expect(text).not.toContain("?start=");
    expect(text).not.toContain("Mã mời");
    const failed = log.lines.map((l) => JSON.parse(l) as { msg: string; err?: Record<string, unknown> }).find((l) => l.msg === "update failed");
    expect(failed?.err).toMatchObject({ type: "GrammyError", method: "sendMessage", chat_id: admin.id, error_code: 500 });
    expect(log.lines.some((l) => l.includes("could not send the apology"))).toBe(true);
  });

  it("a page edit (editMessageText) and a button answer refused: agency names and button texts are not logged", async () => {
    const log = capture();
    const h = await createBotHarness(database, { logger: log.logger });
    h.api.addFault((call) =>
      call.method === "editMessageText" || call.method === "sendMessage"
        ? { status: 400, body: { description: "Bad Request: message is not modified" } }
        : call.method === "answerCallbackQuery"
          ? { status: 403, body: { description: "Forbidden: bot was blocked by the user" } }
          : undefined,
    );
    await h.send(admin, "/agencies");
    await h.press(admin, "admin:agencies:0");
    expect(h.api.calls.some((c) => JSON.stringify(c.payload).includes(BUTTON))).toBe(true);
    expect(log.lines.some((l) => l.includes('"error_code":400'))).toBe(true);
    expectNoSecrets(log.text());
  });

  it("outbox bulk sends (text, photo and document with captions) failing every way: nothing sent is logged or stored as the error", async () => {
    const dir = mkdtempSync(join(tmpdir(), "log-secrets-"));
    const file = join(dir, "attachment.txt");
    writeFileSync(file, FILE);
    const clock = new ManualClock(new Date("2026-11-20T02:00:00Z"));
    const faults = Object.values(FAULTS);
    const fake = new FakeBotApi();
    fake.addFault((call) => faults[Number(call.payload.chat_id) % faults.length]!(call));
    const log = capture();
    const chats = Array.from({ length: 15 }, (_, i) => 5000 + i);
    await enqueueMessages(
      database.db,
      clock.now(),
      chats.map((chatId, i) => ({
        chatId,
        kind: "test",
        payload:
          i % 3 === 0
            ? { method: "sendMessage" as const, params: { text: TEXT, entities, reply_markup: keyboard() } }
            : i % 3 === 1
              ? { method: "sendPhoto" as const, params: { photo: localFile(file), caption: CAPTION, reply_markup: keyboard() } }
              : { method: "sendDocument" as const, params: { document: localFile(file), caption: CAPTION } },
      })),
    );
    const dispatcher = createOutboxDispatcher({
      db: database.db,
      clock,
      send: createTelegramSender(createOutboxApi(TEST_TOKEN, { fetch: fake.fetch })),
      sleep: async (ms) => clock.advance(ms),
      limits: { globalPerSecond: 30, perChatPerSecond: 1, groupPerMinute: 20 },
      logger: log.logger,
      instanceId: "log-secrets",
      afterCycle: async () => {
        // A progress edit that fails, as the broadcast progress hook's would.
        await createOutboxApi(TEST_TOKEN, { fetch: fake.fetch }).editMessageText(5001, 9, TEXT, { reply_markup: keyboard() });
      },
    });
    await dispatcher.drainOnce();
    expect(fake.calls.length).toBeGreaterThanOrEqual(15);
    const text = log.text();
    expect(text).toContain("outbox send not delivered");
    expect(text).toContain("after-cycle hook failed");
    expectNoSecrets(text);
    const errors = (await database.db.select().from(outbox)).map((r) => r.error ?? "").join("\n");
    expect(errors).toMatch(/403|400|500|429|fetch/);
    for (const s of SECRETS) expect(errors).not.toContain(s);
  });
});
