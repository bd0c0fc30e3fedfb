import { clip, TELEGRAM_CAPTION_LIMIT, TELEGRAM_TEXT_LIMIT } from "../../bot/telegram-limits.ts";
import { isBlank } from "../../bot/user-text.ts";
import type { OutboxPayload } from "../outbox/outbox.table.ts";

/** A Telegram text entity (bold, link, ...), kept as Telegram sent it with the coordinator's message. */
export interface TextEntity {
  type: string;
  offset: number;
  length: number;
  [k: string]: unknown;
}

/** What the coordinator composed. */
export interface BroadcastContent {
  text: string;
  entities: TextEntity[] | null;
  mediaKind: "photo" | "document" | null;
  mediaFileId: string | null;
}

export const CAPTION_LIMIT = TELEGRAM_CAPTION_LIMIT;
export const TEXT_LIMIT = TELEGRAM_TEXT_LIMIT;

/**
 * Why a composed message cannot go out as it is, as a locale key and its arguments: a text that shows as nothing
 * (Telegram refuses it), or a caption over Telegram's 1,024 (a Premium account may type up to 4,096).
 */
export function contentProblem(content: BroadcastContent): { key: string; args: Record<string, number> } | undefined {
  const limit = content.mediaKind ? CAPTION_LIMIT : TEXT_LIMIT;
  if (!content.mediaKind && isBlank(content.text)) return { key: "broadcast-compose-empty", args: {} };
  if (content.text.length > limit) return { key: "broadcast-caption-too-long", args: { length: content.text.length, max: limit } };
  return undefined;
}

/** `bc:ack:<id>`; the preview's button carries no id and is answered as a preview. */
export const ackData = (broadcastId: number | null) => (broadcastId === null ? "bc:preview" : `bc:ack:${broadcastId}`);

/**
 * The exact call recipients get: the same text and entities (formatting as the coordinator typed it,
 * never parse_mode), the photo or document by file_id, and the acknowledgement button if asked for.
 * A `prefix` (a reminder's first line) shifts the entities by its length in UTF-16 units, as Telegram counts.
 */
export function broadcastPayload(
  content: BroadcastContent,
  opts: { ackLabel?: string; broadcastId: number | null; prefix?: string },
): OutboxPayload {
  const limit = content.mediaKind ? CAPTION_LIMIT : TEXT_LIMIT;
  let prefix = opts.prefix ?? "";
  if (prefix.length + content.text.length > limit) prefix = "";
  const text = prefix + content.text;
  const entities = (content.entities ?? []).map((e) => ({ ...e, offset: e.offset + prefix.length }));
  const markup = opts.ackLabel
    ? { reply_markup: { inline_keyboard: [[{ text: opts.ackLabel, callback_data: ackData(opts.broadcastId) }]] } }
    : {};
  if (content.mediaKind && content.mediaFileId) {
    const params: Record<string, unknown> = {
      [content.mediaKind]: content.mediaFileId,
      ...(text ? { caption: text } : {}),
      ...(entities.length ? { caption_entities: entities } : {}),
      ...markup,
    };
    return { method: content.mediaKind === "photo" ? "sendPhoto" : "sendDocument", params };
  }
  return { method: "sendMessage", params: { text, ...(entities.length ? { entities } : {}), ...markup } };
}

/** A one-line excerpt for lists: the first line, cut at `max` characters. */
export function excerpt(text: string, max = 60): string {
  return clip(text.split("\n")[0]!.trim(), max);
}
