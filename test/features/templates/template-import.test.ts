import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { parse as parseYaml } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/config/clock.ts";
import type { CliContext } from "../../../src/cli/cli-command.ts";
import { cliCommands } from "../../../src/cli/commands/index.ts";
import { createTranslate } from "../../../src/bot/i18n.ts";
import type { Database } from "../../../src/db/client.ts";
import { periods } from "../../../src/features/reports/reports.table.ts";
import { ensureSubmission } from "../../../src/features/reports/submissions.repository.ts";
import { templates, templateVersions } from "../../../src/features/templates/templates.table.ts";
import { loadTemplateFile, TemplateFileError } from "../../../src/features/templates/template-file.ts";
import { testConfig } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import { addAgency, IT_PLAN_FILE } from "../reports/report-fixtures.ts";

const dir = mkdtempSync(join(tmpdir(), "itbot-templates-"));

describe("report templates", () => {
  let database: Database;
  let out: string[];
  let cli: CliContext;
  const run = (name: string, ...args: string[]) => cliCommands.find((c) => c.name === name)!.run(args, cli);

  beforeAll(async () => {
    database = await createTestDatabase();
    out = [];
    cli = { database, config: testConfig(), clock: new ManualClock(new Date("2026-11-16T02:00:00Z")), t: createTranslate("vi"), out: (l) => out.push(l) };
  });
  afterAll(() => database.close());

  it("ships the default it-plan template covering DOMAIN.md's twelve indicators", async () => {
    const def = await loadTemplateFile(IT_PLAN_FILE);
    expect(def.title.vi).toBe("Tình hình thực hiện Kế hoạch ứng dụng CNTT");
    expect(def.questions.map((q) => q.type)).toEqual([
      "percent", "single-choice", "integer", "integer", "integer", "integer", "integer", "money", "money", "integer",
      "single-choice", "long-text", "long-text", "long-text", "attachment",
    ]);
    expect(def.questions.find((q) => q.key === "behind_reason")?.when).toEqual({ key: "project_status", equals: "behind" });
    expect(def.questions.filter((q) => !q.required).map((q) => q.key)).toEqual(["difficulties", "proposals", "signed_report"]);
    for (const q of def.questions) expect(q.label.en.length).toBeGreaterThan(0);
  });

  it("refuses a malformed file naming the file, the question and the problem, and stores nothing", async () => {
    const raw = parseYaml(readFileSync(IT_PLAN_FILE, "utf8"));
    raw.id = "broken";
    raw.questions[2].type = "number";
    raw.questions[4].min = "zero";
    raw.questions[11].when = { key: "nowhere", equals: "x" };
    const file = join(dir, "broken.yaml");
    writeFileSync(file, JSON.stringify(raw));
    const err = await loadTemplateFile(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TemplateFileError);
    const msg = (err as Error).message;
    expect(msg).toContain(file);
    expect(msg).toMatch(/question "online_services" \(#3\): type: /);
    expect(msg).toMatch(/question "dossiers_total" \(#5\): min: /);
    await expect(run("import-template", file)).rejects.toThrow(/question "online_services"/);
    expect(await database.db.select().from(templates).where(eq(templates.id, "broken"))).toHaveLength(0);

    // A reference to a question that is not earlier is caught by the cross-checks.
    raw.questions[2].type = "integer";
    raw.questions[4].min = 0;
    writeFileSync(file, JSON.stringify(raw));
    await expect(run("import-template", file)).rejects.toThrow(/question "behind_reason" \(#12\): condition refers to "nowhere"/);
    // The id goes into /openperiod's button data, which Telegram caps at 64 bytes.
    raw.questions[11].when = { key: "project_status", equals: "behind" };
    raw.id = "a".repeat(41);
    writeFileSync(file, JSON.stringify(raw));
    await expect(run("import-template", file)).rejects.toThrow(/id: id must be at most 40 characters/);
    writeFileSync(file, "id: [unclosed");
    await expect(run("import-template", file)).rejects.toThrow(/broken.yaml: mẫu báo cáo không hợp lệ, không lưu gì:[\s\S]*not valid YAML/);
    expect(await database.db.select().from(templates).where(eq(templates.id, "broken"))).toHaveLength(0);
  });

  it("versions changed definitions; periods and submissions keep the version they were made under", async () => {
    await run("import-template", IT_PLAN_FILE);
    expect(out.at(-1)).toBe("Mẫu it-plan: đã lưu phiên bản 1 (15 câu hỏi, hằng tháng).");
    await run("import-template", IT_PLAN_FILE);
    expect(out.at(-1)).toBe("Mẫu it-plan: không thay đổi, vẫn là phiên bản 1.");

    await run("open-period", "--template", "it-plan", "--period", "2026-11");
    expect(out.at(-1)).toContain("hạn nộp 17/11/2026");
    await run("open-period", "--template", "it-plan", "--period", "2026-11");
    expect(out.at(-1)).toContain("đã mở từ trước");
    const [p1] = await database.db.select().from(periods).where(eq(periods.periodKey, "2026-11"));
    const agency = await addAgency(database.db);
    const s1 = await ensureSubmission(database.db, p1!.id, agency.id, new Date());

    // The same template as JSON with one label changed: version 2.
    const raw = parseYaml(readFileSync(IT_PLAN_FILE, "utf8"));
    raw.questions[0].label.vi = "Tỷ lệ văn bản điện tử (%)";
    const json = join(dir, "it-plan.json");
    writeFileSync(json, JSON.stringify(raw, null, 2));
    await run("import-template", json);
    expect(out.at(-1)).toContain("đã lưu phiên bản 2");
    const versions = await database.db.select().from(templateVersions).where(eq(templateVersions.templateId, "it-plan"));
    expect(versions.map((v) => v.version).sort()).toEqual([1, 2]);

    await run("open-period", "--template", "it-plan", "--period", "2026-12", "--deadline", "21/12/2026");
    expect(out.at(-1)).toContain("hạn nộp 21/12/2026");
    const [p2] = await database.db.select().from(periods).where(eq(periods.periodKey, "2026-12"));
    const v1 = versions.find((v) => v.version === 1)!.id;
    const v2 = versions.find((v) => v.version === 2)!.id;
    expect(p1!.templateVersionId).toBe(v1);
    expect(p2!.templateVersionId).toBe(v2);
    expect(s1.templateVersionId).toBe(v1);
  });

  it("open-period and reopen-period explain bad input", async () => {
    await expect(run("open-period", "--template", "it-plan", "--period", "2026-Q4")).rejects.toThrow('"2026-Q4" không phải là kỳ hợp lệ của mẫu it-plan');
    await expect(run("open-period", "--template", "nope", "--period", "2026-11")).rejects.toThrow('Không có mẫu báo cáo "nope".');
    await expect(run("reopen-period", "--template", "it-plan", "--period", "2026-11")).rejects.toThrow("cli-reopen-required");
    await run("reopen-period", "--template", "it-plan", "--period", "2026-11", "--until", "30/11/2026");
    const [p] = await database.db.select().from(periods).where(eq(periods.periodKey, "2026-11"));
    expect(p!.reopenedUntil).toBe("2026-11-30");
  });
});
