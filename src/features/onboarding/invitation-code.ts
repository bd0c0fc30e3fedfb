import { createHash, randomBytes } from "node:crypto";
import type { Role } from "../people/people.table.ts";

/** Telegram's deep-link payload alphabet: A–Z, a–z, 0–9, _ and -, at most 64 characters. */
export const DEEP_LINK_PAYLOAD = /^[A-Za-z0-9_-]{1,64}$/;
export const DEFAULT_INVITE_TTL_MS = 7 * 24 * 3600_000;
/** Wrong codes allowed per Telegram account within the window before even a right one is refused. */
export const MAX_WRONG_CODES = 5;
export const WRONG_CODE_WINDOW_MS = 15 * 60_000;

/** 128 random bits as base64url: 22 characters, a valid deep-link payload, not guessable. */
export function generateInviteCode(): string {
  return randomBytes(16).toString("base64url");
}

/** Only this hash is stored; the code itself is shown once to whoever created it. */
export function hashInviteCode(code: string): string {
  return createHash("sha256").update(code, "utf8").digest("hex");
}

export function isDeepLinkPayload(s: string): boolean {
  return DEEP_LINK_PAYLOAD.test(s);
}

export function inviteDeepLink(botUsername: string, code: string): string {
  return `https://t.me/${botUsername}?start=${code}`;
}

/** "7d", "36h", "90m" → milliseconds; undefined when malformed or zero. */
export function parseDuration(s: string): number | undefined {
  const m = /^(\d{1,4})([dhm])$/.exec(s.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (n <= 0) return undefined;
  return n * { d: 86_400_000, h: 3_600_000, m: 60_000 }[m[2] as "d" | "h" | "m"];
}

/** Which agency scope a role takes: reporters need one, admins and coordinators have none, leaders either. */
export function agencyRuleFor(role: Role): "required" | "none" | "optional" {
  if (role === "reporter") return "required";
  if (role === "leader") return "optional";
  return "none";
}

/** When the block ends: the window after the failure that made the count reach the limit. */
export function blockedUntil(failureTimes: Date[], now: Date): Date | undefined {
  const recent = failureTimes
    .filter((t) => now.getTime() - t.getTime() < WRONG_CODE_WINDOW_MS)
    .sort((a, b) => b.getTime() - a.getTime());
  if (recent.length < MAX_WRONG_CODES) return undefined;
  // Once the MAX-th most recent failure leaves the window, fewer than MAX remain.
  return new Date(recent[MAX_WRONG_CODES - 1]!.getTime() + WRONG_CODE_WINDOW_MS);
}
