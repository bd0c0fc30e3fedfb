// The console's dashboard API at provincial scale: the summaries benchmark's data (2,000 agencies × 60 monthly
// periods), a province leader signed in with Telegram init data, GET /console/api/dashboard through the bot's
// own HTTP server on 127.0.0.1 (cookie session, role and scope checks, the summary, JSON).
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import type { BotDeps } from "../src/bot/context.ts";
import { createTranslate } from "../src/bot/i18n.ts";
import { ManualClock } from "../src/config/clock.ts";
import { loadConfig } from "../src/config/config.ts";
import { createLogger } from "../src/config/logger.ts";
import { migrateDatabase, openDatabase, queryRows, sql } from "../src/db/client.ts";
import { signInitData } from "../src/features/console/init-data.ts";
import { grantRole, upsertPerson } from "../src/features/people/people.repository.ts";
import { latestReportedPeriod } from "../src/features/summaries/summaries.repository.ts";
import { closeServer, createHttpServer, listen } from "../src/server/http-server.ts";
import { consoleListener } from "../src/server/console-listener.ts";
import type { Benchmark, BenchRow } from "./bench-types.ts";
import { seed } from "./summaries.bench.ts";

const SERVER = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const REUSE = process.env.BENCH_REUSE_DB;
const RUNS = 40;
const TOKEN = "123456:BENCH-token-for-the-console-api-only";
const TARGET_P95_MS = 150;

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}
const ms = (x: number) => `${x.toFixed(1)} ms`;

export const consoleApiBenchmark: Benchmark = {
  name: "console-api",
  async run(): Promise<BenchRow[]> {
    const postgres = (await import("postgres")).default;
    const admin = postgres(SERVER, { max: 1, onnotice: () => undefined });
    const name = REUSE ?? `itbot_bench_console_${process.pid}_${randomBytes(3).toString("hex")}`;
    if (!REUSE) await admin.unsafe(`create database "${name}"`);
    const url = new URL(SERVER);
    url.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: url.toString(), maxConnections: 4 });
    const clock = new ManualClock(new Date("2026-11-20T02:00:00Z"));
    const config = loadConfig({ BOT_TOKEN: TOKEN, LOG_LEVEL: "silent" });
    const deps: BotDeps = { database, db: database.db, config, clock, logger: createLogger("silent"), t: createTranslate("vi") };
    const server = createHttpServer({ logger: deps.logger, console: consoleListener(deps) });
    try {
      await migrateDatabase(database);
      if (!REUSE) await seed(database.db);
      const [{ n }] = (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from agencies`)) as [{ n: number }];
      const leader = await upsertPerson(database.db, { telegramId: 777_001, displayName: "Bench leader", locale: "vi" });
      await grantRole(database.db, leader.id, "leader", null);
      const port = await listen(server, 0, "127.0.0.1");
      const base = `http://127.0.0.1:${port}`;
      const initData = signInitData({ id: 777_001, first_name: "Bench" }, TOKEN, clock.now());
      const signIn = await fetch(`${base}/console/api/session`, { method: "POST", body: JSON.stringify({ initData }), headers: { "content-type": "application/json" } });
      if (signIn.status !== 200) throw new Error(`sign-in failed: ${signIn.status}`);
      const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0]!;
      const dashboard = async () => {
        const res = await fetch(`${base}/console/api/dashboard`, { headers: { cookie } });
        if (res.status !== 200) throw new Error(`dashboard: ${res.status}`);
        return res.json() as Promise<{ agencies: unknown[] }>;
      };
      const c0 = performance.now();
      const first = await dashboard();
      const cold = performance.now() - c0;
      for (let i = 0; i < 3; i++) await dashboard();
      const warm: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        await dashboard();
        warm.push(performance.now() - t0);
      }
      // Right after a report of the period shown changes (as the summaries benchmark does), so its figures are recomputed.
      const shown = (await latestReportedPeriod(database.db, undefined, "2026-11-20"))!;
      const afterChange: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        await queryRows(database.db, sql`update submissions set version = version + 1, submitted_at = submitted_at + interval '1 second'
          where id = (select min(id) from submissions where period_id = ${shown.id})`);
        const t0 = performance.now();
        await dashboard();
        afterChange.push(performance.now() - t0);
      }
      const note = `${n} agencies, ${first.agencies.length} rows in the table, 60 periods; HTTP on 127.0.0.1`;
      const p95 = percentile(warm, 95);
      const p95After = percentile(afterChange, 95);
      return [
        { benchmark: "console-api", figure: "dashboard first call", value: ms(cold), note },
        { benchmark: "console-api", figure: "dashboard p50", value: ms(percentile(warm, 50)) },
        { benchmark: "console-api", figure: "dashboard p95", value: ms(p95), target: `< ${TARGET_P95_MS} ms`, met: p95 < TARGET_P95_MS ? "yes" : "no" },
        { benchmark: "console-api", figure: "dashboard p95 after a report changes", value: ms(p95After), target: `< ${TARGET_P95_MS} ms`, met: p95After < TARGET_P95_MS ? "yes" : "no" },
      ];
    } finally {
      await closeServer(server);
      await database.close();
      if (!REUSE) await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  },
};

// `npx tsx bench/console-api.bench.ts` runs this one alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await consoleApiBenchmark.run();
  for (const r of rows) process.stdout.write(`| ${r.figure} | ${r.value} | ${r.target ?? ""} | ${r.met ?? ""} | ${r.note ?? ""} |\n`);
  process.exit(0);
}
