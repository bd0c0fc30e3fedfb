/** A button as the console numbers it: row by row, left to right, from 1. */
export interface ConsoleButton {
  text: string;
  callbackData?: string;
  url?: string;
  row: number;
}

/** A message that still shows a keyboard in a chat. */
export interface KeyboardMessage {
  chatId: number;
  messageId: number;
  /** The message text or caption, for the callback query's `message`. */
  text: string;
  kind: "inline" | "reply";
  buttons: ConsoleButton[];
}

interface Markup {
  inline_keyboard?: { text: string; callback_data?: string; url?: string }[][];
  keyboard?: (string | { text: string })[][];
  remove_keyboard?: boolean;
}

/** The buttons of a reply_markup, numbered the way the console shows them; [] when there are none. */
export function buttonsOf(markup: unknown): { kind: "inline" | "reply"; buttons: ConsoleButton[] } | undefined {
  const m = markup as Markup | undefined;
  if (m?.inline_keyboard?.length) {
    const buttons = m.inline_keyboard.flatMap((row, r) =>
      row.map((b) => ({ text: b.text, callbackData: b.callback_data, url: b.url, row: r })),
    );
    return { kind: "inline", buttons };
  }
  if (m?.keyboard?.length) {
    const buttons = m.keyboard.flatMap((row, r) => row.map((b) => ({ text: typeof b === "string" ? b : b.text, row: r })));
    return { kind: "reply", buttons };
  }
  return undefined;
}

/**
 * Follows which messages still show buttons, per chat, the way a Telegram client would:
 * edits replace or remove an inline keyboard, a new reply keyboard replaces the old one,
 * remove_keyboard hides it, deleted messages lose theirs.
 */
export class KeyboardTracker {
  private readonly byChat = new Map<number, KeyboardMessage[]>();

  /** A message the bot sent. */
  sent(chatId: number, messageId: number, text: string, markup: unknown): void {
    const list = this.list(chatId);
    if ((markup as Markup | undefined)?.remove_keyboard) this.byChat.set(chatId, list.filter((k) => k.kind !== "reply"));
    const found = buttonsOf(markup);
    if (!found) return;
    const kept = found.kind === "reply" ? this.list(chatId).filter((k) => k.kind !== "reply") : this.list(chatId);
    kept.push({ chatId, messageId, text, ...found });
    this.byChat.set(chatId, kept);
  }

  /** An edit of the text or caption (`text` set) and/or of the inline keyboard; no inline keyboard removes it. */
  edited(chatId: number, messageId: number, text: string | undefined, markup: unknown): void {
    const list = this.list(chatId);
    const at = list.findIndex((k) => k.messageId === messageId && k.kind === "inline");
    const found = buttonsOf(markup);
    if (!found || found.kind !== "inline") {
      if (at >= 0) list.splice(at, 1);
      return;
    }
    const entry: KeyboardMessage = { chatId, messageId, text: text ?? list[at]?.text ?? "", ...found };
    if (at >= 0) list[at] = entry;
    else list.push(entry);
    this.byChat.set(chatId, list);
  }

  deleted(chatId: number, messageId: number): void {
    this.byChat.set(chatId, this.list(chatId).filter((k) => k.messageId !== messageId));
  }

  /** The most recent message that still shows buttons in this chat. */
  last(chatId: number): KeyboardMessage | undefined {
    return this.list(chatId).at(-1);
  }

  private list(chatId: number): KeyboardMessage[] {
    return this.byChat.get(chatId) ?? [];
  }
}

/** The button `:press` means: its number, or the first whose text starts with (else contains) the label. */
export function findButton(buttons: ConsoleButton[], target: { index: number } | { label: string }): ConsoleButton | undefined {
  if ("index" in target) return buttons[target.index - 1];
  const norm = (s: string) => s.normalize("NFC").toLowerCase().trim();
  const label = norm(target.label);
  return buttons.find((b) => norm(b.text).startsWith(label)) ?? buttons.find((b) => norm(b.text).includes(label));
}
