import { localDateTime, parseIsoDate } from "../time/calendar-date.ts";

/** How `:clock` moves the simulated time. */
export type ClockChange =
  | { kind: "advance"; ms: number }
  /** A wall-clock time in REPORT_TIMEZONE; `date` undefined means today. */
  | { kind: "set"; date?: string; minutes: number };

/** One line typed into the demo console, understood. */
export type ConsoleInput =
  | { kind: "empty" }
  | { kind: "comment"; text: string }
  | { kind: "message"; text: string }
  | { kind: "help" }
  | { kind: "personas" }
  | { kind: "quit" }
  | { kind: "as"; query: string }
  | { kind: "press"; index: number }
  | { kind: "press"; label: string }
  | { kind: "file"; path: string }
  | { kind: "photo"; path: string }
  | { kind: "open"; link?: string }
  | { kind: "clock"; change?: ClockChange }
  | { kind: "invalid"; problem: "unknown-command" | "missing-argument" | "bad-clock" | "bad-press"; command: string };

const MINUTE = 60_000;
const UNIT_MS: Record<string, number> = { w: 7 * 24 * 60 * MINUTE, d: 24 * 60 * MINUTE, h: 60 * MINUTE, m: MINUTE };

/**
 * Plain lines are messages from the current persona; lines starting with ":" are console commands
 * ("::text" sends ":text"); lines starting with "#" are comments.
 */
export function parseConsoleLine(raw: string): ConsoleInput {
  const line = raw.replace(/\r$/, "");
  const trimmed = line.trim();
  if (trimmed === "") return { kind: "empty" };
  if (trimmed.startsWith("#")) return { kind: "comment", text: trimmed };
  if (trimmed.startsWith("::")) return { kind: "message", text: trimmed.slice(1) };
  if (!trimmed.startsWith(":")) return { kind: "message", text: line.trim() };

  const [head = "", ...rest] = trimmed.slice(1).split(/\s+/);
  const command = head.toLowerCase();
  const arg = rest.join(" ").trim();
  const needsArg = (make: (a: string) => ConsoleInput): ConsoleInput =>
    arg ? make(arg) : { kind: "invalid", problem: "missing-argument", command };

  switch (command) {
    case "help":
    case "h":
    case "?":
      return { kind: "help" };
    case "personas":
    case "p":
      return { kind: "personas" };
    case "quit":
    case "exit":
    case "q":
      return { kind: "quit" };
    case "as":
      return needsArg((query) => ({ kind: "as", query }));
    case "press":
      return needsArg(parsePress);
    case "file":
      return needsArg((path) => ({ kind: "file", path }));
    case "photo":
      return needsArg((path) => ({ kind: "photo", path }));
    case "open":
      return arg ? { kind: "open", link: arg } : { kind: "open" };
    case "clock": {
      if (!arg) return { kind: "clock" };
      const change = parseClockChange(arg);
      return change ? { kind: "clock", change } : { kind: "invalid", problem: "bad-clock", command };
    }
    default:
      return { kind: "invalid", problem: "unknown-command", command };
  }
}

function parsePress(arg: string): ConsoleInput {
  if (/^\d+$/.test(arg)) {
    const index = Number(arg);
    return index >= 1 ? { kind: "press", index } : { kind: "invalid", problem: "bad-press", command: "press" };
  }
  return { kind: "press", label: arg };
}

/**
 * `+3d`, `+2h`, `+30m`, `+1w`, combined `+1d2h30m`; or a wall-clock time: `2026-12-16 08:00`,
 * `16/12/2026 08:00`, a date alone (midnight) or a time alone (today).
 */
export function parseClockChange(arg: string): ClockChange | undefined {
  const s = arg.trim().toLowerCase();
  if (s.startsWith("+")) {
    const body = s.slice(1).replace(/\s+/g, "");
    if (!/^(\d+[wdhm])+$/.test(body)) return undefined;
    let ms = 0;
    for (const [, n, unit] of body.matchAll(/(\d+)([wdhm])/g)) ms += Number(n) * UNIT_MS[unit!]!;
    return ms > 0 ? { kind: "advance", ms } : undefined;
  }
  const parts = s.replace(/^(\d{4}-\d{1,2}-\d{1,2})t/, "$1 ").split(/\s+/);
  if (parts.length > 2) return undefined;
  let date: string | undefined;
  let time: string | undefined;
  for (const part of parts) {
    const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(part);
    const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(part);
    if (iso && date === undefined && time === undefined) date = validDate(Number(iso[1]), Number(iso[2]), Number(iso[3])) ?? "bad";
    else if (vn && date === undefined && time === undefined) date = validDate(Number(vn[3]), Number(vn[2]), Number(vn[1])) ?? "bad";
    else if (/^\d{1,2}:\d{2}$/.test(part) && time === undefined) time = part;
    else return undefined;
  }
  if (date === "bad") return undefined;
  const [hours, minutes] = (time ?? "0:00").split(":").map(Number) as [number, number];
  if (hours > 23 || minutes > 59) return undefined;
  return { kind: "set", date, minutes: hours * 60 + minutes };
}

function validDate(y: number, mo: number, d: number): string | undefined {
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return undefined;
  return t.toISOString().slice(0, 10);
}

/** The instant a clock change lands on, wall-clock times read in `timeZone`. */
export function applyClockChange(change: ClockChange, now: Date, timeZone: string): Date {
  if (change.kind === "advance") return new Date(now.getTime() + change.ms);
  const date = change.date ?? localDateTime(now, timeZone).date;
  return zonedTime(date, change.minutes, timeZone);
}

/** The instant at which the wall clock in `timeZone` shows `date` and `minutes` past midnight. */
export function zonedTime(date: string, minutes: number, timeZone: string): Date {
  const { y, m, d } = parseIsoDate(date);
  const wall = Date.UTC(y, m - 1, d, 0, minutes);
  // Two passes settle the offset even across a DST change (Vietnam has none, other zones may).
  let guess = wall;
  for (let i = 0; i < 2; i++) guess = wall - offsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

function offsetMs(instant: Date, timeZone: string): number {
  const { date, minutes } = localDateTime(instant, timeZone);
  const { y, m, d } = parseIsoDate(date);
  const asUtc = Date.UTC(y, m - 1, d, 0, minutes);
  return asUtc - Math.floor(instant.getTime() / MINUTE) * MINUTE;
}
