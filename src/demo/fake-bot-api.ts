import type { UserFromGetMe } from "grammy/types";
import { telegramRefusal } from "../bot/telegram-limits.ts";

/** One call the bot made to the Bot API, as Telegram would have received it. */
export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
  /** Files uploaded with the call (multipart), by field name. */
  files: Record<string, { filename: string; data: Buffer }>;
}

/** A file the fake can hand out through getFile and the file download URL. */
export interface StoredFile {
  fileId: string;
  filePath: string;
  data: Buffer;
  fileName?: string;
}

/** What the fake answers for one call; the default answers like Telegram. */
export type FaultRule = (call: ApiCall) => { status: number; body: Record<string, unknown> } | undefined;

export const FAKE_BOT_INFO: UserFromGetMe = {
  id: 7_000_000_001,
  is_bot: true,
  first_name: "Báo cáo CNTT",
  username: "baocao_cntt_bot",
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
} as UserFromGetMe;

/**
 * An in-process Bot API: plug `fetch` into grammY's client options. It answers like Telegram
 * (a Message for send*, true for the rest), records every call, and can inject faults.
 * Used by the tests and by the offline demo, so both run the production bot code unchanged.
 */
export class FakeBotApi {
  readonly calls: ApiCall[] = [];
  /** Calls answered 400 because Telegram would refuse them (too long, empty, bad buttons), with the description. */
  readonly refusals: Array<{ method: string; description: string }> = [];
  private nextMessageId = 1000;
  private faults: FaultRule[] = [];
  private readonly files = new Map<string, StoredFile>();
  /** Called for every successful call, e.g. by the demo console to print it. */
  onCall?: (call: ApiCall, result: unknown) => void | Promise<void>;
  /** The time stamped on sent messages; the demo points it at its simulated clock. */
  now: () => Date = () => new Date();

  constructor(readonly botInfo: UserFromGetMe = FAKE_BOT_INFO) {}

  /** Add a fault; it is consulted before the normal answer, until removed. */
  addFault(rule: FaultRule): () => void {
    this.faults.push(rule);
    return () => {
      this.faults = this.faults.filter((f) => f !== rule);
    };
  }

  clear(): void {
    this.calls.length = 0;
  }

  /** A message id no other message has, e.g. for an incoming message the demo builds. */
  allocateMessageId(): number {
    return this.nextMessageId++;
  }

  /**
   * Makes a file downloadable like Telegram's: getFile answers its path, and
   * `<apiRoot>/file/bot<token>/<path>` through this fetch answers its bytes.
   */
  putFile(data: Buffer, opts: { fileId?: string; fileName?: string; folder?: string } = {}): StoredFile {
    const fileId = opts.fileId ?? `file-${this.allocateMessageId()}`;
    const name = (opts.fileName ?? fileId).replace(/[^\p{L}\p{N}._-]+/gu, "_");
    const stored: StoredFile = { fileId, filePath: `${opts.folder ?? "documents"}/${fileId}-${name}`, data, fileName: opts.fileName };
    this.files.set(fileId, stored);
    return stored;
  }

  fileById(fileId: string): StoredFile | undefined {
    return this.files.get(fileId);
  }

  /** Calls of one method, payloads through a JSON round trip (grammY adds undefined keys). */
  callsOf(method: string): Record<string, unknown>[] {
    return this.calls.filter((c) => c.method === method).map((c) => JSON.parse(JSON.stringify(c.payload)));
  }

  /** Texts of every message sent to a chat, in order. */
  textsTo(chatId: number): string[] {
    return this.calls
      .filter((c) => c.method.startsWith("send") || c.method === "editMessageText")
      .filter((c) => Number(c.payload.chat_id) === chatId)
      .map((c) => String(c.payload.text ?? c.payload.caption ?? ""));
  }

  readonly fetch = (async (input: unknown, init?: { body?: unknown; headers?: unknown }) => {
    const url = String(input instanceof URL ? input.href : typeof input === "string" ? input : (input as { url: string }).url);
    const download = url.includes("/file/bot") ? /\/file\/bot[^/]+\/(.+)$/.exec(new URL(url).pathname) : null;
    if (download) return this.download(decodeURIComponent(download[1]!));
    const method = url.slice(url.lastIndexOf("/") + 1);
    const call = await parseCall(method, init);
    this.calls.push(call);
    for (const f of this.faults) {
      const fault = f(call);
      if (fault) return jsonResponse(fault.status, fault.body);
    }
    // What Telegram itself refuses, refused here too: a screen that would be lost fails a test or the demo.
    const refused = telegramRefusal(method, call.payload);
    if (refused) {
      this.refusals.push({ method, description: refused });
      return jsonResponse(400, { description: refused });
    }
    const result = this.answer(call);
    await this.onCall?.(call, result);
    return jsonResponse(200, { ok: true, result });
  }) as unknown as typeof fetch;

  private download(filePath: string): Response {
    const file = [...this.files.values()].find((f) => f.filePath === filePath);
    if (!file) return new Response("Not Found", { status: 404 });
    return new Response(new Uint8Array(file.data), { status: 200, headers: { "content-type": "application/octet-stream" } });
  }

  /** Keeps a file the bot uploaded, under the file_id the answer gives it, so it can be fetched or re-sent. */
  private keepUpload(call: ApiCall, field: string, fileId: string, folder: string): StoredFile | undefined {
    const ref = call.payload[field];
    if (typeof ref !== "string") return undefined;
    if (!ref.startsWith("attach://")) return this.files.get(ref);
    const upload = call.files[ref.slice("attach://".length)];
    return upload ? this.putFile(upload.data, { fileId, fileName: upload.filename, folder }) : undefined;
  }

  private answer(call: ApiCall): unknown {
    const p = call.payload;
    const chatId = Number(p.chat_id);
    const base = () => ({
      message_id: this.nextMessageId++,
      date: Math.floor(this.now().getTime() / 1000),
      chat: { id: chatId, type: chatId > 0 ? "private" : "group", first_name: "Demo" },
      from: { id: this.botInfo.id, is_bot: true, first_name: this.botInfo.first_name, username: this.botInfo.username },
    });
    switch (call.method) {
      case "getMe":
        return this.botInfo;
      case "sendMessage":
        return { ...base(), text: p.text, entities: p.entities, reply_markup: p.reply_markup };
      case "sendPhoto": {
        const message = base();
        const kept = this.keepUpload(call, "photo", `photo-${message.message_id}`, "photos");
        const fileId = kept?.fileId ?? (typeof p.photo === "string" ? p.photo : `photo-${message.message_id}`);
        const photo = [{ file_id: fileId, file_unique_id: `u-${fileId}`, width: 1, height: 1, file_size: kept?.data.length }];
        return { ...message, caption: p.caption, caption_entities: p.caption_entities, reply_markup: p.reply_markup, photo };
      }
      case "sendDocument": {
        const message = base();
        const kept = this.keepUpload(call, "document", `doc-${message.message_id}`, "documents");
        const fileId = kept?.fileId ?? (typeof p.document === "string" ? p.document : `doc-${message.message_id}`);
        const document = { file_id: fileId, file_unique_id: `u-${fileId}`, file_name: kept?.fileName, file_size: kept?.data.length };
        return { ...message, caption: p.caption, caption_entities: p.caption_entities, reply_markup: p.reply_markup, document };
      }
      case "copyMessage":
        return { message_id: this.nextMessageId++ };
      case "editMessageText":
        return { ...base(), message_id: Number(p.message_id), text: p.text, reply_markup: p.reply_markup };
      case "getFile": {
        const stored = this.files.get(String(p.file_id));
        if (stored) return { file_id: stored.fileId, file_unique_id: `u-${stored.fileId}`, file_size: stored.data.length, file_path: stored.filePath };
        return { file_id: p.file_id, file_unique_id: "u", file_path: `files/${String(p.file_id)}` };
      }
      case "getUpdates":
        return [];
      default:
        return true;
    }
  }
}

/**
 * Telegram's JSON answer as the part of a fetch Response that grammY and the HTTP front of the fake read
 * (`ok`, `status`, `headers`, `json()`, `text()`): an undici Response costs more than the whole update it
 * answers, which the report-filing benchmark would count as the bot's. The body is text, so each reader
 * gets its own copy, as over the network.
 */
function jsonResponse(status: number, body: Record<string, unknown>): Response {
  const text = JSON.stringify(status === 200 ? body : { ok: false, error_code: status, ...body });
  const reply = {
    ok: status >= 200 && status < 300,
    status,
    get headers() {
      return new Headers({ "content-type": "application/json" });
    },
    json: () => Promise.resolve(JSON.parse(text) as unknown),
    text: () => Promise.resolve(text),
  };
  return reply as unknown as Response;
}

/** The content type of a request: grammY passes its headers as a plain object; anything else goes through Headers. */
function contentTypeOf(headers: unknown): string {
  if (headers && typeof headers === "object" && !(headers instanceof Headers) && !Array.isArray(headers)) {
    for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === "content-type") return String(v);
    return "";
  }
  return new Headers(headers as HeadersInit).get("content-type") ?? "";
}

async function parseCall(method: string, init?: { body?: unknown; headers?: unknown }): Promise<ApiCall> {
  const body = init?.body;
  if (body === undefined || body === null) return { method, payload: {}, files: {} };
  const contentType = contentTypeOf(init?.headers);
  const multipart = contentType.toLowerCase().startsWith("multipart/form-data");
  if (typeof body === "string" && !multipart) return { method, payload: JSON.parse(body) as Record<string, unknown>, files: {} };
  // Multipart (a file upload): collect the stream and split it into fields and files.
  const chunks: Buffer[] = [];
  if (typeof body === "string") chunks.push(Buffer.from(body, "utf8"));
  else if (body instanceof Uint8Array) chunks.push(Buffer.from(body));
  else for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(Buffer.from(chunk));
  const payload: Record<string, unknown> = {};
  const files: ApiCall["files"] = {};
  for (const part of splitMultipart(Buffer.concat(chunks), contentType)) {
    if (part.filename !== undefined) {
      files[part.name] = { filename: part.filename, data: part.data };
      continue;
    }
    const value = part.data.toString("utf8");
    try {
      payload[part.name] = JSON.parse(value);
    } catch {
      payload[part.name] = value;
    }
  }
  // grammY sends each file field as "attach://<id>" in the payload and the bytes under <id> in `files`.
  return { method, payload, files };
}

/**
 * A small multipart/form-data reader. grammY writes `content-disposition:form-data;name="x";filename=a b.pdf`
 * (no space, unquoted file name), which the platform's strict FormData parser refuses.
 */
function splitMultipart(buf: Buffer, contentType: string): { name: string; filename?: string; data: Buffer }[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!boundary) throw new Error("multipart body without a boundary");
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const parts: { name: string; filename?: string; data: Buffer }[] = [];
  let at = buf.indexOf(delimiter);
  while (at !== -1) {
    let start = at + delimiter.length;
    if (buf.subarray(start, start + 2).toString("latin1") === "--") break;
    if (buf.subarray(start, start + 2).toString("latin1") === "\r\n") start += 2;
    const next = buf.indexOf(delimiter, start);
    if (next === -1) break;
    const end = buf.subarray(next - 2, next).toString("latin1") === "\r\n" ? next - 2 : next;
    const part = buf.subarray(start, end);
    const split = part.indexOf("\r\n\r\n");
    const head = part.subarray(0, split === -1 ? part.length : split).toString("utf8");
    const name = /name="([^"]*)"/i.exec(head)?.[1] ?? "";
    const file = /;\s*filename=(?:"([^"]*)"|([^\r\n]*))/i.exec(head);
    const data = split === -1 ? Buffer.alloc(0) : Buffer.from(part.subarray(split + 4));
    parts.push({ name, filename: file ? (file[1] ?? file[2] ?? "").trim() : undefined, data });
    at = next;
  }
  return parts;
}
