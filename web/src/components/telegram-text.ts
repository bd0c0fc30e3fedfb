// A message as Telegram shows it: the text with its bold, italic, underline, strikethrough and code entities.
// Offsets are in UTF-16 code units, as JavaScript strings count.
import { html } from "htm/preact";

export interface Entity {
  type: string;
  offset: number;
  length: number;
}

const TAGS: Record<string, string> = { bold: "strong", italic: "em", underline: "u", strikethrough: "s", code: "code" };

export function TelegramText({ text, entities = [] }: { text: string; entities?: Entity[] }) {
  // Each character's set of styles, then runs of equal styles.
  const styles: string[] = new Array(text.length).fill("");
  for (const e of entities)
    if (TAGS[e.type]) for (let i = e.offset; i < Math.min(text.length, e.offset + e.length); i++) styles[i] += `${e.type} `;
  const runs: { text: string; style: string }[] = [];
  for (let i = 0; i < text.length; i++) {
    const last = runs[runs.length - 1];
    if (last && last.style === styles[i]) last.text += text[i];
    else runs.push({ text: text[i]!, style: styles[i]! });
  }
  return html`${runs.map((r) =>
    r.style
      .trim()
      .split(" ")
      .filter(Boolean)
      .reduceRight((inner: unknown, type) => html`<${TAGS[type]!}>${inner}<//>`, r.text as unknown),
  )}`;
}
