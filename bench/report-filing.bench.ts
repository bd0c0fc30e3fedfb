// 200 reporters filing the default template at the same time through the real bot (grammY, the filing state
// machine with its session in the database, the conversations plugin for the rest, every middleware) on the real PostgreSQL, Telegram faked in-process; beside it a
// bare grammY bot that does one INSERT per update, over the same kind of connection pool.
import { randomBytes } from "node:crypto";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { Bot, type Context } from "grammy";
import { conversations, createConversation, type Conversation, type ConversationFlavor } from "@grammyjs/conversations";
import type { Update } from "grammy/types";
import type { Benchmark, BenchRow } from "./bench-types.ts";
import { createBot } from "../src/bot/create-bot.ts";
import type { BotDeps } from "../src/bot/context.ts";
import { createTranslate } from "../src/bot/i18n.ts";
import { ManualClock } from "../src/config/clock.ts";
import { loadConfig } from "../src/config/config.ts";
import { createLogger } from "../src/config/logger.ts";
import { migrateDatabase, openDatabase, runStatement, sql, withoutLock, type Database } from "../src/db/client.ts";
import { FakeBotApi } from "../src/demo/fake-bot-api.ts";
import { agencies } from "../src/features/agencies/agencies.table.ts";
import { allFeatures } from "../src/features/index.ts";
import { memberships, people } from "../src/features/people/people.table.ts";
import { openPeriod } from "../src/features/reports/periods.repository.ts";
import { loadTemplateFile } from "../src/features/templates/template-file.ts";
import { importTemplate } from "../src/features/templates/templates.repository.ts";
import { callbackUpdate, textUpdate, type TestUser } from "../test/support/updates.ts";

const SERVER = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const REPORTERS = Number(process.env.BENCH_REPORTERS ?? 200);
const POOL = Number(process.env.BENCH_POOL ?? 10);
const TOKEN = "123456:BENCH-token-for-the-fake-bot-api-only";
const TEMPLATE = fileURLToPath(new URL("../templates/it-plan.yaml", import.meta.url));

function withDb(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** The updates one reporter sends to file it-plan: /report, 14 answers (no confirmation), submit. */
function filingScript(user: TestUser, qi: (key: string) => number): Array<() => Update> {
  const text = (t: string) => () => textUpdate(user, t);
  const press = (d: string) => () => callbackUpdate(user, d);
  return [
    text("/report"),
    text("85"),
    press(`report:c:${qi("leaders_use_system")}:yes`),
    text("12"),
    text("150"),
    text("1.200"),
    text("5"),
    text("3"),
    text("1,5 tỷ"),
    text("900 triệu"),
    text("4"),
    press(`report:c:${qi("project_status")}:on_schedule`),
    text("Thiếu nhân lực có chuyên môn CNTT"),
    press(`report:s:${qi("proposals")}`),
    press(`report:s:${qi("signed_report")}`),
    press("report:sub"),
  ];
}

interface RunFigures {
  steps: number;
  seconds: number;
  p50: number;
  p99: number;
}

/**
 * Every user sends its script one update at a time, all users at once. Latency is per handled update.
 * Without `rate`, each sends its next update the moment the last one is answered (a closed loop: the
 * latency is mostly queueing). With it, each sends on its own schedule (every `users / rate` seconds,
 * starts spread evenly), or as soon as its previous one was answered if that came later: the latency is
 * then what one update takes at that steady load.
 */
async function drive(handle: (u: Update) => Promise<void>, scripts: Array<Array<() => Update>>, rate?: number): Promise<RunFigures> {
  const latencies: number[] = [];
  const interval = rate ? (scripts.length / rate) * 1000 : 0;
  const start = performance.now();
  const sleepUntil = (t: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, t - performance.now())));
  await Promise.all(
    scripts.map(async (script, i) => {
      const offset = (i / scripts.length) * interval;
      for (const [k, make] of script.entries()) {
        if (rate) await sleepUntil(start + offset + k * interval);
        const u = make();
        const t0 = performance.now();
        await handle(u);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return { steps: latencies.length, seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** BENCH_PACED_RATES: the offered rates of the paced runs (answer steps per second over all reporters). */
const PACED_RATES = (process.env.BENCH_PACED_RATES ?? "100,200").split(",").map(Number).filter((r) => r > 0);

/**
 * The floor of the stack the project must use: a grammY bot whose only conversation (@grammyjs/conversations,
 * state in a PostgreSQL table through a storage adapter) waits for an answer, saves it with one INSERT and
 * replies. Nothing of this project runs in it: no chat lock, no validation, no drafts, no i18n. What it
 * reaches bounds what the real bot can.
 */
async function stackFloorBot(database: Database, api: FakeBotApi): Promise<Bot<ConversationFlavor<Context>>> {
  const db = database.db;
  await db.execute(sql`create table bench_floor_state (key text primary key, state text not null)`);
  await db.execute(sql`create table bench_floor_answers (id bigserial primary key, chat_id bigint, text text)`);
  const bot = new Bot<ConversationFlavor<Context>>(TOKEN, { botInfo: api.botInfo, client: { fetch: api.fetch } });
  bot.use(
    conversations({
      storage: {
        type: "key",
        adapter: {
          read: async (key) => {
            const [row] = await runStatement<{ state: string }>(db, { text: "select state from bench_floor_state where key = $1::text", params: [key] });
            return row ? (JSON.parse(row.state) as never) : undefined;
          },
          write: async (key, state) => {
            await runStatement(db, {
              text: "insert into bench_floor_state (key, state) values ($1::text, $2::text) on conflict (key) do update set state = excluded.state",
              params: [key, JSON.stringify(state)],
            });
          },
          delete: async (key) => {
            await runStatement(db, { text: "delete from bench_floor_state where key = $1::text", params: [key] });
          },
        },
      },
    }),
  );
  bot.use(
    createConversation(async (conversation: Conversation<Context, Context>, ctx: Context) => {
      const head = conversation.checkpoint();
      const answer = await conversation.wait();
      const text = answer.message?.text ?? answer.callbackQuery?.data ?? "";
      await conversation.external(() =>
        runStatement(db, { text: "insert into bench_floor_answers (chat_id, text) values ($1::bigint, $2::text)", params: [ctx.chat!.id, text] }),
      );
      await answer.reply("Câu tiếp theo");
      return conversation.rewind(head);
    }, "floor"),
  );
  bot.command("report", (ctx) => ctx.conversation.enter("floor"));
  await bot.init();
  return bot;
}

async function seedReporters(database: Database, n: number, firstTelegramId: number): Promise<TestUser[]> {
  const users: TestUser[] = [];
  for (let i = 0; i < n; i++) {
    const [a] = await database.db.insert(agencies).values({ code: `B${firstTelegramId + i}`, name: `Sở Thử ${i}`, kind: "department" }).returning();
    const telegramId = firstTelegramId + i;
    const [p] = await database.db.insert(people).values({ telegramId, displayName: `Cán bộ ${i}`, locale: "vi" }).returning();
    await database.db.insert(memberships).values({ personId: p!.id, role: "reporter", agencyId: a!.id });
    users.push({ id: telegramId, first_name: `Cán bộ ${i}` });
  }
  return users;
}

/** BENCH_CPU_PROFILE=file.cpuprofile: a V8 CPU profile of the measured run only (open it in Chrome DevTools). */
async function startCpuProfile(file: string): Promise<() => Promise<void>> {
  const { Session } = await import("node:inspector/promises");
  const { writeFileSync } = await import("node:fs");
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  return async () => {
    const { profile } = await session.post("Profiler.stop");
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  };
}

/**
 * Counts, until `stop`, the statements sent on the query pool (each one's text to `onStatement`) and the
 * socket writes on both pools: the round trips to PostgreSQL, Telegram being faked in-process (a statement
 * that is not prepared takes two).
 */
async function countTraffic(database: Database, onStatement?: (text: string) => void) {
  const client = (database.db as unknown as { $client: { options: { debug?: unknown } } }).$client;
  const counts = { statements: 0, writes: 0 };
  client.options.debug = (_conn: number, query: string) => {
    counts.statements++;
    onStatement?.(query);
  };
  const { Socket } = await import("node:net");
  const write = Socket.prototype.write;
  Socket.prototype.write = function (this: InstanceType<typeof Socket>, ...args: unknown[]) {
    counts.writes++;
    return (write as (...a: unknown[]) => boolean).apply(this, args);
  } as typeof write;
  return {
    counts,
    stop() {
      client.options.debug = undefined;
      Socket.prototype.write = write;
    },
  };
}

/**
 * BENCH_KINDS=1: CPU and wall time of each update of the script (/report, each answer, submit), 50 reporters
 * filing one after the other (after 10 more to warm up): what one update costs with nothing else running.
 */
async function costPerUpdate(database: Database, bot: { handleUpdate(u: Update): Promise<void> }, qi: (key: string) => number): Promise<void> {
  const users = await seedReporters(database, 60, 7_060_000);
  const cpu: number[] = [];
  const wall: number[] = [];
  for (const [n, user] of users.entries()) {
    for (const [k, make] of filingScript(user, qi).entries()) {
      const update = make();
      const c0 = process.cpuUsage();
      const w0 = performance.now();
      await bot.handleUpdate(update);
      const c = process.cpuUsage(c0);
      if (n < 10) continue;
      cpu[k] = (cpu[k] ?? 0) + (c.user + c.system) / 1000;
      wall[k] = (wall[k] ?? 0) + performance.now() - w0;
    }
  }
  const measured = users.length - 10;
  const label = (u: Update) => u.message?.text ?? u.callback_query?.data ?? "";
  const script = filingScript(users[0]!, qi);
  process.stderr.write(
    cpu.map((c, k) => `-- ${label(script[k]!())}: CPU ${(c / measured).toFixed(2)} ms, wall ${(wall[k]! / measured).toFixed(2)} ms\n`).join(""),
  );
}

/** BENCH_TRACE=n: prints, for n reporters one after the other, every statement each's updates send (query pool), update by update. */
async function traceOneReporter(database: Database, bot: { handleUpdate(u: Update): Promise<void> }, qi: (key: string) => number, telegramId: number): Promise<void> {
  const [user] = await seedReporters(database, 1, telegramId);
  let lines: string[] = [];
  const traffic = await countTraffic(database, (query) => void lines.push(query.replace(/\s+/g, " ").slice(0, 160)));
  const script = filingScript(user!, qi);
  for (const make of script) {
    const u = make();
    lines = [];
    const writesBefore = traffic.counts.writes;
    await bot.handleUpdate(u);
    process.stderr.write(
      `-- update ${u.message?.text ?? u.callback_query?.data}: ${lines.length} statements on the query pool, ${traffic.counts.writes - writesBefore} socket writes\n${lines.map((l) => `   ${l}\n`).join("")}`,
    );
  }
  process.stderr.write(`-- ${traffic.counts.statements} statements on the query pool, ${traffic.counts.writes} socket writes for ${script.length} updates\n`);
  traffic.stop();
}

/**
 * BENCH_PGLITE=1: the cost of durable commits on embedded PGlite (a data directory on disk, as `npm start`
 * without DATABASE_URL). The same real bot with the update-id claim and the conversation state committed
 * synchronously (what runs now) and asynchronously (what ran before, lost on kill -9), in alternating
 * rounds of the same filing script by fresh reporters, in one process.
 */
async function pgliteCommitCost(): Promise<BenchRow[]> {
  const { mkdtempSync, rmSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const dir = mkdtempSync(join(tmpdir(), "itbot-bench-pglite-"));
  const database = await openDatabase({ dataDir: dir, program: "bench" });
  try {
    await migrateDatabase(database);
    const clock = new ManualClock(new Date("2026-11-16T02:00:00Z"));
    const def = await loadTemplateFile(TEMPLATE);
    await importTemplate(database.db, def, clock.now());
    await openPeriod(database.db, { templateId: "it-plan", periodKey: "2026-11", now: clock.now() });
    const qi = (key: string) => def.questions.findIndex((q) => q.key === key);
    const config = loadConfig({ BOT_TOKEN: TOKEN, LOG_LEVEL: "silent" });
    const api = new FakeBotApi();
    const botOn = async (db: Database) => {
      const deps: BotDeps = { database: db, db: db.db, config, clock, logger: createLogger("silent"), t: createTranslate("vi") };
      const bot = createBot({ token: TOKEN, deps, features: allFeatures(), botInfo: api.botInfo, fetch: api.fetch, autoRetry: false });
      await bot.init();
      return bot;
    };
    const modes = { durable: await botOn(database), async: await botOn({ ...database, asyncCommit: true }) };
    const rounds = Number(process.env.BENCH_PGLITE_ROUNDS ?? 3);
    const runs: Record<keyof typeof modes, RunFigures[]> = { durable: [], async: [] };
    let seed = 7_600_000;
    // Warm-up of both, not measured.
    for (const bot of Object.values(modes)) {
      const warm = await seedReporters(database, 10, (seed += 10_000));
      await drive((u) => bot.handleUpdate(u), warm.map((u) => filingScript(u, qi)));
    }
    for (let r = 0; r < rounds; r++)
      for (const mode of r % 2 === 0 ? (["async", "durable"] as const) : (["durable", "async"] as const)) {
        const users = await seedReporters(database, REPORTERS, (seed += 10_000));
        api.clear();
        runs[mode].push(await drive((u) => modes[mode].handleUpdate(u), users.map((u) => filingScript(u, qi))));
      }
    const total = (xs: RunFigures[]) => ({
      rate: xs.reduce((a, x) => a + x.steps, 0) / xs.reduce((a, x) => a + x.seconds, 0),
      p50: xs.map((x) => x.p50).sort((a, b) => a - b)[Math.floor(xs.length / 2)]!,
      p99: xs.map((x) => x.p99).sort((a, b) => a - b)[Math.floor(xs.length / 2)]!,
    });
    const d = total(runs.durable);
    const a = total(runs.async);
    const b = "report-filing (PGlite)";
    const note = `${REPORTERS} reporters × 16 updates, ${rounds} alternating rounds each, data directory on disk; p50/p99: median over rounds`;
    return [
      { benchmark: b, figure: "answer steps/s, durable commits (now)", value: d.rate.toFixed(0), note: `p50 ${d.p50.toFixed(1)} ms, p99 ${d.p99.toFixed(1)} ms; ${note}` },
      { benchmark: b, figure: "answer steps/s, claim and state async (before)", value: a.rate.toFixed(0), note: `p50 ${a.p50.toFixed(1)} ms, p99 ${a.p99.toFixed(1)} ms` },
      { benchmark: b, figure: "cost of durability", value: `${((1 - d.rate / a.rate) * 100).toFixed(1)} % fewer steps/s`, note: `each round: ${runs.durable.map((x) => (x.steps / x.seconds).toFixed(0)).join(", ")} vs ${runs.async.map((x) => (x.steps / x.seconds).toFixed(0)).join(", ")}` },
    ];
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const reportFilingBenchmark: Benchmark = {
  name: "report-filing",
  async run(): Promise<BenchRow[]> {
    if (process.env.BENCH_PGLITE) return pgliteCommitCost();
    const postgres = (await import("postgres")).default;
    const admin = postgres(SERVER, { max: 1, onnotice: () => undefined });
    const name = `itbot_bench_filing_${randomBytes(4).toString("hex")}`;
    await admin.unsafe(`create database "${name}"`);
    let database: Database | undefined;
    try {
      database = await openDatabase({ databaseUrl: withDb(SERVER, name), maxConnections: POOL, lockConnections: POOL });
      await migrateDatabase(database);
      const clock = new ManualClock(new Date("2026-11-16T02:00:00Z"));
      const def = await loadTemplateFile(TEMPLATE);
      await importTemplate(database.db, def, clock.now());
      await openPeriod(database.db, { templateId: "it-plan", periodKey: "2026-11", now: clock.now() });
      const qi = (key: string) => def.questions.findIndex((q) => q.key === key);

      const config = loadConfig({ BOT_TOKEN: TOKEN, LOG_LEVEL: "silent", DATABASE_URL: withDb(SERVER, name) });
      if (process.env.BENCH_NO_CHAT_LOCK) {
        const db = database.db;
        database.withChatLock = (_id, fn, reads) => withoutLock(db, fn, reads);
      }
      const deps: BotDeps = { database, db: database.db, config, clock, logger: createLogger("silent"), t: createTranslate("vi") };
      const api = new FakeBotApi();
      const bot = createBot({ token: TOKEN, deps, features: allFeatures(), botInfo: api.botInfo, fetch: api.fetch, autoRetry: false });
      await bot.init();

      // Warm-up (JIT, connection pool, template cache) with other reporters, not measured.
      const warm = await seedReporters(database, 20, 7_100_000);
      await drive((u) => bot.handleUpdate(u), warm.map((u) => filingScript(u, qi)));

      if (process.env.BENCH_KINDS) await costPerUpdate(database, bot, qi);
      if (process.env.BENCH_TRACE) for (let i = 0; i < Number(process.env.BENCH_TRACE); i++) await traceOneReporter(database, bot, qi, 7_050_000 + i);

      const users = await seedReporters(database, REPORTERS, 7_200_000);
      api.clear();
      // Statements on the query pool (the chat lock adds up to four per update on its own pool), writes on both.
      const traffic = await countTraffic(database);
      const stopProfile = process.env.BENCH_CPU_PROFILE ? await startCpuProfile(process.env.BENCH_CPU_PROFILE) : undefined;
      const cpu0 = process.cpuUsage();
      const real = await drive((u) => bot.handleUpdate(u), users.map((u) => filingScript(u, qi)));
      const cpu = process.cpuUsage(cpu0);
      await stopProfile?.();
      traffic.stop();
      const { statements, writes } = traffic.counts;
      const [row] = (await database.db.execute(
        sql`select count(*)::int as n from submissions where status = 'submitted' and agency_id in (select id from agencies where code like 'B72%')`,
      )) as unknown as Array<{ n: number }>;
      const submitted = row?.n;
      if (submitted !== REPORTERS) throw new Error(`only ${submitted} of ${REPORTERS} reports were submitted`);

      // The same filing by other reporters at a steady rate a province could see at its busiest.
      const paced: Array<{ rate: number; run: RunFigures }> = [];
      for (const [k, rate] of PACED_RATES.entries()) {
        const pacedUsers = await seedReporters(database, REPORTERS, 7_400_000 + k * 10_000);
        paced.push({ rate, run: await drive((u) => bot.handleUpdate(u), pacedUsers.map((u) => filingScript(u, qi)), rate) });
      }

      // The bare bot: one INSERT per update, the same number of users and updates, the same pool size.
      await database.db.execute(sql`create table bench_bare (id bigserial primary key, update_id bigint, chat_id bigint, text text)`);
      const bare = new Bot(TOKEN, { botInfo: api.botInfo, client: { fetch: api.fetch } });
      bare.use(async (ctx) => {
        await database!.db.execute(
          sql`insert into bench_bare (update_id, chat_id, text) values (${ctx.update.update_id}, ${ctx.chat?.id ?? 0}, ${ctx.message?.text ?? ctx.callbackQuery?.data ?? ""})`,
        );
      });
      await bare.init();
      const bareUsers = users.map((u) => ({ ...u, id: u.id + 1_000_000 }));
      await drive((u) => bare.handleUpdate(u), bareUsers.slice(0, 20).map((u) => filingScript(u, qi)));
      const bareRun = await drive((u) => bare.handleUpdate(u), bareUsers.map((u) => filingScript(u, qi)));

      // The stack's floor: the same users and updates through the minimal conversations bot.
      const floor = await stackFloorBot(database, api);
      const floorUsers = users.map((u) => ({ ...u, id: u.id + 2_000_000 }));
      await drive((u) => floor.handleUpdate(u), floorUsers.slice(0, 20).map((u) => filingScript(u, qi)));
      const floorRun = await drive((u) => floor.handleUpdate(u), floorUsers.map((u) => filingScript(u, qi)));
      const floorRate = floorRun.steps / floorRun.seconds;

      const rate = real.steps / real.seconds;
      const bareRate = bareRun.steps / bareRun.seconds;
      const ratio = rate / bareRate;
      const b = "report-filing";
      const note = `${REPORTERS} reporters × ${real.steps / REPORTERS} updates, PostgreSQL pool ${POOL}+${POOL} lock conns`;
      return [
        { benchmark: b, figure: "answer steps/s (real bot)", value: rate.toFixed(0), target: "≥ 1000", met: rate >= 1000 ? "yes" : "no", note },
        { benchmark: b, figure: "step latency p50", value: `${real.p50.toFixed(1)} ms` },
        { benchmark: b, figure: "step latency p99", value: `${real.p99.toFixed(1)} ms`, target: "< 50 ms", met: real.p99 < 50 ? "yes" : "no" },
        ...paced.map(({ rate: offered, run }) => ({
          benchmark: b,
          figure: `step latency p50 / p99 at ${offered} steps/s offered`,
          value: `${run.p50.toFixed(1)} ms / ${run.p99.toFixed(1)} ms`,
          note: `${REPORTERS} other reporters, each sending its next update every ${(REPORTERS / offered).toFixed(1)} s (or when answered); achieved ${(run.steps / run.seconds).toFixed(0)} steps/s`,
        })),
        { benchmark: b, figure: "bare grammY bot, 1 INSERT/update", value: `${bareRate.toFixed(0)} steps/s`, note: `p50 ${bareRun.p50.toFixed(1)} ms, p99 ${bareRun.p99.toFixed(1)} ms` },
        { benchmark: b, figure: "real / bare", value: ratio.toFixed(2), target: "≥ 0.5", met: ratio >= 0.5 ? "yes" : "no" },
        {
          benchmark: b,
          figure: "stack floor: conversations bot, 1 INSERT + 1 reply/update",
          value: `${floorRate.toFixed(0)} steps/s`,
          note: `state in PostgreSQL, nothing else; p50 ${floorRun.p50.toFixed(1)} ms, p99 ${floorRun.p99.toFixed(1)} ms; real / floor ${(rate / floorRate).toFixed(2)}`,
        },
        {
          benchmark: b,
          figure: "SQL statements per step",
          value: (statements / real.steps).toFixed(1),
          note: "query pool; + 2 round trips per update on the lock connection (lock with the update start; the filing session write with the unlock)",
        },
        { benchmark: b, figure: "socket writes to PostgreSQL per step", value: (writes / real.steps).toFixed(1), note: "both pools; about one round trip each" },
        { benchmark: b, figure: "bot process CPU per step", value: `${((cpu.user + cpu.system) / 1000 / real.steps).toFixed(1)} ms`, note: `load average at the end ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores` },
      ];
    } finally {
      await database?.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  },
};
