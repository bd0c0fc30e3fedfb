import { spawn, type ChildProcess } from "node:child_process";
import { TEST_TOKEN } from "./bot-harness.ts";

/** The real entry point (`src/main.ts`) running as a child process, with its output collected. */
export interface AppProcess {
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** The parsed JSON log lines so far. */
  lines(): Array<Record<string, unknown>>;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Resolves once a log line has this `msg` (rejects if the process exits first or after `timeoutMs`). */
  waitForLog(msg: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** The HTTP port, once the server listens. */
  port(): Promise<number>;
  /** GET a path on the process's HTTP server: the status, or 0 when nothing answered within `timeoutMs`. */
  get(path: string, timeoutMs?: number): Promise<{ status: number; body: Record<string, unknown> }>;
}

export function startApp(env: Record<string, string>): AppProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    env: { PATH: process.env.PATH ?? "", EMBEDDED_DATABASE: "pglite", BOT_TOKEN: TEST_TOKEN, LOG_LEVEL: "info", PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (code) => {
      exitCode = code;
      resolve(code);
    }),
  );
  const lines = () =>
    out
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => {
        try {
          return JSON.parse(l) as Record<string, unknown>;
        } catch {
          return {};
        }
      });
  const waitForLog = async (msg: string, timeoutMs = 60_000) => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const line = lines().find((l) => l.msg === msg);
      if (line) return line;
      if (exitCode !== undefined) throw new Error(`exited (${String(exitCode)}) before logging "${msg}":\n${out}`);
      if (Date.now() > until) throw new Error(`no "${msg}" within ${timeoutMs} ms:\n${out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  let port: Promise<number> | undefined;
  const app: AppProcess = {
    child,
    output: () => out,
    lines,
    exited,
    waitForLog,
    port: () => (port ??= waitForLog("http server listening").then((l) => Number(l.port))),
    async get(path, timeoutMs = 5_000) {
      const url = `http://127.0.0.1:${await app.port()}${path}`;
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
        const text = await res.text();
        return { status: res.status, body: text.startsWith("{") ? (JSON.parse(text) as Record<string, unknown>) : {} };
      } catch {
        return { status: 0, body: {} };
      }
    },
  };
  return app;
}
