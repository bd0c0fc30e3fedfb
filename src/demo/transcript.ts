import { mkdirSync, writeFileSync } from "node:fs";
import { extname, isAbsolute, join, relative } from "node:path";
import type { ApiCall, FakeBotApi } from "./fake-bot-api.ts";
import { buttonsOf, KeyboardTracker, type ConsoleButton } from "./keyboard-tracker.ts";

export type ConsoleTranslate = (key: string, args?: Record<string, string>) => string;

export interface TranscriptOptions {
  write: (text: string) => void;
  t: ConsoleTranslate;
  api: FakeBotApi;
  /** How a chat is named in the transcript: the persona's name and key. */
  recipient: (chatId: number) => string;
  /** Where photos and documents the bot sends are saved. */
  outDir: string;
}

/** Calls that change nothing a person would see. */
const SILENT = new Set([
  "getMe",
  "getFile",
  "getUpdates",
  "sendChatAction",
  "setMyCommands",
  "deleteMyCommands",
  "getMyCommands",
  "setChatMenuButton",
  "setWebhook",
  "deleteWebhook",
  "close",
  "logOut",
]);

/**
 * Prints every Telegram call the bot makes the way a person would see it, whoever it went to,
 * saves the files the bot sends, and keeps track of which messages still show buttons.
 */
export class Transcript {
  readonly keyboards = new KeyboardTracker();
  /** The last `t.me/<this bot>?start=...` link the bot showed anyone, for `:open`. */
  lastDeepLink: string | undefined;
  private readonly callbackChats = new Map<string, number>();
  private readonly userMessages = new Map<string, string>();
  private savedFiles = 0;

  constructor(private readonly o: TranscriptOptions) {}

  /** Remembers who pressed a button, so the bot's answer to the press can name them. */
  pressed(callbackQueryId: string, chatId: number): void {
    this.callbackChats.set(callbackQueryId, chatId);
  }

  /** Remembers what a persona wrote, so a copy or forward of it can be shown. */
  userWrote(chatId: number, messageId: number, text: string): void {
    this.userMessages.set(`${chatId}:${messageId}`, text);
  }

  /** The output folder as the user would type it: relative to the working directory when inside it. */
  get outDirLabel(): string {
    return displayPath(this.o.outDir);
  }

  line(text: string): void {
    this.o.write(`${text}\n`);
  }

  /** The FakeBotApi hook: one block of output per visible call. */
  onCall(call: ApiCall, result: unknown): void {
    if (SILENT.has(call.method)) return;
    const p = call.payload;
    const chatId = Number(p.chat_id);
    const r = (result ?? {}) as { message_id?: number };
    const to = () => this.o.recipient(chatId);
    const t = this.o.t;
    switch (call.method) {
      case "sendMessage":
        this.keyboards.sent(chatId, r.message_id ?? 0, String(p.text ?? ""), p.reply_markup);
        return this.block(t("demo-msg-to", { recipient: to() }), [String(p.text ?? "")], p.reply_markup, p);
      case "sendPhoto":
      case "sendDocument":
      case "sendVideo":
      case "sendAudio":
      case "sendVoice":
      case "sendAnimation": {
        this.keyboards.sent(chatId, r.message_id ?? 0, String(p.caption ?? ""), p.reply_markup);
        const file = this.fileLine(call.method, result);
        return this.block(t("demo-msg-to", { recipient: to() }), [file, ...this.optional(p.caption)], p.reply_markup, p);
      }
      case "sendMediaGroup": {
        const media = (p.media as { type: string; media: unknown; caption?: string }[] | undefined) ?? [];
        const lines = media.flatMap((m) => [this.mediaLine(m.type, m.media, call), ...this.optional(m.caption)]);
        return this.block(t("demo-msg-to", { recipient: to() }), lines, undefined, p);
      }
      case "editMessageText":
      case "editMessageCaption": {
        const text = String((call.method === "editMessageText" ? p.text : p.caption) ?? "");
        this.keyboards.edited(chatId, Number(p.message_id), text, p.reply_markup);
        return this.block(t("demo-msg-edit", { recipient: to(), id: String(p.message_id) }), [text], p.reply_markup, p);
      }
      case "editMessageReplyMarkup": {
        this.keyboards.edited(chatId, Number(p.message_id), undefined, p.reply_markup);
        const removed = buttonsOf(p.reply_markup) ? [] : [t("demo-msg-buttons-removed")];
        return this.block(t("demo-msg-buttons-edit", { recipient: to(), id: String(p.message_id) }), removed, p.reply_markup, p);
      }
      case "deleteMessage":
        this.keyboards.deleted(chatId, Number(p.message_id));
        return this.line(`  ${t("demo-msg-deleted", { recipient: to(), id: String(p.message_id) })}`);
      case "answerCallbackQuery": {
        if (!p.text) return;
        const presser = this.callbackChats.get(String(p.callback_query_id));
        const recipient = presser === undefined ? "?" : this.o.recipient(presser);
        const key = p.show_alert ? "demo-msg-alert" : "demo-msg-popup";
        return this.line(`  ${t(key, { recipient, text: String(p.text) })}`);
      }
      case "copyMessage":
      case "forwardMessage": {
        const original = this.userMessages.get(`${Number(p.from_chat_id)}:${Number(p.message_id)}`);
        const head = t("demo-msg-copy", { id: String(p.message_id), from: this.o.recipient(Number(p.from_chat_id)) });
        return this.block(t("demo-msg-to", { recipient: to() }), [head, ...this.optional(original)], p.reply_markup, p);
      }
      default:
        this.line(`  ${t("demo-msg-other", { method: call.method, recipient: Number.isFinite(chatId) ? to() : "-" })}`);
    }
  }

  /** Header, indented body, then the buttons numbered the way `:press` counts them. */
  private block(header: string, body: string[], markup: unknown, payload: Record<string, unknown>): void {
    this.noticeLinks(body.join("\n"), payload);
    const out = [`  ${header}`];
    for (const text of body) for (const l of text.split("\n")) out.push(`    ${l}`.trimEnd());
    const found = buttonsOf(markup);
    if (found) out.push(...formatButtons(found.kind, found.buttons));
    this.o.write(`${out.join("\n")}\n`);
  }

  private optional(text: unknown): string[] {
    return typeof text === "string" && text !== "" ? [text] : [];
  }

  private noticeLinks(text: string, payload: Record<string, unknown>): void {
    const candidates = [text];
    for (const e of (payload.entities as { url?: string }[] | undefined) ?? []) if (e.url) candidates.push(e.url);
    for (const b of buttonsOf(payload.reply_markup)?.buttons ?? []) if (b.url) candidates.push(b.url);
    const user = this.o.api.botInfo.username;
    for (const c of candidates) {
      for (const m of c.matchAll(/https?:\/\/t\.me\/([A-Za-z0-9_]+)\?start=([A-Za-z0-9_-]{1,64})/g)) {
        if (m[1]!.toLowerCase() === user.toLowerCase()) this.lastDeepLink = m[0];
      }
    }
  }

  /** Where the file the bot just sent was saved, or what it referred to. */
  private fileLine(method: string, result: unknown): string {
    const r = result as { photo?: { file_id: string }[]; document?: { file_id: string; file_name?: string } } & Record<string, unknown>;
    const kind = method.slice("send".length).toLowerCase();
    const fileId = r.photo?.at(-1)?.file_id ?? r.document?.file_id ?? (r[kind] as { file_id?: string } | undefined)?.file_id;
    return this.savedOrRef(kind, fileId);
  }

  private mediaLine(kind: string, media: unknown, call: ApiCall): string {
    if (typeof media === "string" && media.startsWith("attach://")) {
      const upload = call.files[media.slice("attach://".length)];
      if (upload) return this.savedLine(kind, this.save(upload.data, upload.filename, kind));
    }
    return this.savedOrRef(kind, typeof media === "string" ? media : undefined);
  }

  private savedOrRef(kind: string, ref: string | undefined): string {
    const stored = ref ? this.o.api.fileById(ref) : undefined;
    if (stored) return this.savedLine(kind, this.save(stored.data, stored.fileName, kind));
    return this.o.t("demo-msg-file-unknown", { kind, ref: ref ?? "?" });
  }

  private savedLine(kind: string, path: string): string {
    return this.o.t(kind === "photo" ? "demo-msg-photo" : "demo-msg-document", { path });
  }

  private save(data: Buffer, fileName: string | undefined, kind: string): string {
    mkdirSync(this.o.outDir, { recursive: true });
    this.savedFiles++;
    const safe = (fileName ?? "").replace(/[/\\]+/g, "_").replace(/^\.+/, "");
    const name = safe && safe !== "blob" ? safe : `${kind}${extname(safe) || guessExtension(data)}`;
    const path = join(this.o.outDir, `${String(this.savedFiles).padStart(3, "0")}-${name}`);
    writeFileSync(path, data);
    return displayPath(path);
  }
}

/** `[1] Yes   [2] No` per row; reply-keyboard buttons are typed, so they are shown as ‹text›. */
export function formatButtons(kind: "inline" | "reply", buttons: ConsoleButton[]): string[] {
  const rows: string[][] = [];
  buttons.forEach((b, i) => {
    const label = kind === "inline" ? `[${i + 1}] ${b.text}${b.url ? ` → ${b.url}` : ""}` : `‹${i + 1}: ${b.text}›`;
    (rows[b.row] ??= []).push(label);
  });
  return rows.filter(Boolean).map((r) => `    ${r.join("   ")}`);
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === "" || rel.startsWith("..") || isAbsolute(rel) ? path : rel;
}

function guessExtension(data: Buffer): string {
  if (data.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]))) return ".png";
  if (data[0] === 0xff && data[1] === 0xd8) return ".jpg";
  if (data.subarray(0, 4).toString("latin1") === "%PDF") return ".pdf";
  if (data.subarray(0, 2).toString("latin1") === "PK") return ".zip";
  if (data.subarray(0, 5).toString("latin1") === "<?xml" || data.subarray(0, 4).toString("latin1") === "<svg") return ".svg";
  return ".bin";
}
