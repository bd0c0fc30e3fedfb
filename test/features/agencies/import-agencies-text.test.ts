// import-agencies: a name that could not be stored, shown or drawn is refused with its line, never imported.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTranslate } from "../../../src/bot/i18n.ts";
import type { CliContext } from "../../../src/cli/cli-command.ts";
import { ImportRejected, importAgenciesCommand } from "../../../src/cli/commands/import-agencies.ts";
import { ManualClock } from "../../../src/config/clock.ts";
import type { Database } from "../../../src/db/client.ts";
import { listAgencies } from "../../../src/features/agencies/agencies.repository.ts";
import { AGENCY_NAME_MAX, planAgencyImport } from "../../../src/features/agencies/agency-import.ts";
import { testConfig } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";

const HEADER = "code,name,kind,parent_code\n";

describe("planAgencyImport: names that cannot be shown", () => {
  it("refuses control characters and line breaks, naming the line and the column", () => {
    const plan = planAgencyImport(`${HEADER}A,Sở\u0007 Y tế,department,\nB,Sở\u0000 Tư pháp,department,\nC,"Sở
Xây dựng",department,\nD,Sở D,department,X\u0001\n`, []);
    expect(plan).toEqual({
      ok: false,
      problems: [
        { line: 2, problem: "bad-characters", detail: "name: U+0007" },
        { line: 3, problem: "bad-characters", detail: "name: U+0000" },
        { line: 4, problem: "bad-characters", detail: "name: U+000A" },
        { line: 6, problem: "bad-characters", detail: "parent_code: U+0001" },
      ],
    });
  });

  it("a name of only zero-width characters is an empty name", () => {
    expect(planAgencyImport(`${HEADER}A,\u200b\u200b\u200c,department,\n`, [])).toEqual({
      ok: false,
      problems: [{ line: 2, problem: "empty-field", detail: "name" }],
    });
  });

  it(`refuses a name over ${AGENCY_NAME_MAX} characters (a 4,950-character one made /report unsendable)`, () => {
    expect(planAgencyImport(`${HEADER}A,${"Sở ".repeat(1650)}X,department,\n`, [])).toEqual({
      ok: false,
      problems: [{ line: 2, problem: "name-too-long", detail: "4951", max: AGENCY_NAME_MAX }],
    });
    expect(planAgencyImport(`${HEADER}A,${"đ".repeat(AGENCY_NAME_MAX)},department,\n`, [])).toMatchObject({ ok: true });
  });
});

describe("npm run cli -- import-agencies with a NUL in a name", () => {
  let database: Database;
  let dir: string;
  const out: string[] = [];
  let ctx: CliContext;
  beforeAll(async () => {
    database = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), "itbot-import-text-"));
    ctx = { database, config: testConfig(), clock: new ManualClock(new Date("2026-11-20T02:00:00Z")), t: createTranslate("vi"), out: (l) => out.push(l) };
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await database.close();
  });

  it("prints a line-numbered problem (not the database's 'Failed query') and imports nothing", async () => {
    const path = join(dir, "nul.csv");
    writeFileSync(path, `${HEADER}T,Tỉnh,province,\nS,Sở\u0000 Y tế,department,T\nZ,\u200b,department,T\n`);
    await expect(importAgenciesCommand.run([path], ctx)).rejects.toBeInstanceOf(ImportRejected);
    const t = (key: string, args?: Record<string, string | number>) => ctx.t("vi", key, args);
    expect(out).toEqual([
      t("admin-cli-problem-line", { line: 3, message: t("admin-cli-problem-bad-characters", { detail: "name: U+0000" }) }),
      t("admin-cli-problem-line", { line: 4, message: t("admin-cli-problem-empty-field", { detail: "name" }) }),
    ]);
    expect(out.join("\n")).not.toContain("Failed query");
    expect(await listAgencies(database.db)).toEqual([]);
  });
});
