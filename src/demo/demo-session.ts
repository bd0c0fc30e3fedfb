import { readFileSync } from "node:fs";
import { basename, extname, resolve } from "node:path";
import type { Bot } from "grammy";
import type { Update } from "grammy/types";
import { createBot } from "../bot/create-bot.ts";
import type { BotContext, BotDeps } from "../bot/context.ts";
import type { Feature } from "../bot/features.ts";
import { createTranslate } from "../bot/i18n.ts";
import { cachedOrganisation, loadOrganisation } from "../features/organisation/organisation.repository.ts";
import { ManualClock } from "../config/clock.ts";
import { loadConfig, type Config } from "../config/config.ts";
import type { Logger } from "../config/logger.ts";
import { migrateDatabase, openDatabase, type Database } from "../db/client.ts";
import { allFeatures } from "../features/index.ts";
import type { BackgroundJob } from "../features/jobs.ts";
import { createBackgroundWork, type BackgroundWork } from "./background-work.ts";
import { applyClockChange, parseConsoleLine, type ConsoleInput } from "./console-line.ts";
import { demoSeeds as registeredSeeds, type DemoSeed } from "./demo-seeds.ts";
import { DEMO_PERSONAS, seedDemoProvince, type Persona } from "./demo-province.ts";
import { DemoUpdates } from "./demo-updates.ts";
import { FAKE_BOT_INFO, FakeBotApi } from "./fake-bot-api.ts";
import { findButton } from "./keyboard-tracker.ts";
import { lookupPersona } from "./persona-lookup.ts";
import { Transcript, type ConsoleTranslate } from "./transcript.ts";

/** A well-formed token that Telegram never sees: every call goes to the in-process fake. */
export const DEMO_TOKEN = "1000:offline-demo-token-never-sent-anywhere";
/** Unresolvable on purpose (.invalid), so nothing can leak to the network even by mistake. */
export const DEMO_API_ROOT = "http://telegram.demo.invalid";

/**
 * The production configuration schema, with what the demo fixes itself: the fake token, API root and bot name,
 * no database server, no admin ids and warn-level logs unless LOG_LEVEL says otherwise.
 * Locale, time zone, quiet hours and outbox limits still come from the environment.
 */
export function demoConfig(env: Record<string, string | undefined>): Config {
  return loadConfig({
    ...env,
    BOT_TOKEN: DEMO_TOKEN,
    TELEGRAM_API_ROOT: DEMO_API_ROOT,
    BOT_USERNAME: FAKE_BOT_INFO.username,
    DATABASE_URL: undefined,
    DATA_DIR: "memory://",
    ADMIN_TELEGRAM_IDS: undefined,
    BOT_MODE: "polling",
    WEBHOOK_URL: undefined,
    WEBHOOK_SECRET: undefined,
    LOG_LEVEL: env.LOG_LEVEL ?? "warn",
  });
}

export interface DemoOptions {
  config: Config;
  logger: Logger;
  write: (text: string) => void;
  /** Where photos and documents the bot sends are saved. */
  outDir: string;
  /** A migrated database to use; by default a fresh in-memory PGlite, migrated here. */
  database?: Database;
  features?: Feature[];
  seeds?: DemoSeed[];
  /** The database already holds the demo province and every seed (a prepared copy): seed nothing. */
  seeded?: boolean;
  /** The background jobs; by default allJobs(deps). */
  jobs?: BackgroundJob[];
  /** The simulated clock's start; by default the real current time. */
  startAt?: Date;
}

const MIME_BY_EXT: Record<string, string> = {
  ".pdf": "application/pdf",
  ".doc": "application/msword",
  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  ".xls": "application/vnd.ms-excel",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".csv": "text/csv",
  ".txt": "text/plain",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".zip": "application/zip",
};

/** The console's state: who is speaking, the bot, the fake Telegram, the simulated clock. */
export class DemoSession {
  persona: Persona;
  readonly t: ConsoleTranslate;
  private readonly updates: DemoUpdates;
  private readonly byTelegramId = new Map(DEMO_PERSONAS.map((p) => [p.telegramId, p]));

  constructor(
    readonly deps: BotDeps,
    readonly bot: Bot<BotContext>,
    readonly api: FakeBotApi,
    readonly clock: ManualClock,
    readonly transcript: Transcript,
    readonly runBackgroundWork: BackgroundWork,
    private readonly closeAll: () => Promise<void>,
    t: ConsoleTranslate,
  ) {
    this.t = t;
    this.persona = DEMO_PERSONAS.find((p) => p.key === "coordinator")!;
    this.updates = new DemoUpdates(api.botInfo, () => api.allocateMessageId(), () => clock.now(), deps.config.DEFAULT_LOCALE);
  }

  /** What the prompt shows: the current persona's short name. */
  prompt(): string {
    return `${this.persona.key}> `;
  }

  /** One console line, fully processed (the bot's answers and the background work included). */
  async handleLine(raw: string): Promise<"quit" | undefined> {
    const input = parseConsoleLine(raw);
    if (input.kind === "empty" || input.kind === "comment") return undefined;
    if (input.kind === "quit") return "quit";
    await this.perform(input);
    await this.runBackgroundWork(this.clock.now());
    return undefined;
  }

  /** Who a chat belongs to, as the transcript names them. */
  recipient(chatId: number): string {
    const p = this.byTelegramId.get(chatId);
    return p ? `${p.name} [${p.key}]` : this.t("demo-chat-unknown", { id: String(chatId) });
  }

  describePersona(p: Persona): string {
    const agency = p.agencyName ?? "";
    return `${p.name} — ${this.t(`demo-role-${p.kind}`, { agency })}`;
  }

  /** The simulated time, e.g. "Thứ Sáu, 15/05/2026 10:12 (Asia/Ho_Chi_Minh)". */
  formatNow(key = "demo-clock-now"): string {
    const { DEFAULT_LOCALE: locale, REPORT_TIMEZONE: timeZone } = this.deps.config;
    const time = new Intl.DateTimeFormat(locale === "vi" ? "vi-VN" : "en-GB", {
      timeZone,
      weekday: "long",
      day: "2-digit",
      month: "2-digit",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).format(this.clock.now());
    return this.t(key, { time, zone: timeZone });
  }

  close(): Promise<void> {
    return this.closeAll();
  }

  private say(key: string, args?: Record<string, string>): void {
    this.transcript.line(this.t(key, args));
  }

  private async perform(input: Exclude<ConsoleInput, { kind: "empty" | "comment" | "quit" }>): Promise<void> {
    switch (input.kind) {
      case "message": {
        const update = this.updates.text(this.persona, input.text);
        this.transcript.userWrote(this.persona.telegramId, update.message!.message_id, input.text);
        return this.deliver(update);
      }
      case "help":
        return this.transcript.line(this.t("demo-help", { outDir: this.transcript.outDirLabel }));
      case "personas":
        return this.listPersonas();
      case "as":
        return this.switchPersona(input.query);
      case "press":
        return this.press("index" in input ? { index: input.index } : { label: input.label });
      case "file":
      case "photo":
        return this.sendFile(input.kind, input.path);
      case "open":
        return this.open(input.link);
      case "clock":
        return this.moveClock(input.change);
      case "invalid":
        if (input.problem === "bad-clock") return this.say("demo-clock-bad");
        if (input.problem === "bad-press") return this.say("demo-bad-press");
        return this.say(input.problem === "missing-argument" ? "demo-missing-argument" : "demo-unknown-command", {
          command: input.command,
        });
    }
  }

  private async deliver(update: Update): Promise<void> {
    try {
      await this.bot.handleUpdate(update);
    } catch (err) {
      // The bot's error boundary answers the person; this shows what escaped it.
      this.say("demo-update-failed", { error: errorText(err) });
    }
  }

  private listPersonas(): void {
    const lines = [this.t("demo-personas-header")];
    const width = Math.max(...DEMO_PERSONAS.map((p) => p.key.length));
    for (const p of DEMO_PERSONAS) {
      const mark = p === this.persona ? "*" : " ";
      lines.push(` ${mark} ${p.key.padEnd(width)}  ${this.describePersona(p)}`);
    }
    this.transcript.line(lines.join("\n"));
  }

  private switchPersona(query: string): void {
    const found = lookupPersona(DEMO_PERSONAS, query);
    if ("unknown" in found) return this.say("demo-persona-unknown", { query });
    if ("ambiguous" in found) {
      return this.say("demo-persona-ambiguous", { query, keys: found.ambiguous.map((p) => p.key).join(", ") });
    }
    this.persona = found.found;
    this.say("demo-acting-as", { key: found.found.key, persona: this.describePersona(found.found) });
  }

  private async press(target: { index: number } | { label: string }): Promise<void> {
    const chatId = this.persona.telegramId;
    const message = this.transcript.keyboards.last(chatId);
    if (!message) return this.say("demo-press-none", { recipient: this.recipient(chatId) });
    const button = findButton(message.buttons, target);
    if (!button) {
      const buttons = message.buttons.map((b, i) => `[${i + 1}] ${b.text}`).join("  ");
      return this.say("demo-press-no-button", { target: "index" in target ? String(target.index) : target.label, buttons });
    }
    this.say("demo-press-pressing", { text: button.text });
    if (message.kind === "reply") return this.perform({ kind: "message", text: button.text });
    if (button.url) {
      if (this.startPayload(button.url) !== undefined) return this.open(button.url);
      return this.say("demo-press-url", { url: button.url });
    }
    if (button.callbackData === undefined) return this.say("demo-press-url", { url: "-" });
    const update = this.updates.callback(this.persona, message, button.callbackData);
    this.transcript.pressed(update.callback_query!.id, chatId);
    return this.deliver(update);
  }

  private async sendFile(kind: "file" | "photo", path: string): Promise<void> {
    let data: Buffer;
    try {
      data = readFileSync(resolve(path));
    } catch {
      return this.say("demo-file-missing", { path });
    }
    const fileName = basename(path);
    if (kind === "photo") {
      const stored = this.api.putFile(data, { fileName, folder: "photos" });
      return this.deliver(this.updates.photo(this.persona, { fileId: stored.fileId, size: data.length }));
    }
    const stored = this.api.putFile(data, { fileName, folder: "documents" });
    const mimeType = MIME_BY_EXT[extname(fileName).toLowerCase()] ?? "application/octet-stream";
    return this.deliver(this.updates.document(this.persona, { fileId: stored.fileId, fileName, mimeType, size: data.length }));
  }

  /** Opening `t.me/<bot>?start=<payload>` in Telegram sends `/start <payload>` from whoever opened it. */
  private async open(link: string | undefined): Promise<void> {
    const target = link ?? this.transcript.lastDeepLink;
    if (!target) return this.say("demo-open-none");
    const payload = this.startPayload(target);
    if (payload === undefined) return this.say("demo-open-bad", { link: target });
    this.say("demo-open-sending", { link: target, text: `/start ${payload}` });
    return this.perform({ kind: "message", text: `/start ${payload}` });
  }

  private startPayload(link: string): string | undefined {
    const m = /^(?:https?:\/\/)?t\.me\/([A-Za-z0-9_]+)\?start=([A-Za-z0-9_-]{1,64})$/.exec(link.trim());
    if (!m || m[1]!.toLowerCase() !== this.api.botInfo.username.toLowerCase()) return undefined;
    return m[2];
  }

  private async moveClock(change: Parameters<typeof applyClockChange>[0] | undefined): Promise<void> {
    if (!change) return this.transcript.line(this.formatNow());
    const before = this.clock.now();
    const next = applyClockChange(change, before, this.deps.config.REPORT_TIMEZONE);
    this.clock.set(next);
    this.transcript.line(this.formatNow("demo-clock-moved"));
    if (next < before) this.say("demo-clock-back");
  }
}

/** Opens (or takes) the database, seeds the demo province, builds the production bot over the fake Bot API. */
export async function startDemo(o: DemoOptions): Promise<DemoSession> {
  const ownDatabase = !o.database;
  const database = o.database ?? (await openDatabase({ dataDir: "memory://" }));
  if (ownDatabase) await migrateDatabase(database);

  const clock = new ManualClock(o.startAt ?? new Date());
  const deps: BotDeps = {
    database,
    db: database.db,
    config: o.config,
    clock,
    logger: o.logger,
    t: createTranslate(o.config.DEFAULT_LOCALE, () => cachedOrganisation(database.db)),
  };
  const t: ConsoleTranslate = (key, args) => deps.t(o.config.DEFAULT_LOCALE, key, args);
  const api = new FakeBotApi();
  api.now = () => clock.now();
  const transcript = new Transcript({ write: o.write, t, api, recipient: (id) => session.recipient(id), outDir: o.outDir });

  if (!o.seeded) await seedDemoProvince(database.db, clock.now(), o.config.DEFAULT_LOCALE);
  // A prepared database is seeded already: its organisation is loaded for the first screens (the province's name).
  else await loadOrganisation(database.db, clock.now());
  for (const seed of o.seeded ? [] : (o.seeds ?? registeredSeeds)) {
    try {
      await seed.run(deps);
    } catch (err) {
      transcript.line(t("demo-seed-failed", { name: seed.name, error: errorText(err) }));
    }
  }

  const bot = createBot({
    token: DEMO_TOKEN,
    deps,
    features: o.features ?? allFeatures(),
    apiRoot: DEMO_API_ROOT,
    botInfo: api.botInfo,
    fetch: api.fetch,
    // The fake never rate-limits; retrying would only turn a fake-API bug into a silent hang.
    autoRetry: false,
  });
  await bot.init();

  // Code that downloads a file with the global fetch from <apiRoot>/file/bot<token>/... reaches the fake too.
  const realFetch = globalThis.fetch;
  globalThis.fetch = ((input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const url = input instanceof URL ? input.href : typeof input === "string" ? input : input.url;
    return url.startsWith(DEMO_API_ROOT) ? api.fetch(input, init) : realFetch(input, init);
  }) as typeof fetch;

  const runBackgroundWork = createBackgroundWork({
    deps,
    bot,
    jobs: o.jobs,
    onJobError: (job, err) => transcript.line(t("demo-job-failed", { job, error: errorText(err) })),
  });
  const closeAll = async () => {
    globalThis.fetch = realFetch;
    api.onCall = undefined;
    if (ownDatabase) await database.close();
  };
  const session: DemoSession = new DemoSession(deps, bot, api, clock, transcript, runBackgroundWork, closeAll, t);
  api.onCall = (call, result) => transcript.onCall(call, result);
  return session;
}

function errorText(err: unknown): string {
  const e = err as { error?: unknown; message?: string };
  const inner = e?.error instanceof Error ? e.error : err;
  return inner instanceof Error ? inner.message : String(inner);
}
