import { spawn, spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildProduction } from "../../scripts/build.ts";
import { createTestDatabase } from "../support/test-db.ts";
import { WEBHOOK_PATH } from "../../src/server/http-server.ts";
import { startFakeBotApiServer } from "../support/fake-bot-api-server.ts";
import { TEST_TOKEN } from "../support/bot-harness.ts";
import { textUpdate } from "../support/updates.ts";

/**
 * `npm run build`'s output run with plain node, as `npm start` and the Docker image run it: no tsx loader,
 * and migrations, locales and templates found from the bundle's folder. Built into a folder of its own inside
 * the project (as dist/ is), so a parallel run never reads a half-written dist/.
 */
describe("the production build", () => {
  const outdir = join("node_modules", ".cache", `itbot-build-test-${process.pid}`);
  let fake: Awaited<ReturnType<typeof startFakeBotApiServer>>;
  let dataDir: string;
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  const children: ReturnType<typeof spawn>[] = [];
  beforeAll(async () => {
    await buildProduction(outdir);
    fake = await startFakeBotApiServer();
    dataDir = mkdtempSync(join(tmpdir(), "itbot-build-"));
    // The embedded default (a PostgreSQL server the bot starts): run as root, it runs as the system user
    // "postgres", which must get through to DATA_DIR.
    chmodSync(dataDir, 0o755);
    if (process.env.DATABASE_URL) database = await createTestDatabase();
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    await database?.close();
    await fake?.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(outdir, { recursive: true, force: true });
  });

  const env = () => ({
    PATH: process.env.PATH ?? "",
    BOT_TOKEN: TEST_TOKEN,
    TELEGRAM_API_ROOT: fake.url,
    DATA_DIR: dataDir,
    LOG_LEVEL: "info",
    ...(database?.url ? { DATABASE_URL: database.url } : {}),
  });

  it("is JavaScript that imports no TypeScript tooling", () => {
    const files = readdirSync(outdir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".js"));
    expect(files).toEqual(expect.arrayContaining(["main.js", "cli.js"]));
    for (const f of files) {
      const code = readFileSync(join(outdir, f), "utf8");
      expect(code, f).not.toMatch(/from\s*["'](tsx|esbuild|typescript)\b|\.ts["']\)/);
    }
  });

  it("runs the bot with plain node: migrates, answers /readyz and a webhook update in the default locale, stops on SIGTERM", { timeout: 120_000 }, async () => {
    const child = spawn(process.execPath, [join(outdir, "main.js")], {
      env: { ...env(), BOT_MODE: "webhook", PORT: "0", WEBHOOK_SECRET: "build_secret" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => out.includes('"bot started"') && (clearInterval(timer), resolve()), 50);
      void exited.then(() => (clearInterval(timer), reject(new Error(`exited before starting:\n${out}`))));
    });
    const port = Number(/"port":(\d+)/.exec(out)?.[1]);
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    const user = { id: 6401, first_name: "Build" };
    const res = await fetch(`http://127.0.0.1:${port}${WEBHOOK_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "build_secret" },
      body: JSON.stringify(textUpdate(user, "/start")),
    });
    expect(res.status).toBe(200);
    const [reply] = fake.api.textsTo(user.id);
    // A translated sentence from locales/vi, not a bare message key.
    expect(reply).toMatch(/[ạảãàáâậầấẩẫăắằặẳẵđêếềệểễôốồộổỗơớờợởỡưứừựửữ]/i);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  it("runs the operator CLI with plain node", () => {
    const run = spawnSync(process.execPath, [join(outdir, "cli.js"), "--help"], { env: env(), encoding: "utf8" });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("import-template");
  });
});
