import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTranslate } from "../../src/bot/i18n.ts";
import { DEMO_ORGANISATION } from "../../src/demo/demo-province.ts";

// The demo runs for its own organisation (Sở Khoa học và Công nghệ of Đồng Nai): messages name it.
const t = createTranslate("vi", () => DEMO_ORGANISATION);
const say = (key: string, args?: Record<string, string>) => t("vi", key, args);
/** A console message with its placeholders as wildcards. */
const shape = (key: string, names: string[]) => {
  const text = say(key, Object.fromEntries(names.map((n) => [n, "\u0000"])));
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replaceAll("\u0000", ".*"));
};

/** Runs `tsx src/demo/main.ts` with the script on stdin, as `printf ... | npm run demo` would. */
function runDemo(script: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const tsx = join(process.cwd(), "node_modules", ".bin", "tsx");
    const child = spawn(tsx, ["src/demo/main.ts"], {
      cwd: process.cwd(),
      env: { ...process.env, DEFAULT_LOCALE: "vi", LOG_LEVEL: "warn", ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(script);
  });
}

/** What the bot printed after one echoed input line, up to the next echoed line. */
function after(transcript: string, echoed: string): string {
  const at = transcript.indexOf(`\n${echoed}\n`);
  if (at === -1) throw new Error(`"${echoed}" was not echoed:\n${transcript}`);
  const rest = transcript.slice(at + echoed.length + 2);
  const next = rest.search(/^\S+> /m);
  return next === -1 ? rest : rest.slice(0, next);
}

describe("npm run demo with a piped script", () => {
  let dir: string;
  let result: Awaited<ReturnType<typeof runDemo>>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "itbot-demo-smoke-"));
    const script = [
      "# smoke test",
      ":as coordinator",
      "/help",
      ":as guest",
      "/start",
      ":as reporter SO-KHCN",
      "/help",
      "/lang",
      ":press English",
      ":as admin",
      ":press 1",
      ":clock +1d",
      "",
    ].join("\n");
    result = await runDemo(script, { DEMO_OUT_DIR: join(dir, "out") });
  }, 180_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("exits 0 at the end of input after shutting down", () => {
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trimEnd().endsWith(say("demo-bye"))).toBe(true);
  });

  it("starts in Vietnamese as the coordinator and echoes each line after the persona prompt", () => {
    expect(result.stdout.startsWith(say("demo-banner").split("\n")[0]!)).toBe(true);
    expect(result.stdout).toContain("\ncoordinator> /help\n");
    expect(result.stdout).toContain("\nguest> /start\n");
    expect(result.stdout).toContain("\nSO-KHCN> /help\n");
    // Comments are shown, not sent.
    expect(result.stdout).toContain("\n# smoke test\n");
  });

  it("answers each persona according to its role", () => {
    const coordinatorHelp = after(result.stdout, "coordinator> /help");
    expect(coordinatorHelp).toContain("◀ Bot → Phạm Thu Hà [coordinator]");
    expect(coordinatorHelp).toContain("/invite");
    const guestStart = after(result.stdout, "guest> /start");
    expect(guestStart).toContain(say("access-none"));
    const reporterHelp = after(result.stdout, "SO-KHCN> /help");
    expect(reporterHelp).toContain("◀ Bot → Trần Quốc Bảo [SO-KHCN]");
    expect(reporterHelp).not.toContain("/invite");
  });

  it("numbers inline buttons and presses them by text; keyboards belong to their own chat", () => {
    expect(after(result.stdout, "SO-KHCN> /lang")).toMatch(/\[1\] .+\[2\] /);
    const press = after(result.stdout, "SO-KHCN> :press English");
    expect(press).toContain(say("demo-press-pressing", { text: "English" }));
    expect(press).toContain("◀ Bot");
    expect(press).not.toContain(say("button-expired"));
    expect(after(result.stdout, "admin> :press 1")).toContain(say("demo-press-none", { recipient: "Lê Minh Quân [admin]" }));
  });

  it("moves the simulated clock without an error from the background jobs", () => {
    expect(after(result.stdout, "admin> :clock +1d")).toMatch(shape("demo-clock-moved", ["time", "zone"]));
    expect(result.stdout).not.toMatch(shape("demo-job-failed", ["job", "error"]));
    expect(result.stdout).not.toMatch(shape("demo-seed-failed", ["name", "error"]));
    expect(result.stdout).not.toMatch(shape("demo-update-failed", ["error"]));
  });

  it("never prints the token and keeps stdout free of log lines", () => {
    expect(result.stdout).not.toContain("offline-demo-token");
    expect(result.stdout).not.toMatch(/"level":\d+/);
  });
});
