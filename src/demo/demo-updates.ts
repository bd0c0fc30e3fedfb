import type { Message, Update } from "grammy/types";
import type { Persona } from "./demo-province.ts";
import type { KeyboardMessage } from "./keyboard-tracker.ts";

/** Builds the updates Telegram would deliver when a persona types, presses or sends a file. */
export class DemoUpdates {
  private updateId = 1;

  constructor(
    private readonly bot: { id: number; first_name: string; username: string },
    private readonly nextMessageId: () => number,
    private readonly now: () => Date,
    /** What the personas' Telegram apps report as their language. */
    private readonly languageCode = "vi",
  ) {}

  text(p: Persona, text: string): Update {
    const command = /^\/\S+/.exec(text)?.[0];
    return this.message(p, {
      text,
      ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command.length }] } : {}),
    });
  }

  document(p: Persona, file: { fileId: string; fileName: string; mimeType: string; size: number }): Update {
    const document = {
      file_id: file.fileId,
      file_unique_id: `u-${file.fileId}`,
      file_name: file.fileName,
      mime_type: file.mimeType,
      file_size: file.size,
    };
    return this.message(p, { document });
  }

  photo(p: Persona, file: { fileId: string; size: number }): Update {
    return this.message(p, { photo: [{ file_id: file.fileId, file_unique_id: `u-${file.fileId}`, width: 1280, height: 960, file_size: file.size }] });
  }

  /** A press of an inline button on a message the bot sent to this persona. */
  callback(p: Persona, on: KeyboardMessage, data: string): Update {
    const id = this.updateId++;
    const rows: { text: string; callback_data?: string; url?: string }[][] = [];
    for (const b of on.buttons) (rows[b.row] ??= []).push({ text: b.text, callback_data: b.callbackData, url: b.url });
    const markup = { inline_keyboard: rows.filter(Boolean) };
    return {
      update_id: id,
      callback_query: {
        id: `demo-cb-${id}`,
        from: this.from(p),
        chat_instance: `demo-${p.telegramId}`,
        data,
        message: {
          message_id: on.messageId,
          date: this.unixNow(),
          chat: this.chat(p),
          from: { id: this.bot.id, is_bot: true, first_name: this.bot.first_name, username: this.bot.username },
          text: on.text,
          reply_markup: markup,
        },
      },
    } as unknown as Update;
  }

  private message(p: Persona, content: Partial<Message>): Update {
    return {
      update_id: this.updateId++,
      message: { message_id: this.nextMessageId(), date: this.unixNow(), chat: this.chat(p), from: this.from(p), ...content },
    } as Update;
  }

  private from(p: Persona) {
    return { id: p.telegramId, is_bot: false, first_name: p.name, language_code: this.languageCode };
  }

  private chat(p: Persona) {
    return { id: p.telegramId, type: "private" as const, first_name: p.name };
  }

  private unixNow(): number {
    return Math.floor(this.now().getTime() / 1000);
  }
}
