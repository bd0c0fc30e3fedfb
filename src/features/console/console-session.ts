import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * The console's session: a cookie the server signs (HMAC with a key derived from the bot token), holding the
 * person, the expiry and the CSRF token. Nothing is stored server-side, so every instance accepts it and a
 * restart keeps people signed in; the person's roles are loaded again on every request, so a role taken away
 * or a deactivation applies at once.
 */
export const SESSION_COOKIE = "itbot_console";
export const CSRF_HEADER = "x-console-csrf";
export const SESSION_TTL_MS = 30 * 60 * 1000;

export interface ConsoleSession {
  personId: number;
  telegramId: number;
  expiresAt: number;
  csrf: string;
}

function sessionKey(botToken: string): Buffer {
  return createHmac("sha256", "ConsoleSession").update(botToken).digest();
}

function mac(payload: string, botToken: string): string {
  return createHmac("sha256", sessionKey(botToken)).update(payload).digest("base64url");
}

export function newSession(personId: number, telegramId: number, now: Date, ttlMs = SESSION_TTL_MS): ConsoleSession {
  return { personId, telegramId, expiresAt: now.getTime() + ttlMs, csrf: randomBytes(18).toString("base64url") };
}

export function encodeSession(s: ConsoleSession, botToken: string): string {
  const payload = Buffer.from(JSON.stringify([s.personId, s.telegramId, s.expiresAt, s.csrf])).toString("base64url");
  return `${payload}.${mac(payload, botToken)}`;
}

/** The session in the cookie, or undefined when it is missing, altered or expired. */
export function decodeSession(cookie: string | undefined, botToken: string, now: Date): ConsoleSession | undefined {
  if (!cookie || cookie.length > 512) return undefined;
  const [payload, sig] = cookie.split(".");
  if (!payload || !sig) return undefined;
  const want = Buffer.from(mac(payload, botToken));
  const got = Buffer.from(sig);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return undefined;
  try {
    const [personId, telegramId, expiresAt, csrf] = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as [number, number, number, string];
    if (typeof personId !== "number" || typeof expiresAt !== "number" || typeof csrf !== "string") return undefined;
    if (expiresAt <= now.getTime()) return undefined;
    return { personId, telegramId, expiresAt, csrf };
  } catch {
    return undefined;
  }
}

/** Whether the request's CSRF header matches the session's token (compared in constant time). */
export function csrfMatches(session: ConsoleSession, header: string | undefined): boolean {
  if (!header) return false;
  const a = Buffer.from(session.csrf);
  const b = Buffer.from(header);
  return a.length === b.length && timingSafeEqual(a, b);
}
