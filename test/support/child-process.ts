import { spawn, type ChildProcess } from "node:child_process";

/** A child process running one of the real entry points (`src/main.ts`, `src/cli/main.ts`) with tsx. */
export interface Child {
  child: ChildProcess;
  /** Resolves once the bot logged "bot started"; rejects if it exited first. */
  started: Promise<void>;
  exited: Promise<number | null>;
  output(): string;
}

/** Runs `entry` with only PATH and `env` in its environment (nothing of the test runner's leaks in); on PGlite unless `env` says EMBEDDED_DATABASE=postgres. */
export function runEntry(entry: string, args: string[], env: Record<string, string>): Child {
  const child = spawn(process.execPath, ["--import", "tsx", entry, ...args], {
    env: { PATH: process.env.PATH ?? "", EMBEDDED_DATABASE: "pglite", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const started = new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (out.includes('"bot started"')) {
        clearInterval(timer);
        resolve();
      }
    }, 50);
    void exited.then(() => {
      clearInterval(timer);
      reject(new Error(`exited before starting:\n${out}`));
    });
  });
  started.catch(() => undefined);
  return { child, started, exited, output: () => out };
}

/** Kills a child that is still running (a test that failed half-way must not leave it behind). */
export function killIfRunning(c: Child | ChildProcess): void {
  const child = "child" in c ? c.child : c;
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}
