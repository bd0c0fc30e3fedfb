/**
 * What Telegram refuses, in one place: the limits every screen is built to fit, and the check the fake Bot API
 * (tests and demo) applies so that a screen Telegram would refuse fails a test instead of being lost in
 * production. Lengths are UTF-16 code units, as Telegram and JS strings count them. No grammY import.
 */

/** A message text, after entities are parsed. */
export const TELEGRAM_TEXT_LIMIT = 4096;
/** A photo's or document's caption. */
export const TELEGRAM_CAPTION_LIMIT = 1024;
/** callback_data of one inline button, in bytes of UTF-8. */
export const TELEGRAM_CALLBACK_DATA_BYTES = 64;
/** Buttons in one inline keyboard ("reply markup is too long" beyond). */
export const TELEGRAM_INLINE_BUTTONS = 100;

/** `text` cut to at most `max` UTF-16 code units, ending with "…" when cut; never splits a surrogate pair. */
/** What a reply quotes back of the person's own text ("“…” is not a date"), so the reply stays short. */
export const ECHO_MAX_CHARS = 100;

export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

interface Entity {
  offset: number;
  length: number;
}

type InlineButton = { text?: unknown; callback_data?: unknown };

/**
 * Telegram's answer to a call it refuses ("Bad Request: …", as its `description`), or undefined when it would
 * accept it. Covers what we are sure of: empty or over-long texts, over-long captions, entities outside the
 * text, callback data over 64 bytes (or empty), more than 100 buttons in an inline keyboard.
 */
export function telegramRefusal(method: string, payload: Record<string, unknown>): string | undefined {
  if (method === "sendMessage" || method === "editMessageText") {
    const text = typeof payload.text === "string" ? payload.text : "";
    if (text.trim() === "") return "Bad Request: message text is empty";
    if (text.length > TELEGRAM_TEXT_LIMIT) return "Bad Request: message is too long";
    const bad = entityProblem(text, payload.entities);
    if (bad) return `Bad Request: ${bad}`;
  }
  if (typeof payload.caption === "string") {
    if (payload.caption.length > TELEGRAM_CAPTION_LIMIT) return "Bad Request: message caption is too long";
    const bad = entityProblem(payload.caption, payload.caption_entities);
    if (bad) return `Bad Request: ${bad}`;
  }
  if (method === "setChatMenuButton") {
    const button = payload.menu_button as { type?: string; web_app?: { url?: unknown } } | undefined;
    if (button?.type === "web_app" && !isHttpsUrl(button.web_app?.url)) return "Bad Request: Web App URL is invalid: Only HTTPS links are allowed";
  }
  return keyboardProblem(payload.reply_markup);
}

/** Telegram opens Mini Apps (web_app buttons, the menu button) only from https links. */
function isHttpsUrl(url: unknown): boolean {
  if (typeof url !== "string") return false;
  try {
    return new URL(url).protocol === "https:";
  } catch {
    return false;
  }
}

function entityProblem(text: string, raw: unknown): string | undefined {
  if (!Array.isArray(raw)) return undefined;
  for (const e of raw as Entity[]) {
    if (!Number.isInteger(e.offset) || e.offset < 0) return `receive an entity with incorrect offset ${e.offset}`;
    if (!Number.isInteger(e.length) || e.length < 0) return `receive an entity with incorrect length ${e.length}`;
    if (e.length === 0) continue;
    if (e.offset > text.length) return `entity begins after the end of the text at UTF-16 offset ${e.offset}`;
    if (e.offset + e.length > text.length)
      return `entity beginning at UTF-16 offset ${e.offset} ends after the end of the text at UTF-16 offset ${e.offset + e.length}`;
  }
  return undefined;
}

function keyboardProblem(markup: unknown): string | undefined {
  const rows = (markup as { inline_keyboard?: unknown } | undefined)?.inline_keyboard;
  if (!Array.isArray(rows)) return undefined;
  let buttons = 0;
  for (const row of rows as InlineButton[][]) {
    for (const b of row) {
      buttons++;
      if ("web_app" in b && !isHttpsUrl((b as { web_app?: { url?: unknown } }).web_app?.url))
        return "Bad Request: inline keyboard button Web App URL is invalid: Only HTTPS links are allowed";
      if ("callback_data" in b) {
        const bytes = Buffer.byteLength(String(b.callback_data ?? ""), "utf8");
        if (bytes === 0 || bytes > TELEGRAM_CALLBACK_DATA_BYTES) return "Bad Request: BUTTON_DATA_INVALID";
      }
    }
  }
  return buttons > TELEGRAM_INLINE_BUTTONS ? "Bad Request: reply markup is too long" : undefined;
}

/**
 * A list shown one button per item, cut so that the keyboard, with `reserved` other buttons, stays within
 * Telegram's 100; `hidden` says how many were left out, for a line saying so. For lists that are short in
 * practice (a person's reports to file, the indicators of a template, agencies matching a search) but have no
 * bound of their own.
 */
export function fitButtons<T>(items: readonly T[], reserved = 0): { shown: T[]; hidden: number } {
  const room = Math.max(0, TELEGRAM_INLINE_BUTTONS - reserved);
  return { shown: items.slice(0, room), hidden: Math.max(0, items.length - room) };
}
