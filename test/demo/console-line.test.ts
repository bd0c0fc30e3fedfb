import { describe, expect, it } from "vitest";
import { applyClockChange, parseClockChange, parseConsoleLine, zonedTime } from "../../src/demo/console-line.ts";
import { DEFAULT_REPORTER, DEMO_PERSONAS } from "../../src/demo/demo-province.ts";
import { findButton, KeyboardTracker } from "../../src/demo/keyboard-tracker.ts";
import { lookupPersona } from "../../src/demo/persona-lookup.ts";

const HOUR = 3_600_000;
const TZ = "Asia/Ho_Chi_Minh";

describe("parseConsoleLine", () => {
  it("sends plain lines and bot commands as messages", () => {
    expect(parseConsoleLine("/help")).toEqual({ kind: "message", text: "/help" });
    expect(parseConsoleLine("  Số liệu: 85%  ")).toEqual({ kind: "message", text: "Số liệu: 85%" });
    expect(parseConsoleLine("::not a command")).toEqual({ kind: "message", text: ":not a command" });
  });

  it("skips blank lines and comments, tolerating CRLF scripts", () => {
    expect(parseConsoleLine("   \r")).toEqual({ kind: "empty" });
    expect(parseConsoleLine("# điều phối mở kỳ báo cáo")).toEqual({ kind: "comment", text: "# điều phối mở kỳ báo cáo" });
    expect(parseConsoleLine("/start\r")).toEqual({ kind: "message", text: "/start" });
  });

  it("parses :as with its whole argument", () => {
    expect(parseConsoleLine(":as coordinator")).toEqual({ kind: "as", query: "coordinator" });
    expect(parseConsoleLine(":AS reporter  SO-KHCN")).toEqual({ kind: "as", query: "reporter SO-KHCN" });
    expect(parseConsoleLine(":as")).toEqual({ kind: "invalid", problem: "missing-argument", command: "as" });
  });

  it("parses :press by number or by button text", () => {
    expect(parseConsoleLine(":press 2")).toEqual({ kind: "press", index: 2 });
    expect(parseConsoleLine(":press Gửi báo cáo")).toEqual({ kind: "press", label: "Gửi báo cáo" });
    expect(parseConsoleLine(":press 0")).toEqual({ kind: "invalid", problem: "bad-press", command: "press" });
  });

  it("parses files, links, help and quit", () => {
    expect(parseConsoleLine(":file ./bao cao.pdf")).toEqual({ kind: "file", path: "./bao cao.pdf" });
    expect(parseConsoleLine(":photo a.png")).toEqual({ kind: "photo", path: "a.png" });
    expect(parseConsoleLine(":open")).toEqual({ kind: "open" });
    expect(parseConsoleLine(":open https://t.me/x?start=abc")).toEqual({ kind: "open", link: "https://t.me/x?start=abc" });
    expect(parseConsoleLine(":help").kind).toBe("help");
    expect(parseConsoleLine(":personas").kind).toBe("personas");
    expect(parseConsoleLine(":quit").kind).toBe("quit");
    expect(parseConsoleLine(":nope")).toEqual({ kind: "invalid", problem: "unknown-command", command: "nope" });
  });

  it("parses :clock moves and rejects nonsense", () => {
    expect(parseConsoleLine(":clock")).toEqual({ kind: "clock" });
    expect(parseConsoleLine(":clock +3d")).toEqual({ kind: "clock", change: { kind: "advance", ms: 72 * HOUR } });
    expect(parseConsoleLine(":clock yesterday")).toEqual({ kind: "invalid", problem: "bad-clock", command: "clock" });
  });
});

describe("parseClockChange", () => {
  it("adds weeks, days, hours and minutes, also combined", () => {
    expect(parseClockChange("+2h")).toEqual({ kind: "advance", ms: 2 * HOUR });
    expect(parseClockChange("+30m")).toEqual({ kind: "advance", ms: 30 * 60_000 });
    expect(parseClockChange("+1w")).toEqual({ kind: "advance", ms: 7 * 24 * HOUR });
    expect(parseClockChange("+1d2h30m")).toEqual({ kind: "advance", ms: 26.5 * HOUR });
    expect(parseClockChange("+0d")).toBeUndefined();
    expect(parseClockChange("+3x")).toBeUndefined();
  });

  it("reads wall-clock dates and times in ISO and Vietnamese order", () => {
    expect(parseClockChange("2026-12-16 08:00")).toEqual({ kind: "set", date: "2026-12-16", minutes: 480 });
    expect(parseClockChange("2026-12-16T17:45")).toEqual({ kind: "set", date: "2026-12-16", minutes: 1065 });
    expect(parseClockChange("16/12/2026 8:05")).toEqual({ kind: "set", date: "2026-12-16", minutes: 485 });
    expect(parseClockChange("2026-12-16")).toEqual({ kind: "set", date: "2026-12-16", minutes: 0 });
    expect(parseClockChange("09:30")).toEqual({ kind: "set", date: undefined, minutes: 570 });
  });

  it("rejects impossible dates and times", () => {
    expect(parseClockChange("2026-02-30 08:00")).toBeUndefined();
    expect(parseClockChange("31/04/2026")).toBeUndefined();
    expect(parseClockChange("2026-12-16 24:00")).toBeUndefined();
    expect(parseClockChange("08:00 2026-12-16")).toBeUndefined();
  });
});

describe("applyClockChange", () => {
  const now = new Date("2026-11-20T02:00:00Z"); // 09:00 in Vietnam

  it("advances from now", () => {
    expect(applyClockChange({ kind: "advance", ms: 3 * 24 * HOUR }, now, TZ).toISOString()).toBe("2026-11-23T02:00:00.000Z");
  });

  it("sets a wall-clock time in the report time zone; a time alone means today there", () => {
    expect(applyClockChange({ kind: "set", date: "2026-12-16", minutes: 480 }, now, TZ).toISOString()).toBe("2026-12-16T01:00:00.000Z");
    // 06:30 on 21 Nov in Vietnam is still 20 Nov in UTC: "today" is the Vietnamese date.
    const late = new Date("2026-11-20T18:00:00Z"); // 01:00 on 21 Nov in Vietnam
    expect(applyClockChange({ kind: "set", minutes: 390 }, late, TZ).toISOString()).toBe("2026-11-20T23:30:00.000Z");
  });

  it("handles a zone with daylight saving time", () => {
    expect(zonedTime("2026-07-01", 9 * 60, "Europe/Berlin").toISOString()).toBe("2026-07-01T07:00:00.000Z");
    expect(zonedTime("2026-01-15", 9 * 60, "Europe/Berlin").toISOString()).toBe("2026-01-15T08:00:00.000Z");
  });
});

describe("lookupPersona", () => {
  const key = (q: string) => {
    const r = lookupPersona(DEMO_PERSONAS, q);
    return "found" in r ? r.found.key : "ambiguous" in r ? `ambiguous:${r.ambiguous.length}` : "unknown";
  };

  it("finds role personas by key or Vietnamese alias", () => {
    expect(key("admin")).toBe("admin");
    expect(key("Coordinator")).toBe("coordinator");
    expect(key("dieuphoi")).toBe("coordinator");
    expect(key("head")).toBe("head");
    expect(key("guest")).toBe("guest");
  });

  it("finds IT leads by agency code, with or without 'reporter', and by a unique part of the code", () => {
    expect(key("reporter")).toBe(DEFAULT_REPORTER);
    expect(key("reporter SO-TC")).toBe("SO-TC");
    expect(key("so-tc")).toBe("SO-TC");
    expect(key("SO-KHCN")).toBe("SO-KHCN");
    expect(key("bienhoa")).toBe("P-BIENHOA");
    expect(key("reporter admin")).toBe("unknown");
    expect(key("P-")).toMatch(/^ambiguous:/);
    expect(key("nobody")).toBe("unknown");
  });
});

describe("KeyboardTracker", () => {
  const inline = (...labels: string[]) => ({ inline_keyboard: [labels.map((t, i) => ({ text: t, callback_data: `x:${i}` }))] });

  it("keeps the latest message with buttons per chat, and follows edits and deletions", () => {
    const k = new KeyboardTracker();
    k.sent(1, 10, "first", inline("A", "B"));
    k.sent(1, 11, "no buttons", undefined);
    k.sent(2, 12, "other chat", inline("Z"));
    expect(k.last(1)?.messageId).toBe(10);
    k.sent(1, 13, "second", inline("C"));
    expect(k.last(1)?.buttons.map((b) => b.text)).toEqual(["C"]);
    k.edited(1, 13, "second, edited", undefined); // an edit without a keyboard removes it
    expect(k.last(1)?.messageId).toBe(10);
    k.edited(1, 10, undefined, inline("A2"));
    expect(k.last(1)).toMatchObject({ messageId: 10, text: "first", buttons: [{ text: "A2", callbackData: "x:0" }] });
    k.deleted(1, 10);
    expect(k.last(1)).toBeUndefined();
    expect(k.last(2)?.messageId).toBe(12);
  });

  it("lets a new reply keyboard replace the old one and remove_keyboard hide it", () => {
    const k = new KeyboardTracker();
    k.sent(1, 1, "q1", { keyboard: [["Có", "Không"]] });
    k.sent(1, 2, "q2", { keyboard: [[{ text: "Một" }], [{ text: "Hai" }]] });
    expect(k.last(1)).toMatchObject({ kind: "reply", messageId: 2, buttons: [{ text: "Một", row: 0 }, { text: "Hai", row: 1 }] });
    k.sent(1, 3, "done", { remove_keyboard: true });
    expect(k.last(1)).toBeUndefined();
  });

  it("finds a button by number, by text prefix, then by contained text", () => {
    const buttons = [
      { text: "Gửi báo cáo", row: 0 },
      { text: "Xem bản nháp", row: 0 },
      { text: "Hủy", row: 1 },
    ];
    expect(findButton(buttons, { index: 3 })?.text).toBe("Hủy");
    expect(findButton(buttons, { index: 4 })).toBeUndefined();
    expect(findButton(buttons, { label: "gửi" })?.text).toBe("Gửi báo cáo");
    expect(findButton(buttons, { label: "nháp" })?.text).toBe("Xem bản nháp");
    expect(findButton(buttons, { label: "không có" })).toBeUndefined();
  });
});
