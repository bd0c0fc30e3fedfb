// The console in Chromium on the summaries benchmark's data (2,000 agencies × 60 monthly periods, PostgreSQL):
// how long from opening the Mini App (signed launch link, as Telegram opens it) until the leader's dashboard shows
// its agencies' table, and how large the first load's JavaScript is compressed.
import { randomBytes } from "node:crypto";
import { cpus, loadavg } from "node:os";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { createLogger } from "../src/config/logger.ts";
import { migrateDatabase, openDatabase } from "../src/db/client.ts";
import { signInitData } from "../src/features/console/init-data.ts";
import { upsertPerson, grantRole } from "../src/features/people/people.repository.ts";
import { consoleAsset } from "../src/server/console-assets.ts";
import { consoleListener } from "../src/server/console-listener.ts";
import { closeServer, createHttpServer, listen } from "../src/server/http-server.ts";
import { CHROMIUM_ARGS, chromiumPath } from "../test/console-browser/chromium.ts";
import { createBotHarness, TEST_TOKEN } from "../test/support/bot-harness.ts";
import type { Benchmark, BenchRow } from "./bench-types.ts";
import { seed } from "./summaries.bench.ts";

const SERVER = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
/** BENCH_REUSE_DB=<name> reuses a database seeded by the summaries benchmark (BENCH_KEEP_DB=1 there). */
const REUSE = process.env.BENCH_REUSE_DB;
/** BENCH_TRACE=1 prints each run's navigation and resource timings (what the paint waited for). */
/** BENCH_KEEP_DB=1 keeps the seeded database (its name is printed) for BENCH_REUSE_DB. */
const KEEP = process.env.BENCH_KEEP_DB === "1";
const RUNS = 7;
const LEADER = { id: 77_000_001, first_name: "Lãnh đạo đo hiệu năng" };

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export const consoleBrowserBenchmark: Benchmark = {
  name: "console-browser",
  async run(): Promise<BenchRow[]> {
    const js = (await consoleAsset("app.js"))!.body;
    const css = (await consoleAsset("app.css"))!.body;
    const rows: BenchRow[] = [
      { benchmark: "console-browser", figure: "first-load JavaScript, gzip (app.js)", value: kb(gzipSync(js).length), target: "< 300 KB", met: gzipSync(js).length < 300 * 1024 ? "yes" : "no", note: `${kb(js.length)} minified; preact + htm, one file` },
      { benchmark: "console-browser", figure: "style sheet, gzip (app.css)", value: kb(gzipSync(css).length) },
    ];
    const executablePath = chromiumPath();
    if (!executablePath) return [...rows, { benchmark: "console-browser", figure: "dashboard first meaningful paint", value: "not measured", note: "no Chromium" }];

    const postgres = (await import("postgres")).default;
    const admin = postgres(SERVER, { max: 1, onnotice: () => undefined });
    const name = REUSE ?? `itbot_bench_con_${process.pid}_${randomBytes(3).toString("hex")}`;
    if (!REUSE) await admin.unsafe(`create database "${name}"`);
    if (KEEP) console.error(`console-browser bench: keeping database ${name}`);
    const url = new URL(SERVER);
    url.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: url.toString(), maxConnections: 4 });
    const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
    try {
      await migrateDatabase(database);
      if (!REUSE) await seed(database.db);
      const person = await upsertPerson(database.db, { telegramId: LEADER.id, displayName: LEADER.first_name, locale: "vi" });
      await grantRole(database.db, person.id, "leader", null).catch(() => undefined);
      const harness = await createBotHarness(database);
      const server = createHttpServer({ logger: createLogger("silent"), database, console: consoleListener(harness.deps, consoleAsset) });
      const port = await listen(server, 0, "127.0.0.1");
      const launch = () => `http://127.0.0.1:${port}/console#tgWebAppData=${encodeURIComponent(signInitData(LEADER, TEST_TOKEN, harness.clock.now()))}`;

      // Each run is a fresh browser context (no cache, no cookie): sign-in, periods, dashboard, render. The first
      // run also warms the server (the bundle built in memory, the summaries' history statistics).
      const paints: number[] = [];
      const dashboardApi: number[] = [];
      let agencies = 0;
      for (let i = 0; i <= RUNS; i++) {
        const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "vi-VN" });
        await context.route(/telegram\.org/, (route) => route.abort());
        const page = await context.newPage();
        await page.goto(launch());
        await page.locator("[data-testid=agency-table] tbody tr").first().waitFor({ timeout: 60_000 });
        // Milliseconds since the navigation started, read in the page once the table is drawn.
        const at = await page.evaluate(() => performance.now());
        agencies = await page.evaluate(() => Number((document.querySelector("[data-testid=completion]")?.textContent ?? "").match(/\/([\d.]+)/)?.[1]?.replace(/\./g, "") ?? 0));
        // The dashboard request's own time, from the browser's resource timing (the server's share of the paint).
        const api = await page.evaluate(() =>
          performance.getEntriesByType("resource").find((e) => e.name.includes("/console/api/dashboard"))?.duration ?? 0,
        );
        if (process.env.BENCH_TRACE === "1")
          console.error(JSON.stringify(await page.evaluate(() => performance.getEntries().map((e) => [e.name.replace(location.origin, ""), Math.round(e.startTime), Math.round(e.duration)]))));
        if (i > 0) {
          paints.push(at);
          dashboardApi.push(api);
        }
        await context.close();
      }
      await closeServer(server);
      paints.sort((a, b) => a - b);
      dashboardApi.sort((a, b) => a - b);
      const median = paints[Math.floor(paints.length / 2)]!;
      const worst = paints[paints.length - 1]!;
      rows.push({
        benchmark: "console-browser",
        figure: `dashboard first meaningful paint (launch link → agencies' table), median of ${RUNS}`,
        value: `${median.toFixed(0)} ms`,
        target: "< 1 s",
        met: median < 1000 ? "yes" : "no",
        note: `worst ${worst.toFixed(0)} ms; ${agencies.toLocaleString("vi-VN")} agencies required; Chromium headless, 360×740`,
      });
      rows.push({
        benchmark: "console-browser",
        figure: "of which the dashboard request (GET /console/api/dashboard, browser resource timing), median",
        value: `${dashboardApi[Math.floor(dashboardApi.length / 2)]!.toFixed(0)} ms`,
      });
      rows.push({ benchmark: "console-browser", figure: "load average (1 min) after the run", value: loadavg()[0]!.toFixed(1), note: `${cpus().length} cores` });
      return rows;
    } finally {
      await browser.close();
      await database.close();
      if (!REUSE && !KEEP) await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  },
};
