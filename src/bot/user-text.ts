/**
 * Text people type (chat messages, names in an import file, template labels), checked once at the door so that
 * what is stored can always be stored, shown and drawn: PostgreSQL refuses NUL in text and jsonb, an SVG (the
 * charts) refuses the other control characters, and a name made only of zero-width characters shows as nothing.
 * Pure; no grammY, no database.
 */

/**
 * Characters no screen, database column or XML document takes: C0 controls but tab, line feed and carriage
 * return; DEL and the C1 controls; the non-characters U+FFFE and U+FFFF.
 */
const UNUSABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/u;
const UNUSABLE_ALL = new RegExp(UNUSABLE.source, "g");
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** Line breaks and tabs, which a one-line text (a name, a label) may not contain either. */
const LINE_BREAK = /[\t\n\r\u2028\u2029]/;
/**
 * What shows as nothing: white space, format characters (zero-width space and joiners, the BOM, soft hyphen,
 * bidi marks) and the blank look-alikes people paste (Hangul fillers, the braille blank).
 */
const INVISIBLE = /[\s\p{Cf}\u115f\u1160\u2800\u3164\uffa0]/gu;

/** "U+0000": how a refused character is named in a message. */
export function codePointName(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * The first character of `text` that cannot be stored or shown (as "U+0000"), or undefined. A lone surrogate
 * (half of an emoji) counts: it cannot be encoded as UTF-8.
 */
export function unusableCharacter(text: string, opts: { oneLine?: boolean } = {}): string | undefined {
  const m = UNUSABLE.exec(text) ?? (opts.oneLine ? LINE_BREAK.exec(text) : null);
  if (m) return codePointName(m[0]);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    const next = text.charCodeAt(i + 1);
    if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) i++;
    else return codePointName(text[i]!);
  }
  return undefined;
}

/**
 * `text` with every unusable character removed (lone surrogates too): for drawing what was stored before these
 * checks existed, e.g. an agency name in a chart, which an SVG renderer refuses outright.
 */
export function withoutUnusable(text: string): string {
  return text.replace(UNUSABLE_ALL, "").replace(LONE_SURROGATE, "");
}

/** True when the text shows as nothing: empty, spaces, or only zero-width and other invisible characters. */
export function isBlank(text: string): boolean {
  return text.replace(INVISIBLE, "") === "";
}

/** Length as a person counts it: characters (code points), not UTF-16 units. */
export function characterCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

export type TextCheck =
  | { ok: true; text: string }
  | { ok: false; problem: "characters"; character: string }
  | { ok: false; problem: "empty" }
  | { ok: false; problem: "too-long"; length: number; max: number };

/**
 * One piece of typed text, trimmed, checked: no unusable character (nor a line break when `oneLine`), not blank,
 * at most `max` characters.
 */
export function checkText(raw: string, opts: { max: number; oneLine?: boolean }): TextCheck {
  const text = raw.trim();
  const character = unusableCharacter(text, opts);
  if (character) return { ok: false, problem: "characters", character };
  if (isBlank(text)) return { ok: false, problem: "empty" };
  const length = characterCount(text);
  if (length > opts.max) return { ok: false, problem: "too-long", length, max: opts.max };
  return { ok: true, text };
}
