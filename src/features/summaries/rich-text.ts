import { TELEGRAM_TEXT_LIMIT } from "../../bot/telegram-limits.ts";

/** A formatting entity as Telegram takes it (offsets and lengths in UTF-16 code units, as JS strings count). */
export interface TextEntity {
  type: "bold" | "italic" | "underline" | "code";
  offset: number;
  length: number;
}

export interface RichText {
  text: string;
  entities: TextEntity[];
}

/**
 * Builds a message line by line with bold/italic runs, so user text is never parsed as markup.
 * Not @grammyjs/parse-mode's FormattedString on purpose: appending to it (plain, bold, join) copies the
 * whole string each time, and a 2,000-agency list then takes seconds (measured 2.7 s for 2,000 lines,
 * 16 s for 5,000) where this takes milliseconds.
 */
export class RichTextBuilder {
  private text = "";
  private readonly entities: TextEntity[] = [];

  plain(s: string): this {
    this.text += s;
    return this;
  }

  styled(type: TextEntity["type"], s: string): this {
    if (s.length > 0) this.entities.push({ type, offset: this.text.length, length: s.length });
    this.text += s;
    return this;
  }

  bold(s: string): this {
    return this.styled("bold", s);
  }

  italic(s: string): this {
    return this.styled("italic", s);
  }

  line(s = ""): this {
    this.text += `${s}\n`;
    return this;
  }

  /** A bold heading on its own line, with an empty line before unless at the start. */
  heading(s: string): this {
    if (this.text.length > 0 && !this.text.endsWith("\n\n")) this.text += "\n";
    return this.bold(s).line();
  }

  build(): RichText {
    // Trimmed once: trimming inside the filter made a 5,000-line list take 0.6 s.
    const text = this.text.replace(/\n+$/, "");
    return { text, entities: this.entities.filter((e) => e.offset < text.length) };
  }
}

/**
 * Splits a long message into parts of at most `limit` characters. A cut falls at a line break where one
 * fits, else at a space, else anywhere; never inside an entity unless the entity alone exceeds the limit,
 * in which case the entity is continued in the next part. Offsets are rebased per part.
 */
export function splitRichText(input: RichText, limit = TELEGRAM_TEXT_LIMIT): RichText[] {
  const parts: RichText[] = [];
  let start = 0;
  const { text } = input;
  while (start < text.length) {
    // Leading line breaks of a part are dropped: Telegram would trim them anyway.
    while (text[start] === "\n" && start < text.length) start++;
    if (start >= text.length) break;
    let end = Math.min(text.length, start + limit);
    if (end < text.length) end = chooseCut(input, start, end);
    parts.push(slice(input, start, end));
    start = end;
  }
  return parts;
}

function chooseCut(input: RichText, start: number, hardEnd: number): number {
  const { text, entities } = input;
  const insideEntity = (pos: number) => entities.some((e) => e.offset < pos && pos < e.offset + e.length);
  const acceptable = (pos: number) => pos > start && !insideEntity(pos);
  // A line break: cut after it. Prefer the last one in the window.
  for (let i = hardEnd - 1; i > start; i--) if (text[i] === "\n" && acceptable(i + 1)) return i + 1;
  for (let i = hardEnd - 1; i > start; i--) if (text[i] === " " && acceptable(i + 1)) return i + 1;
  for (let i = hardEnd; i > start; i--) if (acceptable(i) && !isLowSurrogate(text.charCodeAt(i))) return i;
  // One entity longer than the window: cut it, but not between the halves of a surrogate pair.
  return isLowSurrogate(text.charCodeAt(hardEnd)) ? hardEnd - 1 : hardEnd;
}

const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

function slice(input: RichText, start: number, end: number): RichText {
  let text = input.text.slice(start, end);
  const trimmed = text.replace(/\n+$/, "");
  text = trimmed;
  const stop = start + text.length;
  const entities: TextEntity[] = [];
  for (const e of input.entities) {
    const from = Math.max(e.offset, start);
    const to = Math.min(e.offset + e.length, stop);
    if (to > from) entities.push({ ...e, offset: from - start, length: to - from });
  }
  return { text, entities };
}
