// Resident memory of the real production process (src/main.ts), idle and under webhook load.
import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
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
/** BENCH_MEMORY_DB=pglite, embedded or server measures one database only. */
const ONLY = process.env.BENCH_MEMORY_DB;

type Kind = "pglite" | "embedded" | "server";
const LABEL: Record<Kind, string> = { pglite: "PGlite", embedded: "embedded PostgreSQL", server: "PostgreSQL server" };

/** The process and all its descendants (the embedded server, its backends, the watchdog). */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1]!.split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const all: number[] = [];
  const visit = (pid: number) => {
    all.push(pid);
    for (const c of children.get(pid) ?? []) visit(c);
  };
  visit(root);
  return all;
}

function statusKb(pid: number, field: string, file = "status"): number {
  try {
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/${file}`, "utf8"))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/**
 * Resident memory of the whole tree: `rss` adds up each process's RSS (pages shared between the server's
 * processes, such as shared_buffers and the binary, counted once per process: an upper bound); `pss` splits shared
 * pages between the processes sharing them (what the tree really holds).
 */
function treeMemory(root: number): { rss: number; pss: number; processes: number } {
  const pids = processTree(root);
  let rss = 0;
  let pss = 0;
  for (const pid of pids) {
    rss += statusKb(pid, "VmRSS");
    pss += statusKb(pid, "Pss", "smaps_rollup");
  }
  return { rss: rss / 1024, pss: pss / 1024, processes: pids.length };
}

/**
 * User + system CPU time the process tree has used so far: the process, its live descendants (the embedded
 * server and its backends), and the children it has waited for (initdb).
 */
function cpuMs(pid: number): number {
  let ticks = 0;
  for (const p of processTree(pid)) {
    try {
      // utime, stime, cutime, cstime: fields 14-17 of /proc/<pid>/stat (11-14 after the command name), in clock ticks.
      const fields = readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1]!.split(" ");
      ticks += Number(fields[11]) + Number(fields[12]) + (p === pid ? Number(fields[13]) + Number(fields[14]) : 0);
    } catch {
      // gone meanwhile
    }
  }
  return (ticks * 1000) / 100;
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
    const rows: BenchRow[] = [];
    for (const kind of ["pglite", "embedded", "server"] as const) if (!ONLY || ONLY === kind) rows.push(...(await measure(kind, server)));
    return rows;
  },
};

async function measure(kind: Kind, serverUrl: string): Promise<BenchRow[]> {
  {
    const server = kind === "server" ? serverUrl : undefined;
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
    // Run as root, the embedded server runs as the system user "postgres", which must get through to it.
    chmodSync(dataDir, 0o755);
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
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { EMBEDDED_DATABASE: kind === "pglite" ? "pglite" : "postgres" }),
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
      const idle = treeMemory(child.pid!);

      const peak = { ...idle };
      const sampler = setInterval(() => {
        const now = treeMemory(child.pid!);
        peak.rss = Math.max(peak.rss, now.rss);
        peak.pss = Math.max(peak.pss, now.pss);
        peak.processes = Math.max(peak.processes, now.processes);
      }, 100);
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
      const what = `${LABEL[kind]}, ${MAIN === "dist" ? "dist/main.js" : "tsx src/main.ts"}`;
      const tree = kind === "embedded" ? "bot + server processes" : "the bot process";
      const external = kind === "server" ? "; the server's own memory not counted" : "";
      return [
        { benchmark: "process-memory", figure: `start-up to ready (ms), ${what}`, value: startupMs.toFixed(0), note: kind === "embedded" ? "spawn to the \"bot started\" log line; a new DATA_DIR, so initdb included" : "spawn to the \"bot started\" log line (migrations applied, webhook server listening)" },
        { benchmark: "process-memory", figure: `CPU time to ready (ms), ${what}`, value: startupCpuMs.toFixed(0), note: "user + system CPU of the process tree until then (what the wall-clock figure is on an idle machine)" },
        { benchmark: "process-memory", figure: `PSS idle (MB), ${what}`, value: idle.pss.toFixed(0), target: "≤ 250", met: idle.pss <= 250 ? "yes" : "no", note: `${tree} (${idle.processes}), shared pages split${external}` },
        { benchmark: "process-memory", figure: `RSS sum idle (MB), ${what}`, value: idle.rss.toFixed(0), note: `${tree}, shared pages counted in each${external}` },
        { benchmark: "process-memory", figure: `PSS peak under load (MB), ${what}`, value: peak.pss.toFixed(0), target: "≤ 350", met: peak.pss <= 350 ? "yes" : "no", note: `${UPDATES} webhook updates, 20 concurrent; up to ${peak.processes} processes` },
        { benchmark: "process-memory", figure: `RSS sum peak under load (MB), ${what}`, value: peak.rss.toFixed(0), note: "shared pages counted in each process" },
        { benchmark: "process-memory", figure: `webhook updates/s, ${what}`, value: (UPDATES / seconds).toFixed(0), note: "/help from known admins" },
      ];
    } catch (err) {
      throw new Error(`${(err as Error).message} (exit ${String(child.exitCode)}):\n${out.slice(-3000)}`);
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

