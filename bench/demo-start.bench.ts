// How long `npm run demo` takes to its first screen: cold (no prepared database in the cache) and warm.
import { spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Benchmark, BenchRow } from "./bench-types.ts";
import { DEMO_CACHE_DIR } from "../src/demo/prepared-database.ts";
import { APP_ROOT } from "../src/config/paths.ts";
import { createTranslate } from "../src/bot/i18n.ts";

/** User + system CPU time of a live process so far. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

interface Start {
  /** Spawn to the first line on stderr (what it is doing). */
  firstLineMs: number;
  /** Spawn to the banner on stdout (the demo waits for the first line of input then). */
  promptMs: number;
  promptCpuMs: number;
}

/** Runs what `npm run demo` runs (scripts/demo-launcher.mjs), stdin a pipe, and times its first output. */
async function startOnce(): Promise<Start> {
  const banner = createTranslate("vi")("vi", "demo-banner").slice(0, 20);
  const startedAt = performance.now();
  const child = spawn(process.execPath, ["scripts/demo-launcher.mjs"], {
    env: { PATH: process.env.PATH ?? "", DEMO_OUT_DIR: join(tmpdir(), `itbot-demo-bench-${process.pid}`) },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let firstLineMs: number | undefined;
  let out = "";
  child.stderr.on("data", () => (firstLineMs ??= performance.now() - startedAt));
  const result = await new Promise<Start>((resolve, reject) => {
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes(banner)) resolve({ firstLineMs: firstLineMs ?? Number.NaN, promptMs: performance.now() - startedAt, promptCpuMs: cpuMs(child.pid!) });
    });
    child.once("exit", (code) => reject(new Error(`the demo exited (${String(code)}) before its first screen:\n${out}`)));
  });
  child.stdin.end();
  await new Promise((r) => child.once("exit", r));
  return result;
}

export const demoStartBenchmark: Benchmark = {
  name: "demo-start",
  async run(): Promise<BenchRow[]> {
    // Cold: neither the prepared database nor the bundle of the code (scripts/demo-launcher.mjs) is cached.
    rmSync(DEMO_CACHE_DIR, { recursive: true, force: true });
    rmSync(join(APP_ROOT, "node_modules", ".cache", "itbot-demo-code"), { recursive: true, force: true });
    const cold = await startOnce();
    const warm = await startOnce();
    const row = (figure: string, value: number, target?: number, note?: string): BenchRow => ({
      benchmark: "demo-start",
      figure,
      value: value.toFixed(0),
      ...(target ? { target: `≤ ${target}`, met: value <= target ? "yes" : "no" } : {}),
      ...(note ? { note } : {}),
    });
    return [
      row("cold: first line (ms)", cold.firstLineMs, undefined, "spawn to the line saying what it is doing (stderr)"),
      row("cold: first prompt (ms)", cold.promptMs, 8000, "no prepared database, no bundle: bundle the code, migrate and seed, keep both"),
      row("cold: CPU to first prompt (ms)", cold.promptCpuMs, undefined, "user + system CPU of the demo process"),
      row("warm: first prompt (ms)", warm.promptMs, 3000, "the bundle and the prepared database of the cold run"),
      row("warm: CPU to first prompt (ms)", warm.promptCpuMs, undefined, "user + system CPU of the demo process"),
    ];
  },
};
