// Resident memory of the real production process (src/main.ts), idle and under webhook load.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Benchmark, BenchRow } from "./bench-types.ts";
import { startFakeBotApiServer } from "../test/support/fake-bot-api-server.ts";
import { textUpdate } from "../test/support/updates.ts";

const TOKEN = "123456:BENCH-token-for-the-fake-bot-api-only";
const UPDATES = Number(process.env.BENCH_MEMORY_UPDATES ?? 2000);
/**
 * What runs: `dist` (default) the production build (`npm run build`, made here first) with plain node, as
 * `npm start` and the Docker image do; `src` the TypeScript sources through tsx, as before the build existed.
 */
const MAIN = process.env.BENCH_MAIN === "src" ? "src" : "dist";
/** BENCH_MEMORY_DB=pglite or postgres measures one database only. */
const ONLY = process.env.BENCH_MEMORY_DB;

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** User + system CPU time the process has used so far. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  // utime and stime are fields 14 and 15 of /proc/<pid>/stat (11 and 12 after the command name), in clock ticks.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

async function waitFor(check: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The production process on embedded PGlite, and on a PostgreSQL server (BENCH_DATABASE_URL or the local one). */
export const processMemoryBenchmark: Benchmark = {
  name: "process-memory",
  async run(): Promise<BenchRow[]> {
    const server = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
    if (MAIN === "dist") await (await import("../scripts/build.ts")).buildProduction();
    return [
      ...(ONLY === "postgres" ? [] : await measure(undefined)),
      ...(ONLY === "pglite" ? [] : await measure(server)),
    ];
  },
};

async function measure(server: string | undefined): Promise<BenchRow[]> {
  {
    const fake = await startFakeBotApiServer();
    // On a server the process gets a scratch database of its own, dropped afterwards.
    const scratch = `itbot_bench_mem_${process.pid}`;
    let databaseUrl: string | undefined;
    if (server) {
      const postgres = (await import("postgres")).default;
      const admin = postgres(server, { max: 1, onnotice: () => undefined });
      await admin.unsafe(`drop database if exists "${scratch}" with (force)`);
      await admin.unsafe(`create database "${scratch}"`);
      await admin.end();
      const u = new URL(server);
      u.pathname = `/${scratch}`;
      databaseUrl = u.href;
    }
    const dataDir = mkdtempSync(join(tmpdir(), "itbot-bench-mem-"));
    const admins = Array.from({ length: 50 }, (_, i) => 9_100_000 + i);
    const startedAt = performance.now();
    const args = MAIN === "dist" ? ["--enable-source-maps", "dist/main.js"] : ["--import", "tsx", "src/main.ts"];
    const child = spawn(process.execPath, args, {
      env: {
        PATH: process.env.PATH ?? "",
        BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: fake.url,
        DATA_DIR: dataDir,
        BOT_MODE: "webhook",
        WEBHOOK_SECRET: "bench_secret",
        PORT: "0",
        LOG_LEVEL: "info",
        ADMIN_TELEGRAM_IDS: admins.join(","),
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    try {
      await waitFor(() => out.includes('"bot started"') || child.exitCode !== null, 120_000);
      const startupMs = performance.now() - startedAt;
      const startupCpuMs = cpuMs(child.pid!);
      const port = Number(/"port":(\d+)/.exec(out)?.[1] ?? 0);
      if (!port) throw new Error(`the bot did not start:\n${out.slice(-2000)}`);
      const base = `http://127.0.0.1:${port}`;
      // Let start-up garbage settle before reading the idle figure.
      await new Promise((r) => setTimeout(r, 3000));
      const idle = rssMb(child.pid!);

      let peak = idle;
      const sampler = setInterval(() => (peak = Math.max(peak, rssMb(child.pid!))), 100);
      const started = Date.now();
      let next = 0;
      const worker = async () => {
        while (next < UPDATES) {
          const i = next++;
          const user = { id: admins[i % admins.length]!, first_name: "Bench" };
          await fetch(`${base}/telegram/webhook`, {
            method: "POST",
            headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "bench_secret" },
            body: JSON.stringify(textUpdate(user, "/help", 1_000_000 + i)),
          });
        }
      };
      await Promise.all(Array.from({ length: 20 }, worker));
      const seconds = (Date.now() - started) / 1000;
      clearInterval(sampler);
      const what = `${server ? "PostgreSQL" : "PGlite"}, ${MAIN === "dist" ? "dist/main.js" : "tsx src/main.ts"}`;
      return [
        { benchmark: "process-memory", figure: `start-up to ready (ms), ${what}`, value: startupMs.toFixed(0), note: "spawn to the \"bot started\" log line (migrations applied, webhook server listening)" },
        { benchmark: "process-memory", figure: `CPU time to ready (ms), ${what}`, value: startupCpuMs.toFixed(0), note: "user + system CPU of the process until then (what the wall-clock figure is on an idle machine)" },
        { benchmark: "process-memory", figure: `RSS idle (MB), ${what}`, value: idle.toFixed(0), target: "< 150", met: idle < 150 ? "yes" : "no", note: server ? "PostgreSQL" : "PGlite (in the process)" },
        { benchmark: "process-memory", figure: `RSS peak under load (MB), ${what}`, value: peak.toFixed(0), note: `${UPDATES} webhook updates, 20 concurrent` },
        { benchmark: "process-memory", figure: `webhook updates/s, ${what}`, value: (UPDATES / seconds).toFixed(0), note: "/help from known admins" },
      ];
    } finally {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      await fake.close();
      rmSync(dataDir, { recursive: true, force: true });
      if (server) {
        const postgres = (await import("postgres")).default;
        const admin = postgres(server, { max: 1, onnotice: () => undefined });
        await admin.unsafe(`drop database if exists "${scratch}" with (force)`);
        await admin.end();
      }
    }
  }
}

