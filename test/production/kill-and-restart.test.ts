import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq } from "drizzle-orm";
import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { systemClock } from "../../src/config/clock.ts";
import { openDatabase, type Database } from "../../src/db/client.ts";
import { localDateTime } from "../../src/time/calendar-date.ts";
import { draftAnswers, submissions } from "../../src/features/reports/reports.table.ts";
import { WEBHOOK_PATH } from "../../src/server/http-server.ts";
import { addAgency, addPerson, itPlanPeriod, label, qi } from "../features/reports/report-fixtures.ts";
import { TEST_TOKEN } from "../support/bot-harness.ts";
import { killIfRunning, runEntry, type Child } from "../support/child-process.ts";
import { startFakeBotApiServer } from "../support/fake-bot-api-server.ts";
import { createTestDatabase } from "../support/test-db.ts";
import { callbackUpdate, textUpdate, type TestUser } from "../support/updates.ts";

/**
 * The real process (`src/main.ts`, webhook mode, against a fake Bot API) is killed with SIGKILL while a report
 * is being filed, once at a question and once at the review, and started again on the same database: the
 * embedded PGlite data directory, or the PostgreSQL server when DATABASE_URL is set. Each kill comes after the
 * webhook answered, i.e. after everything the update committed: what survives is what was made durable.
 */
describe("kill -9 while a report is being filed, then restart", () => {
  let fake: Awaited<ReturnType<typeof startFakeBotApiServer>>;
  let dataDir: string;
  let server: (Database & { url?: string }) | undefined;
  let user: TestUser;
  let agencyId: number;
  const children: Child[] = [];

  beforeAll(async () => {
    fake = await startFakeBotApiServer();
    dataDir = mkdtempSync(join(tmpdir(), "itbot-kill-"));
    // The embedded database is seeded here and closed (one process at a time per data directory) before the bot starts.
    const database: Database & { url?: string } = process.env.DATABASE_URL
      ? await createTestDatabase()
      : await openDatabase({ dataDir, loadDataDir: new Blob([readFileSync(inject("pgliteDumpPath"))]), program: "test" });
    const now = systemClock.now();
    const month = localDateTime(now, "Asia/Ho_Chi_Minh").date.slice(0, 7);
    await itPlanPeriod(database.db, month, now, localDateTime(new Date(now.getTime() + 20 * 86_400_000), "Asia/Ho_Chi_Minh").date);
    const agency = await addAgency(database.db);
    agencyId = agency.id;
    user = (await addPerson(database.db, "Đỗ Văn Bền", [["reporter", agency.id]])).user;
    if (database.url) server = database;
    else await database.close();
  });
  afterAll(async () => {
    for (const c of children) killIfRunning(c);
    await server?.close();
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function startBot() {
    const proc = runEntry("src/main.ts", [], {
      BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_API_ROOT: fake.url,
      DATA_DIR: dataDir,
      LOG_LEVEL: "info",
      BOT_MODE: "webhook",
      PORT: "0",
      WEBHOOK_SECRET: "kill_secret",
      ...(server?.url ? { DATABASE_URL: server.url } : {}),
    });
    children.push(proc);
    await proc.started;
    const port = Number(/"port":(\d+)/.exec(proc.output())?.[1]);
    const post = async (update: Update) => {
      const res = await fetch(`http://127.0.0.1:${port}${WEBHOOK_PATH}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "kill_secret" },
        body: JSON.stringify(update),
      });
      expect(res.status).toBe(200);
    };
    return {
      proc,
      send: (text: string) => post(textUpdate(user, text)),
      press: (data: string) => post(callbackUpdate(user, data)),
      kill: async () => {
        proc.child.kill("SIGKILL");
        await proc.exited;
      },
    };
  }
  const last = () => fake.api.textsTo(user.id).at(-1) ?? "";
  const allTexts = () => fake.api.textsTo(user.id).join("\n");

  it("takes the answer typed after a kill at a question, and files the report after a kill at the review", { timeout: 240_000 }, async () => {
    let bot = await startBot();
    await bot.send("/report");
    await bot.send("85");
    await bot.press(`report:c:${qi("leaders_use_system")}:yes`);
    await bot.send("12");
    await bot.send("150");
    expect(last()).toContain("Câu 5/14");
    expect(last()).toContain(label("dossiers_total"));

    await bot.kill();
    bot = await startBot();
    fake.api.clear();
    await bot.send("1.200");
    expect(last()).toContain("Câu 6/14");
    expect(allTexts()).not.toContain("người khác");

    for (const text of ["5", "3", "1,5 tỷ", "900 triệu", "4"]) await bot.send(text);
    await bot.press(`report:c:${qi("project_status")}:on_schedule`);
    for (const key of ["difficulties", "proposals", "signed_report"]) await bot.press(`report:s:${qi(key)}`);
    expect(last()).toContain("Xem lại các câu trả lời");

    await bot.kill();
    bot = await startBot();
    fake.api.clear();
    await bot.press("report:sub");
    expect(last()).toContain("Đã nộp báo cáo");
    expect(allTexts()).not.toContain("không còn hiệu lực");

    // What the database holds after both kills: every answer, and the report filed.
    const check = server ?? (await openDatabase({ dataDir, program: "test" }).catch((e: unknown) => e));
    if (!server) {
      // The bot still runs on the data directory, so a second process is refused: stop the bot first.
      expect(String(check)).toContain("in use by process");
      bot.proc.child.kill("SIGTERM");
      expect(await bot.proc.exited).toBe(0);
    }
    const database = server ?? (await openDatabase({ dataDir, program: "test" }));
    try {
      const [s] = await database.db.select().from(submissions).where(eq(submissions.agencyId, agencyId));
      expect(s).toMatchObject({ status: "submitted", version: 1 });
      const drafts = await database.db.select().from(draftAnswers).where(and(eq(draftAnswers.submissionId, s!.id), eq(draftAnswers.questionKey, "dossiers_total")));
      expect(drafts[0]?.value).toBe(1200);
    } finally {
      if (!server) await database.close();
    }
  });
});
