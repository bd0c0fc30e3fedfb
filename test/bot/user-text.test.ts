// Typed text checked once at the door, and Telegram's limits as the fake Bot API applies them.
import { describe, expect, it } from "vitest";
import { TELEGRAM_TEXT_LIMIT, telegramRefusal } from "../../src/bot/telegram-limits.ts";
import { checkText, isBlank, unusableCharacter, withoutUnusable } from "../../src/bot/user-text.ts";
import { FakeBotApi } from "../../src/demo/fake-bot-api.ts";
import { parseMoney } from "../../src/features/reports/parse-money.ts";
import { parseVnNumber } from "../../src/features/reports/parse-number.ts";

describe("user text", () => {
  it.each([
    ["a\u0000b", "U+0000"],
    ["Sở\u0007Y tế", "U+0007"],
    ["x\u007f", "U+007F"],
    ["x\u0085", "U+0085"],
    ["x\uffff", "U+FFFF"],
    ["half an emoji \ud83d", "U+D83D"],
    ["\ude00 low half", "U+DE00"],
  ])("names the first unusable character of %j", (text, name) => {
    expect(unusableCharacter(text)).toBe(name);
  });

  it("lets through ordinary text: Vietnamese, emoji, tabs and line breaks (but not in one-line text)", () => {
    expect(unusableCharacter("Sở Thông tin và Truyền thông 😀\n\tdòng 2\r\n")).toBeUndefined();
    expect(unusableCharacter("Tên\nhai dòng", { oneLine: true })).toBe("U+000A");
  });

  it.each(["", "   ", "\u200b\u200b", "\u200b \u200c\u200d\ufeff\u2060", "\u00ad", "\u3164", "\u2800"])("treats %j as blank", (t) => {
    expect(isBlank(t)).toBe(true);
  });

  it("a visible character among zero-width ones is not blank", () => {
    expect(isBlank("\u200ba\u200b")).toBe(false);
  });

  it("checkText trims, refuses, and counts characters, not UTF-16 units", () => {
    expect(checkText("  ok  ", { max: 10 })).toEqual({ ok: true, text: "ok" });
    expect(checkText("a\u0000", { max: 10 })).toEqual({ ok: false, problem: "characters", character: "U+0000" });
    expect(checkText("\u200b\u200b\u200b", { max: 10 })).toEqual({ ok: false, problem: "empty" });
    expect(checkText("😀".repeat(10), { max: 10 })).toEqual({ ok: true, text: "😀".repeat(10) });
    expect(checkText("x".repeat(11), { max: 10 })).toEqual({ ok: false, problem: "too-long", length: 11, max: 10 });
  });

  it("withoutUnusable keeps what can be drawn", () => {
    expect(withoutUnusable("Sở\u0001 Y\u0000 tế 😀\ud83d")).toBe("Sở Y tế 😀");
  });
});

describe("spaces inside numbers only group thousands", () => {
  it.each([
    ["12 5", undefined],
    ["5 10", undefined],
    ["1 50", undefined],
    ["1 5000", undefined],
    ["- 5", undefined],
    ["1 500", 1500],
    ["1 500 000", 1_500_000],
    ["-1 500", -1500],
    ["1\u00a0500", 1500],
    ["1 500,5", 1500.5],
    [" 42 ", 42],
  ])("%j reads as %s", (text, value) => {
    expect(parseVnNumber(text, "thousands-if-grouped")).toBe(value);
    expect(parseVnNumber(text, "decimal")).toBe(value);
  });

  it("money keeps its own spaces (units, grouped thousands) and refuses stray ones", () => {
    expect(parseMoney("1 500 000")).toEqual({ ok: true, value: 1_500_000 });
    expect(parseMoney("2 tỷ 300 triệu")).toEqual({ ok: true, value: 2_300_000_000 });
    expect(parseMoney("12 5")).toEqual({ ok: false, reason: "format" });
  });
});

describe("the fake Bot API refuses what Telegram refuses", () => {
  const button = (data: string) => ({ text: "b", callback_data: data });
  it.each([
    ["sendMessage", { text: "" }, "Bad Request: message text is empty"],
    ["sendMessage", { text: "  \n " }, "Bad Request: message text is empty"],
    ["sendMessage", { text: "x".repeat(TELEGRAM_TEXT_LIMIT + 1) }, "Bad Request: message is too long"],
    ["editMessageText", { text: "x".repeat(TELEGRAM_TEXT_LIMIT + 1) }, "Bad Request: message is too long"],
    ["sendPhoto", { photo: "f", caption: "x".repeat(1025) }, "Bad Request: message caption is too long"],
    ["sendMessage", { text: "abc", entities: [{ type: "bold", offset: 3, length: 1 }] }, "Bad Request: entity beginning at UTF-16 offset 3 ends after the end of the text at UTF-16 offset 4"],
    ["sendMessage", { text: "abc", entities: [{ type: "bold", offset: -1, length: 1 }] }, "Bad Request: receive an entity with incorrect offset -1"],
    ["sendMessage", { text: "a", reply_markup: { inline_keyboard: [[button("x".repeat(65))]] } }, "Bad Request: BUTTON_DATA_INVALID"],
    ["sendMessage", { text: "a", reply_markup: { inline_keyboard: [[button("đ".repeat(33))]] } }, "Bad Request: BUTTON_DATA_INVALID"],
    ["editMessageReplyMarkup", { reply_markup: { inline_keyboard: Array.from({ length: 101 }, (_, i) => [button(`b${i}`)]) } }, "Bad Request: reply markup is too long"],
  ])("%s %#", (method, payload, description) => {
    expect(telegramRefusal(method, payload)).toBe(description);
  });

  it.each([
    ["sendMessage", { text: "x".repeat(TELEGRAM_TEXT_LIMIT), entities: [{ type: "bold", offset: 0, length: TELEGRAM_TEXT_LIMIT }] }],
    ["sendPhoto", { photo: "f", caption: "x".repeat(1024) }],
    ["sendPhoto", { photo: "f" }],
    ["sendMessage", { text: "a", reply_markup: { inline_keyboard: Array.from({ length: 100 }, (_, i) => [button(`${"x".repeat(60)}${i}`)]) } }],
  ])("accepts %s at the limits %#", (method, payload) => {
    expect(telegramRefusal(method, payload)).toBeUndefined();
  });

  it("answers 400 with Telegram's description and records the refusal", async () => {
    const api = new FakeBotApi();
    const res = await api.fetch("http://fake/bot1:x/sendMessage", { body: JSON.stringify({ chat_id: 1, text: "" }), headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ ok: false, error_code: 400, description: "Bad Request: message text is empty" });
    expect(api.refusals).toEqual([{ method: "sendMessage", description: "Bad Request: message text is empty" }]);
  });
});
