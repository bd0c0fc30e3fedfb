// Leaders' summaries on PostgreSQL at provincial scale: 2,000 agencies, 20 questions, 60 monthly periods
// (≈2.3 million answers). Each figure is printed beside the same aggregate written by hand in SQL.
import { randomBytes } from "node:crypto";
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { createTranslate } from "../src/bot/i18n.ts";
import { migrateDatabase, openDatabase, queryRows, sql, type Db } from "../src/db/client.ts";
import { renderChart, trendChartSpec } from "../src/features/summaries/charts.ts";
import { loadExportRows } from "../src/features/summaries/export-data.ts";
import { buildXlsx } from "../src/features/summaries/export-workbook.ts";
import { findIndicator } from "../src/features/summaries/indicators.ts";
import { indicatorTrend } from "../src/features/summaries/leader-queries.ts";
import { buildPeriodSummary } from "../src/features/summaries/period-summary.ts";
import { splitRichText } from "../src/features/summaries/rich-text.ts";
import { formatSummary } from "../src/features/summaries/summary-format.ts";
import { formatSummaryDigest, formatTextPart } from "../src/features/summaries/digest-format.ts";
import { latestReportedPeriod, loadAgencies } from "../src/features/summaries/summaries.repository.ts";
import { fillOutlierBaselines } from "../src/features/summaries/outlier-baselines.repository.ts";
import { visibilityOf } from "../src/features/summaries/visibility.ts";
import { templateDefinitionSchema } from "../src/features/templates/template-definition.ts";
import { importTemplate } from "../src/features/templates/templates.repository.ts";
import type { Benchmark, BenchRow } from "./bench-types.ts";

const SERVER = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const AGENCIES = 2000;
const PERIODS = 60;
const RUNS = 40;
/** BENCH_KEEP_DB=1 keeps the seeded database (its name is printed) for EXPLAIN ANALYZE; BENCH_REUSE_DB=<name> reuses one. */
const KEEP = process.env.BENCH_KEEP_DB === "1";
const REUSE = process.env.BENCH_REUSE_DB;

const label = (vi: string, en: string) => ({ vi, en });
const INTEGER_KEYS = Array.from({ length: 14 }, (_, i) => `q${String(i + 1).padStart(2, "0")}`);
const DEFINITION = templateDefinitionSchema.parse({
  id: "bench",
  title: label("Báo cáo đo hiệu năng", "Benchmark report"),
  cadence: "monthly",
  agencies: { mode: "kinds", kinds: ["department", "district"] },
  ranking: { timelinessWeight: 40, indicators: [{ key: "share", weight: 30 }, { key: "q15", weight: 30 }] },
  derived: [
    { key: "share", label: label("Tỷ lệ trực tuyến", "Online share"), numerator: "q02", denominator: "q01" },
    { key: "rate", label: label("Tỷ lệ giải ngân", "Disbursement rate"), numerator: "q17", denominator: "q16" },
  ],
  questions: [
    ...INTEGER_KEYS.map((key) => ({ key, type: "integer", label: label(`Chỉ tiêu ${key}`, `Indicator ${key}`), aggregate: "sum" })),
    { key: "q15", type: "percent", label: label("Tỷ lệ văn bản điện tử", "Electronic documents"), aggregate: "avg" },
    { key: "q16", type: "money", label: label("Kinh phí được giao", "Budget"), aggregate: "sum" },
    { key: "q17", type: "money", label: label("Kinh phí giải ngân", "Disbursed"), aggregate: "sum" },
    {
      key: "q18", type: "single-choice", label: label("Tiến độ", "Status"), aggregate: "count-by-choice",
      choices: ["a", "b", "c"].map((value) => ({ value, label: label(value, value) })),
    },
    { key: "q19", type: "long-text", label: label("Khó khăn", "Difficulties"), required: false, aggregate: "list" },
    { key: "q20", type: "long-text", label: label("Đề xuất", "Proposals"), required: false, aggregate: "list" },
  ],
});

/** The benchmark data (also the console browser benchmark's): 2,000 agencies × 60 closed monthly periods. */
export async function seed(db: Db): Promise<void> {
  const { versionId } = await importTemplate(db, DEFINITION, new Date("2026-11-01T00:00:00Z"));
  await queryRows(db, sql`insert into agencies (code, name, kind) values ('PROV', 'UBND tỉnh Đo Hiệu Năng', 'province')`);
  await queryRows(
    db,
    sql`insert into agencies (code, name, kind, parent_id)
        select 'A' || g, case when g <= 500 then 'Sở số ' else 'UBND huyện số ' end || g,
               case when g <= 500 then 'department' else 'district' end, (select id from agencies where code = 'PROV')
        from generate_series(1, ${AGENCIES}) g`,
  );
  await queryRows(
    db,
    sql`insert into periods (template_id, template_version_id, period_key, starts_on, cutoff_on, deadline_on, status, opened_at)
        select 'bench', ${versionId}, to_char(m, 'YYYY-MM'), (m - interval '1 month' + interval '14 days')::date,
               (m + interval '13 days')::date, (m + interval '16 days')::date, 'closed', m
        from generate_series(date '2021-12-01', date '2021-12-01' + interval '${sql.raw(String(PERIODS - 1))} months', interval '1 month') m`,
  );
  await queryRows(
    db,
    sql`insert into submissions (period_id, agency_id, template_version_id, status, version, submitted_at, first_submitted_at, on_time)
        select p.id, a.id, ${versionId}, 'submitted', 1, p.deadline_on + time '09:00', p.deadline_on + time '09:00', random() > 0.1
        from periods p cross join agencies a where a.kind <> 'province' and random() > 0.03
        order by p.id, a.id`,
  );
  // Rows go in period by period, as they do in real life (a period's reports are filed within weeks of each
  // other), so one period's submissions and answers sit together on disk rather than spread over the table.
  // Per agency a size factor, so sums differ and a few values stand out from the agency's history.
  await queryRows(
    db,
    sql`insert into answers (submission_id, question_key, value, num_value, updated_at)
        select s.id, k.key, v.value, v.num, now()
        from submissions s
        cross join lateral (select 1 + (s.agency_id % 17) as size) f
        cross join unnest(${`{${[...INTEGER_KEYS, "q15", "q16", "q17", "q18", "q19", "q20"].join(",")}}`}::text[]) as k(key)
        cross join lateral (
          select case
            when k.key = 'q01' then to_jsonb(round(f.size * (400 + random() * 200)))
            when k.key = 'q02' then to_jsonb(round(f.size * random() * 300))
            when k.key = 'q15' then to_jsonb(round(50 + random() * 50))
            when k.key = 'q16' then to_jsonb(f.size * 100000000)
            when k.key = 'q17' then to_jsonb(round(f.size * random() * 90) * 1000000)
            when k.key = 'q18' then to_jsonb((array['a', 'b', 'c'])[1 + floor(random() * 3)::int])
            when k.key in ('q19', 'q20') then case when random() < 0.1 then to_jsonb('Khó khăn về thiết bị và đường truyền tại bộ phận một cửa.'::text) else 'null'::jsonb end
            else to_jsonb(round(f.size * (5 + random() * 10)))
          end as value) v0
        cross join lateral (select v0.value, case when jsonb_typeof(v0.value) = 'number' then (v0.value #>> '{}')::float8 end as num) v
        order by s.id, k.key`,
  );
  await queryRows(db, sql`analyze`);
  // Filed in bulk rather than through submit (which keeps each agency's outlier baselines as it goes): the
  // baselines of every period once, as any bulk fill does.
  await fillOutlierBaselines(db, "bench");
}

function pct(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

async function time(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 3; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

const ms = (x: number) => `${x.toFixed(1)} ms`;

export const summariesBenchmark: Benchmark = {
  name: "summaries",
  async run(): Promise<BenchRow[]> {
    const postgres = (await import("postgres")).default;
    const admin = postgres(SERVER, { max: 1, onnotice: () => undefined });
    const name = REUSE ?? `itbot_bench_sum_${process.pid}_${randomBytes(3).toString("hex")}`;
    if (!REUSE) await admin.unsafe(`create database "${name}"`);
    if (KEEP) console.error(`summaries bench: keeping database ${name}`);
    const url = new URL(SERVER);
    url.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: url.toString(), maxConnections: 4 });
    try {
      const db = database.db;
      const t0 = performance.now();
      if (!REUSE) {
        await migrateDatabase(database);
        await seed(db);
      } else await migrateDatabase(database);
      const seedSeconds = (performance.now() - t0) / 1000;
      const [{ n }] = (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from answers`)) as [{ n: number }];
      const t = createTranslate("vi");
      const tr = (key: string, args?: Record<string, string | number>) => t("vi", key, args);
      const everyone = [{ id: 0, personId: 0, role: "leader" as const, agencyId: null, createdAt: new Date() }];
      const today = "2026-11-20";

      // /summary: what the command does after authorization, up to the split message parts.
      const runSummary = async () => {
        const agencies = await loadAgencies(db);
        const period = (await latestReportedPeriod(db))!;
        const s = await buildPeriodSummary(db, period, agencies, visibilityOf(everyone, agencies));
        return splitRichText(formatSummary(s, "vi", tr));
      };
      // The first call reads everything (the outlier baselines were kept as the reports were filed); later calls reuse it.
      const c0 = performance.now();
      await runSummary();
      const cold = performance.now() - c0;
      const summary = await time(RUNS, runSummary);
      // What /summary sends now: the short answer (digest), and a free-text part behind its button (first page).
      let digestChars = 0;
      let digestLines = 0;
      const runDigest = async () => {
        const agencies = await loadAgencies(db);
        const p = (await latestReportedPeriod(db))!;
        const s = await buildPeriodSummary(db, p, agencies, visibilityOf(everyone, agencies));
        const d = formatSummaryDigest(s, "vi", tr);
        digestChars = d.text.length;
        digestLines = d.text.split("\n").length;
        return d;
      };
      const digest = await time(RUNS, runDigest);
      const runPart = async () => {
        const agencies = await loadAgencies(db);
        const p = (await latestReportedPeriod(db))!;
        const s = await buildPeriodSummary(db, p, agencies, visibilityOf(everyone, agencies));
        return splitRichText(formatTextPart(s, 0, "vi", tr)!, 3000)[0];
      };
      const part = await time(RUNS, runPart);
      const period = (await latestReportedPeriod(db))!;
      // Right after a report of the period changes (a resubmission moves its version and time), so nothing is reused.
      let bump = 0;
      const touch = () =>
        queryRows(db, sql`update submissions set version = version + 1, submitted_at = submitted_at + interval '1 second'
          where id = (select min(id) from submissions where period_id = ${period.id})`).then(() => bump++);
      const afterChange: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        await touch();
        const t1 = performance.now();
        await runSummary();
        afterChange.push(performance.now() - t1);
      }
      if (bump < RUNS) throw new Error("the period's reports were not changed before each run");
      const prevId = period.id - 1;
      const numeric = [...INTEGER_KEYS, "q15", "q16", "q17"];
      const keys = `{${numeric.join(",")}}`;
      const handSummary = await time(RUNS, async () => {
        await queryRows(db, sql`select a.kind, count(s.id) filter (where s.on_time) as on_time, count(s.id) filter (where not s.on_time) as late,
            count(*) filter (where s.id is null) as missing
          from agencies a left join submissions s on s.agency_id = a.id and s.period_id = ${period.id}
          where a.kind in ('department', 'district') group by a.kind`);
        await queryRows(db, sql`select s.period_id, a.kind, an.question_key, sum(an.num_value), avg(an.num_value), min(an.num_value), max(an.num_value)
          from submissions s join agencies a on a.id = s.agency_id join answers an on an.submission_id = s.id
          where s.period_id in (${period.id}, ${prevId}) and an.question_key = any(${keys}::text[])
          group by grouping sets ((s.period_id, a.kind, an.question_key), (s.period_id, an.question_key))`);
        await queryRows(db, sql`select an.value #>> '{}', count(*) from submissions s join answers an on an.submission_id = s.id
          where s.period_id = ${period.id} and an.question_key = 'q18' group by 1`);
        await queryRows(db, sql`select s.agency_id, an.question_key, an.value #>> '{}' from submissions s join answers an on an.submission_id = s.id
          where s.period_id = ${period.id} and an.question_key in ('q19', 'q20') and jsonb_typeof(an.value) = 'string'`);
        await queryRows(db, sql`with h as (select s.agency_id, an.question_key k, percentile_cont(0.5) within group (order by an.num_value) med
            from submissions s join answers an on an.submission_id = s.id
            where s.period_id between ${period.id - 6} and ${period.id - 1} and an.question_key = any(${keys}::text[]) group by 1, 2)
          select c.agency_id, an.question_key from submissions c join answers an on an.submission_id = c.id
          join h on h.agency_id = c.agency_id and h.k = an.question_key
          where c.period_id = ${period.id} and an.num_value > 3 * h.med`);
      });

      const ind = findIndicator(period.definition, "share")!;
      const everyAgency = visibilityOf(everyone, await loadAgencies(db));
      const trend = await time(RUNS, () => indicatorTrend(db, "bench", ind, today, everyAgency, 12));
      const trendAfterChange: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        await touch();
        const t1 = performance.now();
        await indicatorTrend(db, "bench", ind, today, everyAgency, 12);
        trendAfterChange.push(performance.now() - t1);
      }
      const handTrend = await time(RUNS, () =>
        queryRows(db, sql`select p.period_key, 100 * sum(an.num_value) filter (where an.question_key = 'q02') / sum(an.num_value) filter (where an.question_key = 'q01')
          from (select id, period_key from periods where template_id = 'bench' order by cutoff_on desc limit 12) p
          join submissions s on s.period_id = p.id join answers an on an.submission_id = s.id
          where an.question_key in ('q01', 'q02') group by p.period_key`),
      );

      const points = await indicatorTrend(db, "bench", ind, today, everyAgency, 12);
      const chart = await time(10, () =>
        renderChart(trendChartSpec("Diễn biến 12 kỳ: Tỷ lệ trực tuyến", points.map((p) => ({ period: p.period.periodKey, value: p.value ?? 0, label: String(Math.round(p.value ?? 0)) })), "Tỷ lệ chung")),
      );

      const xlsx = await time(5, async () => {
        const agencies = await loadAgencies(db);
        const v = visibilityOf(everyone, agencies);
        const rows = await loadExportRows(db, period, agencies, v);
        const s = await buildPeriodSummary(db, period, agencies, v);
        return buildXlsx(period, rows, s, { locale: "vi", t: tr, timeZone: "Asia/Ho_Chi_Minh" }, new Date());
      });
      const handXlsx = await time(5, () =>
        queryRows(db, sql`select a.code, a.name, an.question_key, an.value from submissions s join agencies a on a.id = s.agency_id
          join answers an on an.submission_id = s.id where s.period_id = ${period.id}`),
      );

      const row = (figure: string, ours: number[], hand: number[], p: number, target: number, note: string): BenchRow => ({
        benchmark: "summaries",
        figure,
        value: `${ms(pct(ours, p))} (hand SQL ${ms(pct(hand, p))}, ×${(pct(ours, p) / pct(hand, p)).toFixed(1)})`,
        target: `< ${target} ms`,
        met: pct(ours, p) < target ? "yes" : "no",
        note,
      });
      return [
        { benchmark: "summaries", figure: "data", value: `${AGENCIES} agencies, 20 questions, ${PERIODS} periods, ${n} answers`, note: `seeded in ${seedSeconds.toFixed(0)} s; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores` },
        row("/summary of one period, p95", summary, handSummary, 95, 150, `p50 ${ms(pct(summary, 50))}; ${RUNS} runs, reports unchanged between them (figures reused after one fingerprint query); includes formatting and splitting`),
        row("/summary right after a report changed, p95", afterChange, handSummary, 95, 150, `p50 ${ms(pct(afterChange, 50))}; ${RUNS} runs, one report resubmitted before each: its answers are read again and every figure recomputed`),
        {
          benchmark: "summaries", figure: "/summary, first call after the fill", value: ms(cold), target: "< 500 ms", met: cold < 500 ? "yes" : "no",
          note: "the first summary of the latest period in a fresh process right after the database was filled: outlier baselines are read (kept as reports are filed), not computed",
        },
        row("/summary digest (short answer), p95", digest, handSummary, 95, 150, `p50 ${ms(pct(digest, 50))}; ${digestChars} characters, ${digestLines} lines (limit 1,500)`),
        row("a digest button (free-text part, first page), p95", part, handSummary, 95, 150, `p50 ${ms(pct(part, 50))}; rebuilt from the database under the scope on each press`),
        row("12-period trend, p95", trend, handTrend, 95, 300, `p50 ${ms(pct(trend, 50))}; ${RUNS} runs, reports unchanged; query only (chart rendering not included)`),
        row("12-period trend right after a report changed, p95", trendAfterChange, handTrend, 95, 300, `p50 ${ms(pct(trendAfterChange, 50))}; ${RUNS} runs, the latest period's totals computed again`),
        { benchmark: "summaries", figure: "trend chart PNG render, p95", value: ms(pct(chart, 95)), note: "vega → SVG → resvg; not part of the query figure" },
        row("XLSX export of one period, max of 5", xlsx, handXlsx, 100, 2000, `median ${ms(pct(xlsx, 50))}; hand SQL = fetching the same answers only`),
      ];
    } finally {
      await database.close();
      if (!KEEP && !REUSE) await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  },
};
