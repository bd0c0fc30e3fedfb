// Planning reminders for 10,000 agencies with 3 open periods: time and number of queries.
// PGlite in memory by default; set BENCH_DATABASE_URL=postgres://… to run on a server (a scratch database is
// created next to the one named in the URL and dropped afterwards).
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { createLogger } from "../src/config/logger.ts";
import { loadConfig } from "../src/config/config.ts";
import { createTranslate } from "../src/bot/i18n.ts";
import { migrateDatabase, openDatabase, sql, type Database, type Db } from "../src/db/client.ts";
import * as schema from "../src/db/schema.ts";
import { ensureDefaultHolidays } from "../src/features/calendar/calendar.repository.ts";
import { renderNotice } from "../src/features/reminders/notice-message.ts";
import { parseQuietHours } from "../src/features/reminders/quiet-hours.ts";
import { planReminders } from "../src/features/reminders/reminder-plan.ts";
import { loadPlanInput, recordAndEnqueue } from "../src/features/reminders/reminders.repository.ts";
import { openPeriod } from "../src/features/reports/periods.repository.ts";
import { templateDefinitionSchema } from "../src/features/templates/template-definition.ts";
import { importTemplate } from "../src/features/templates/templates.repository.ts";
import type { Benchmark, BenchRow } from "./bench-types.ts";

const AGENCIES = Number(process.env.BENCH_REMINDER_AGENCIES ?? 10_000);
const TZ = "Asia/Ho_Chi_Minh";
const at = (day: string, hhmm = "08:00") => new Date(`${day}T${hhmm}:00+07:00`);

/** A second Drizzle handle over the same connection that counts every statement it sends. */
async function countingDb(database: Database): Promise<{ db: Db; count: () => number; reset: () => void }> {
  let n = 0;
  const logger = { logQuery: (q: string) => { n++; if (process.env.BENCH_TRACE) process.stderr.write(`${performance.now().toFixed(0)} ${q.slice(0, 90).replace(/\s+/g, " ")}\n`); } };
  const client = (database.db as unknown as { $client: unknown }).$client;
  const db = database.kind === "pglite"
    ? (await import("drizzle-orm/pglite")).drizzle(client as never, { schema, logger })
    : (await import("drizzle-orm/postgres-js")).drizzle(client as never, { schema, logger });
  return { db: db as unknown as Db, count: () => n, reset: () => void (n = 0) };
}

async function openBenchDatabase(): Promise<{ database: Database; label: string; drop: () => Promise<void> }> {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) return { database: await openDatabase({ dataDir: "memory://" }), label: "PGlite (in memory)", drop: async () => undefined };
  const postgres = (await import("postgres")).default;
  const admin = postgres(url, { max: 1, onnotice: () => undefined });
  const name = `itbot_bench_${randomBytes(4).toString("hex")}`;
  await admin.unsafe(`create database "${name}"`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: u.toString(), maxConnections: 4 });
  return {
    database,
    label: "PostgreSQL",
    drop: async () => {
      await database.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

/** 10,000 agencies with one reporter each, 1 head per 10 agencies, 5 coordinators, 3 monthly templates. */
async function seed(db: Db): Promise<void> {
  const opened = at("2026-10-15");
  await ensureDefaultHolidays(db, [2026, 2027]);
  for (const id of ["bench-a", "bench-b", "bench-c"]) {
    await importTemplate(db, templateDefinitionSchema.parse({
      id, title: { vi: `Báo cáo ${id}`, en: `Report ${id}` }, cadence: "monthly",
      questions: [{ key: "n", type: "integer", label: { vi: "Số", en: "Number" } }],
    }), opened);
    await openPeriod(db, { templateId: id, periodKey: "2026-11", now: opened, timeZone: TZ });
  }
  await db.execute(sql`insert into agencies (code, name, kind) select 'A' || i, 'Đơn vị ' || i, 'department' from generate_series(1, ${AGENCIES}) i`);
  await db.execute(sql`insert into people (telegram_id, display_name) select 1000000000 + i, 'Người ' || i from generate_series(1, ${AGENCIES + AGENCIES / 10 + 5}) i`);
  await db.execute(sql`insert into memberships (person_id, role, agency_id)
    select p.id, 'reporter', a.id from agencies a join people p on p.telegram_id = 1000000000 + a.id`);
  await db.execute(sql`insert into memberships (person_id, role, agency_id)
    select p.id, 'leader', a.id from agencies a join people p on p.telegram_id = 1000000000 + ${AGENCIES} + a.id / 10 where a.id % 10 = 0`);
  await db.execute(sql`insert into memberships (person_id, role, agency_id)
    select id, 'coordinator', null from people order by id desc limit 5`);
  // 30% of agencies have submitted each period; every reporter was told when the periods opened.
  await db.execute(sql`insert into submissions (period_id, agency_id, template_version_id, status, version)
    select p.id, a.id, p.template_version_id, 'submitted', 1 from periods p cross join agencies a where (a.id + p.id) % 10 < 3`);
  await db.execute(sql`insert into notices (dedupe_key, kind, period_id, agency_id, person_id)
    select 'opened:' || p.id || ':' || m.agency_id || ':' || m.person_id, 'opened', p.id, m.agency_id, m.person_id
    from periods p cross join memberships m where m.role = 'reporter'`);
  // Some people are away, with substitutes.
  await db.execute(sql`insert into mutes (person_id, from_on, to_on) select id, '2026-11-16', '2026-11-20' from people where id % 100 = 1 and id <= ${AGENCIES}`);
  await db.execute(sql`insert into delegations (agency_id, person_id, from_on, to_on)
    select a.id, p.id, '2026-11-01', '2026-11-30' from agencies a join people p on p.id = a.id + 1 where a.id % 100 = 1`);
}

export const reminderPlanBenchmark: Benchmark = {
  name: "reminder-plan",
  async run(): Promise<BenchRow[]> {
    const { database, label, drop } = await openBenchDatabase();
    try {
      await migrateDatabase(database);
      await seed(database.db);
      const counting = await countingDb(database);
      const config = loadConfig({ BOT_TOKEN: "1:bench-token-not-used-anywhere-x", LOG_LEVEL: "silent" });
      const t = createTranslate("vi");
      const now = at("2026-11-18"); // one working day after the deadline of Tue 17/11
      const opts = { now, timeZone: TZ, quietHours: parseQuietHours(config.QUIET_HOURS) };
      void createLogger;

      counting.reset();
      let t0 = performance.now();
      const input = await loadPlanInput(counting.db, "2026-11-18");
      const loadMs = performance.now() - t0;
      const loadQueries = counting.count();
      t0 = performance.now();
      const planned = planReminders(input, opts);
      const planMs = performance.now() - t0;

      counting.reset();
      t0 = performance.now();
      const fresh = (await recordAndEnqueue(counting.db, now, planned, (n) => renderNotice(t, n))) ?? [];
      const recordMs = performance.now() - t0;
      const recordQueries = counting.count();

      counting.reset();
      t0 = performance.now();
      const again = planReminders(await loadPlanInput(counting.db, "2026-11-18"), opts);
      const secondMs = performance.now() - t0;
      const secondQueries = counting.count();

      // Steady state of a long-running process: the same pass repeated (nothing new to send).
      const warm: number[] = [];
      for (let i = 0; i < 5; i++) {
        const w0 = performance.now();
        planReminders(await loadPlanInput(database.db, "2026-11-18"), opts);
        warm.push(performance.now() - w0);
      }
      const warmMedian = warm.sort((a, b) => a - b)[2]!;

      const total = loadMs + planMs;
      const note = `${label}; ${AGENCIES} agencies × 3 periods, 30% submitted`;
      return [
        { benchmark: "reminder-plan", figure: "load + plan (first pass)", value: `${total.toFixed(0)} ms (load ${loadMs.toFixed(0)}, plan ${planMs.toFixed(0)})`, target: "< 1000 ms", met: total < 1000 ? "yes" : "no", note },
        { benchmark: "reminder-plan", figure: "queries to load + plan", value: String(loadQueries), target: "< 20", met: loadQueries < 20 ? "yes" : "no", note },
        { benchmark: "reminder-plan", figure: "notices planned", value: String(planned.length), note: "overdue reminders + coordinators' digests" },
        { benchmark: "reminder-plan", figure: "record + enqueue (one transaction)", value: `${recordMs.toFixed(0)} ms, ${recordQueries} queries`, note: `${fresh.length} new notices; outbox insert in batches of 500` },
        { benchmark: "reminder-plan", figure: "load + plan, warm (median of 5 passes)", value: `${warmMedian.toFixed(0)} ms`, target: "< 1000 ms", met: warmMedian < 1000 ? "yes" : "no", note: "same process, nothing new to send" },
        { benchmark: "reminder-plan", figure: "second pass (nothing left)", value: `${secondMs.toFixed(0)} ms, ${secondQueries} queries, ${again.length} planned`, note: "at most once: everything already recorded" },
      ];
    } finally {
      await drop();
      if (!process.env.BENCH_DATABASE_URL) await database.close();
    }
  },
};
