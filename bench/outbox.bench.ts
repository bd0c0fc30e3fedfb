// Outbox delivery under Telegram's global limit: N recipients through a local Bot API that answers 429 past 30/s.
// BENCH_OUTBOX_N sets N (default 1000, about 35 s; the README figure names the size it used).
import { randomBytes } from "node:crypto";
import { systemClock } from "../src/config/clock.ts";
import { createLogger } from "../src/config/logger.ts";
import { migrateDatabase, openDatabase } from "../src/db/client.ts";
import { createOutboxDispatcher } from "../src/features/outbox/outbox-dispatcher.ts";
import { enqueueMessages } from "../src/features/outbox/outbox.repository.ts";
import { createOutboxApi, createTelegramSender } from "../src/features/outbox/telegram-sender.ts";
import type { Benchmark, BenchRow } from "./bench-types.ts";
import { startRateLimitedBotApi } from "./rate-limited-bot-api.ts";

const CEILING = 30;
const TOKEN = "123456:BENCH-token-for-the-local-fake-only";

export const outboxBenchmark: Benchmark = {
  name: "outbox",
  async run(): Promise<BenchRow[]> {
    const n = Number(process.env.BENCH_OUTBOX_N ?? 1000);
    const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
    const postgres = (await import("postgres")).default;
    const admin = postgres(withDb(serverUrl, "postgres"), { max: 1, onnotice: () => undefined });
    const name = `itbot_bench_outbox_${process.pid}_${randomBytes(3).toString("hex")}`;
    await admin.unsafe(`create database "${name}"`);
    const api = await startRateLimitedBotApi(CEILING);
    const database = await openDatabase({ databaseUrl: withDb(serverUrl, name), maxConnections: 4 });
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
    try {
      await migrateDatabase(database);
      const now = systemClock.now();
      await enqueueMessages(
        database.db,
        now,
        Array.from({ length: n }, (_, i) => ({
          chatId: 100_000 + i,
          kind: "bench",
          payload: { method: "sendMessage" as const, params: { text: `Thông báo thử nghiệm số ${i + 1}` } },
        })),
      );
      const dispatcher = createOutboxDispatcher({
        db: database.db,
        clock: systemClock,
        send: createTelegramSender(createOutboxApi(TOKEN, { apiRoot: api.url })),
        limits: { globalPerSecond: CEILING, perChatPerSecond: 1, groupPerMinute: 20 },
        logger: createLogger("silent"),
        instanceId: "bench",
      });
      // Bounded: stop on our own well after the time N messages need at the ceiling.
      const budgetMs = (n / CEILING) * 1.5 * 1000 + 60_000;
      const started = performance.now();
      const timer = setTimeout(() => void dispatcher.stop(), budgetMs);
      const stats = await dispatcher.drainOnce();
      clearTimeout(timer);
      const totalS = (performance.now() - started) / 1000;
      const spanS = ((api.lastAcceptedAt ?? 0) - (api.firstAcceptedAt ?? 0)) / 1000;
      const rate = api.accepted > 1 ? (api.accepted - 1) / spanS : 0;
      const share = (rate / CEILING) * 100;
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
      const note = `N=${n}, PostgreSQL, ceiling ${CEILING}/s`;
      return [
        { benchmark: "outbox", figure: "messages delivered", value: `${stats.sent}/${n}`, target: `${n}`, met: stats.sent === n ? "yes" : "no", note },
        { benchmark: "outbox", figure: "achieved rate", value: `${rate.toFixed(2)}/s (${share.toFixed(1)}% of ceiling)`, target: "≥ 95%", met: share >= 95 ? "yes" : "no", note },
        { benchmark: "outbox", figure: "429 answers received", value: String(api.rejected429), target: "0", met: api.rejected429 === 0 ? "yes" : "no", note },
        { benchmark: "outbox", figure: "total time", value: `${totalS.toFixed(1)} s`, note: `ideal at the ceiling ${(n / CEILING).toFixed(1)} s` },
        { benchmark: "outbox", figure: "peak RSS", value: mb(peakRss), note: `maxRSS ${mb(process.resourceUsage().maxRSS * 1024)} over the whole process` },
      ];
    } finally {
      clearInterval(sampler);
      await database.close();
      await api.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  },
};

function withDb(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}
