import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Composer, InputFile } from "grammy";
import type { BotContext } from "../../src/bot/context.ts";
import type { Feature } from "../../src/bot/features.ts";
import { requireRole } from "../../src/bot/require-role.ts";
import { createLogger } from "../../src/config/logger.ts";
import type { Database } from "../../src/db/client.ts";
import { DEMO_API_ROOT, DEMO_TOKEN, demoConfig, startDemo, type DemoSession } from "../../src/demo/demo-session.ts";
import { DEMO_AGENCIES, DEMO_PERSONAS } from "../../src/demo/demo-province.ts";
import { createTestDatabase } from "../support/test-db.ts";
import { listPeopleWithRoles } from "../../src/features/people/people.repository.ts";

const LEADER_ID = DEMO_PERSONAS.find((p) => p.key === "leader")!.telegramId;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

/** A small feature exercising what the console must show: buttons, edits, popups, files, links. */
function probeFeature(): Feature {
  const c = new Composer<BotContext>();
  c.command("knock", requireRole("coordinator"), (ctx) =>
    ctx.reply("Ai đó?", { reply_markup: { inline_keyboard: [[{ text: "Mở cửa", callback_data: "probe:open" }, { text: "Thôi", callback_data: "probe:no" }]] } }),
  );
  c.callbackQuery("probe:open", requireRole("coordinator"), async (ctx) => {
    await ctx.answerCallbackQuery({ text: "Đã mở" });
    await ctx.editMessageText("Cửa đã mở");
  });
  c.command("poke", (ctx) => ctx.api.sendMessage(LEADER_ID, "Nhắc: kỳ báo cáo sắp đến hạn"));
  c.command("ask", (ctx) => ctx.reply("Đồng ý?", { reply_markup: { keyboard: [[{ text: "Có" }, { text: "Không" }]], one_time_keyboard: true } }));
  c.hears("Có", (ctx) => ctx.reply("Bạn đã chọn: Có", { reply_markup: { remove_keyboard: true } }));
  c.command("chart", (ctx) => ctx.replyWithPhoto(new InputFile(PNG, "chart.png"), { caption: "Biểu đồ" }));
  c.command("invite", (ctx) => ctx.reply(`Liên kết: https://t.me/${ctx.me.username}?start=INV-code_123`));
  c.on("message:document", async (ctx) => {
    const file = await ctx.getFile();
    const res = await fetch(`${DEMO_API_ROOT}/file/bot${DEMO_TOKEN}/${file.file_path}`);
    await ctx.reply(`Đã nhận ${ctx.message.document.file_name}: ${await res.text()}`);
  });
  return { name: "probe", composer: c };
}

/** Onboarding stand-in: public, so a person without a role reaches it. */
function probeStartFeature(): Feature {
  const c = new Composer<BotContext>();
  c.command("start", (ctx, next) => (ctx.match ? ctx.reply(`start payload=${ctx.match}`) : next()));
  return { name: "probe-start", public: true, composer: c };
}

describe("demo console session", () => {
  let database: Database;
  let session: DemoSession;
  let out = "";
  let dir: string;
  const jobRuns: Date[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), "itbot-demo-"));
    session = await startDemo({
      config: demoConfig({}),
      logger: createLogger("silent"),
      write: (t) => void (out += t),
      outDir: join(dir, "out"),
      database,
      features: [probeStartFeature(), probeFeature()],
      seeds: [],
      jobs: [{ name: "probe-job", schedule: "* * * * *", runOnce: async (now) => void jobRuns.push(now) }],
      startAt: new Date("2026-11-20T02:00:00Z"),
    });
  });
  afterAll(async () => {
    await session.close();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Runs lines and returns only what they printed. */
  async function run(...lines: string[]): Promise<string> {
    const start = out.length;
    for (const l of lines) await session.handleLine(l);
    return out.slice(start);
  }

  it("seeds every agency and one person per role, with an IT lead for every department and commune", async () => {
    const people = await listPeopleWithRoles(database.db);
    const roles = people.flatMap((p) => p.memberships.map((m) => m.role));
    expect(roles.filter((r) => r === "admin")).toHaveLength(1);
    expect(roles.filter((r) => r === "coordinator")).toHaveLength(1);
    expect(roles.filter((r) => r === "leader")).toHaveLength(2);
    const reporters = DEMO_AGENCIES.filter((a) => (a.kind === "department" || a.kind === "commune") && a.active !== false);
    // The former districts report no more: nobody files for them.
    expect(DEMO_AGENCIES.filter((a) => a.kind === "district").every((a) => a.active === false && !a.itLead)).toBe(true);
    expect(roles.filter((r) => r === "reporter")).toHaveLength(reporters.length);
    expect(DEMO_PERSONAS.filter((p) => p.kind === "reporter").map((p) => p.key)).toEqual(reporters.map((a) => a.code));
  });

  it("sends plain lines as the current persona and prints the reply with its recipient", async () => {
    const printed = await run(":as guest", "xin chào");
    expect(printed).toContain("Trần Văn Khách [guest]");
    expect(printed).toContain(session.t("demo-acting-as", { key: "guest", persona: session.describePersona(session.persona) }));
    // The guest has no role: the production access gate answers.
    expect(printed).toContain("Bạn chưa được cấp quyền");
    expect(session.prompt()).toBe("guest> ");
  });

  it("numbers buttons, presses them by number or text, and shows the popup and the edit", async () => {
    const shown = await run(":as coordinator", "/knock");
    expect(shown).toContain("[1] Mở cửa   [2] Thôi");
    const pressed = await run(":press 1");
    expect(pressed).toContain("Đã mở");
    expect(pressed).toMatch(/sửa tin #\d+ của Phạm Thu Hà \[coordinator\]\n\s+Cửa đã mở/);
    // The edit removed the keyboard, so there is nothing left to press.
    expect(await run(":press 1")).toContain(session.t("demo-press-none", { recipient: "Phạm Thu Hà [coordinator]" }));
    await run("/knock");
    expect(await run(":press mở")).toContain("Cửa đã mở");
  });

  it("keeps keyboards per chat: another persona cannot press the coordinator's buttons", async () => {
    await run(":as coordinator", "/knock");
    expect(await run(":as SO-TC", ":press 1")).toContain(session.t("demo-press-none", { recipient: "Phạm Đức Anh [SO-TC]" }));
  });

  it("prints messages to other people with the recipient's name", async () => {
    const printed = await run(":as coordinator", "/poke");
    expect(printed).toContain("◀ Bot → Võ Văn Thành [leader]\n    Nhắc: kỳ báo cáo sắp đến hạn");
  });

  it("shows reply-keyboard buttons and types the pressed one", async () => {
    const asked = await run(":as coordinator", "/ask");
    expect(asked).toContain("‹1: Có›   ‹2: Không›");
    expect(await run(":press 1")).toContain("Bạn đã chọn: Có");
    // remove_keyboard hid it (an inline keyboard from an earlier test may still show).
    expect(session.transcript.keyboards.last(session.persona.telegramId)?.kind).not.toBe("reply");
  });

  it("saves photos the bot sends and prints their path", async () => {
    const printed = await run(":as coordinator", "/chart");
    const path = /\(ảnh\) đã lưu: (.+)/.exec(printed)?.[1];
    expect(path).toBeDefined();
    expect(readFileSync(path!)).toEqual(PNG);
    expect(printed).toContain("Biểu đồ");
  });

  it("sends a file that the bot can download through getFile", async () => {
    const file = join(dir, "Báo cáo.txt");
    writeFileSync(file, "nội dung tệp");
    const printed = await run(`:file ${file}`);
    expect(printed).toContain("Đã nhận Báo cáo.txt: nội dung tệp");
    expect(await run(":file /no/such/file.pdf")).toContain(session.t("demo-file-missing", { path: "/no/such/file.pdf" }));
  });

  it("opens the latest invitation link as /start <payload> from the current persona", async () => {
    await run(":as coordinator", "/invite");
    const printed = await run(":as guest", ":open");
    expect(printed).toContain("/start INV-code_123");
    expect(printed).toContain("start payload=INV-code_123");
    expect(printed).toContain("Trần Văn Khách [guest]");
  });

  it("moves the clock and runs the background work at the new time", async () => {
    jobRuns.length = 0;
    const printed = await run(":clock +3d");
    expect(jobRuns.at(-1)?.toISOString()).toBe("2026-11-23T02:00:00.000Z");
    expect(printed).toContain("23/11/2026");
    await run(":clock 2026-12-16 08:00");
    expect(jobRuns.at(-1)?.toISOString()).toBe("2026-12-16T01:00:00.000Z");
    expect(session.clock.now().toISOString()).toBe("2026-12-16T01:00:00.000Z");
  });

  it("explains unknown commands and missing arguments without sending anything", async () => {
    const before = session.api.calls.length;
    expect(await run(":frobnicate")).toContain(":frobnicate");
    expect(await run(":as")).toContain(session.t("demo-missing-argument", { command: "as" }));
    expect(await run(":as nobody")).toContain(session.t("demo-persona-unknown", { query: "nobody" }));
    expect(await run("# just a comment")).toBe("");
    expect(session.api.calls.length).toBe(before);
    expect(await session.handleLine(":quit")).toBe("quit");
  });
});
