import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Telegram Mini App init data, checked exactly as Telegram documents it
 * (core.telegram.org/bots/webapps#validating-data-received-via-the-mini-app):
 * secret_key = HMAC_SHA256(key "WebAppData", bot token); the data-check-string is every received field except
 * `hash`, sorted by key, as `key=value` lines joined by "\n"; the hash is hex(HMAC_SHA256(secret_key, data-check-string)).
 */
export interface InitDataUser {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export type InitDataCheck =
  | { ok: true; user: InitDataUser; authDate: Date }
  | { ok: false; reason: "malformed" | "forged" | "expired" | "no-user" };

/** How old init data may be: Telegram signs it when the Mini App opens; a link older than this is refused. */
export const INIT_DATA_MAX_AGE_SECONDS = 60 * 60;

function secretKey(botToken: string): Buffer {
  return createHmac("sha256", "WebAppData").update(botToken).digest();
}

function dataCheckString(fields: URLSearchParams): string {
  return [...fields.entries()]
    .filter(([k]) => k !== "hash")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("\n");
}

export function checkInitData(raw: string, botToken: string, now: Date, maxAgeSeconds = INIT_DATA_MAX_AGE_SECONDS): InitDataCheck {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 8192) return { ok: false, reason: "malformed" };
  const fields = new URLSearchParams(raw);
  const hash = fields.get("hash");
  if (!hash || !/^[0-9a-f]{64}$/.test(hash) || fields.getAll("hash").length !== 1) return { ok: false, reason: "malformed" };
  const expected = createHmac("sha256", secretKey(botToken)).update(dataCheckString(fields)).digest();
  if (!timingSafeEqual(expected, Buffer.from(hash, "hex"))) return { ok: false, reason: "forged" };
  const authDate = Number(fields.get("auth_date"));
  if (!Number.isInteger(authDate) || authDate <= 0) return { ok: false, reason: "malformed" };
  const age = now.getTime() / 1000 - authDate;
  // A little tolerance for a clock running behind Telegram's; never a date from the future beyond that.
  if (age > maxAgeSeconds || age < -60) return { ok: false, reason: "expired" };
  let user: unknown;
  try {
    user = JSON.parse(fields.get("user") ?? "null");
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (!isUser(user)) return { ok: false, reason: "no-user" };
  return { ok: true, user, authDate: new Date(authDate * 1000) };
}

function isUser(u: unknown): u is InitDataUser {
  if (typeof u !== "object" || u === null) return false;
  const r = u as Record<string, unknown>;
  return typeof r.id === "number" && Number.isSafeInteger(r.id) && r.id > 0 && typeof r.first_name === "string";
}

/**
 * Init data signed as Telegram signs it: for the demo's link and for tests (the same key, so a test can also
 * forge by signing with another token, or expire by signing an old date).
 */
export function signInitData(user: InitDataUser, botToken: string, authDate: Date, extra: Record<string, string> = {}): string {
  const fields = new URLSearchParams({ ...extra, auth_date: String(Math.floor(authDate.getTime() / 1000)), user: JSON.stringify(user) });
  const hash = createHmac("sha256", secretKey(botToken)).update(dataCheckString(fields)).digest("hex");
  fields.set("hash", hash);
  return fields.toString();
}
