// Every operator command refuses an option it does not know (a misspelt --agency must never fall back to a
// whole-province invitation), before it changes anything.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTranslate } from "../../src/bot/i18n.ts";
import { CliUsageError, expectPositionals, parseFlags, type CliContext } from "../../src/cli/cli-command.ts";
import { cliCommands } from "../../src/cli/commands/index.ts";
import { createInviteCommand } from "../../src/cli/commands/invite.ts";
import { ManualClock } from "../../src/config/clock.ts";
import type { Database } from "../../src/db/client.ts";
import { agencies } from "../../src/features/agencies/agencies.table.ts";
import { calendarDays } from "../../src/features/calendar/calendar.table.ts";
import { auditLog, invitations, people } from "../../src/features/people/people.table.ts";
import { delegations, periods } from "../../src/features/reports/reports.table.ts";
import { templates } from "../../src/features/templates/templates.table.ts";
import type { PgTable } from "drizzle-orm/pg-core";
import { testConfig } from "../support/bot-harness.ts";
import { createTestDatabase } from "../support/test-db.ts";
import { seedSmallProvince } from "../features/admin/fixtures.ts";

/** What a refused command line tells the operator, in `locale` (the CLI speaks DEFAULT_LOCALE). */
const t = createTranslate("vi");
function refusal(fn: () => unknown, locale = "en"): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(CliUsageError);
    return (err as CliUsageError).describe(t, locale);
  }
  throw new Error("not refused");
}

describe("parseFlags", () => {
  it("accepts only the flags it is given, naming the unknown one, a near miss and the allowed ones", () => {
    expect(parseFlags(["--role", "leader", "x", "--agency", "BH"], ["role", "agency"])).toEqual({ flags: { role: "leader", agency: "BH" }, positional: ["x"] });
    expect(refusal(() => parseFlags(["--role", "leader", "--agncy", "BH"], ["role", "agency", "expires"]))).toBe(
      "unknown option --agncy (did you mean --agency?); options: --role, --agency, --expires",
    );
    expect(refusal(() => parseFlags(["--role", "leader", "--agncy", "BH"], ["role", "agency", "expires"]), "vi")).toBe(
      "không có tùy chọn --agncy (ý bạn là --agency?); các tùy chọn: --role, --agency, --expires",
    );
    expect(refusal(() => parseFlags(["--expire", "1d"], ["role", "agency", "expires"]))).toMatch(/unknown option --expire \(did you mean --expires\?\)/);
    expect(refusal(() => parseFlags(["--zzz", "1"], ["role"]))).toMatch(/^unknown option --zzz; options: --role$/);
    expect(refusal(() => parseFlags(["--all", "1"], []))).toMatch(/unknown option --all; this command takes no options/);
    // A name like a property of every object is still unknown.
    expect(refusal(() => parseFlags(["--constructor", "1"], ["role"]))).toMatch(/unknown option --constructor/);
  });

  it("takes --flag=value, refuses a repeated or valueless option, and stops at a lone --", () => {
    expect(parseFlags(["--agency=BH", "--expires", "1d"], ["agency", "expires"]).flags).toEqual({ agency: "BH", expires: "1d" });
    expect(refusal(() => parseFlags(["--agency", "A", "--agency", "B"], ["agency"]))).toMatch(/--agency is given twice/);
    expect(refusal(() => parseFlags(["--agency"], ["agency"]))).toMatch(/missing value for --agency/);
    expect(refusal(() => parseFlags(["--agency", "--role", "x"], ["agency", "role"]))).toMatch(/missing value for --agency/);
    expect(refusal(() => parseFlags(["--agency="], ["agency"]))).toMatch(/missing value for --agency/);
    expect(parseFlags(["add", "--", "--not-an-option"], [])).toEqual({ flags: {}, positional: ["add", "--not-an-option"] });
    expect(refusal(() => expectPositionals(["a", "b"], 1))).toMatch(/unexpected argument: b/);
  });
});

describe("every CLI command refuses a misspelt option and changes nothing", () => {
  let database: Database;
  let dir: string;
  let ctx: CliContext;
  const out: string[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
    await seedSmallProvince(database.db, "OPT");
    dir = mkdtempSync(join(tmpdir(), "itbot-cli-options-"));
    ctx = { database, config: testConfig(), clock: new ManualClock(new Date("2026-11-20T02:00:00Z")), t: createTranslate("vi"), out: (l) => out.push(l) };
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await database.close();
  });

  const counts = async () => {
    const db = database.db;
    const n = (t: PgTable) => db.$count(t);
    return {
      agencies: await n(agencies),
      invitations: await n(invitations),
      people: await n(people),
      audit: await n(auditLog),
      calendar: await n(calendarDays),
      delegations: await n(delegations),
      periods: await n(periods),
      templates: await n(templates),
    };
  };

  it("invite --agncy (typo) is refused instead of making a whole-province leader invitation", async () => {
    const invite = createInviteCommand({ BOT_USERNAME: "baocao_cntt_bot" });
    const before = await counts();
    out.length = 0;
    const err = await invite.run(["--role", "leader", "--agncy", "OPT-BH"], ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CliUsageError);
    expect((err as CliUsageError).describe(t, "en")).toMatch(/unknown option --agncy \(did you mean --agency\?\)/);
    expect(out).toEqual([]);
    expect(await counts()).toEqual(before);
    // The same command spelt right works, so the refusal is about the option alone.
    await invite.run(["--role", "leader", "--agency", "OPT-BH"], ctx);
    expect((await counts()).invitations).toBe(before.invitations + 1);
  });

  it("refuses an unknown option on each command, before touching the database", async () => {
    const csv = join(dir, "agencies.csv");
    writeFileSync(csv, "code,name,kind,parent_code\nOPT-NEW,Mới,department,OPT-TINH\n");
    const yaml = join(dir, "template.yaml");
    writeFileSync(yaml, "id: x\n");
    const cases: Record<string, string[]> = {
      invite: ["--role", "reporter", "--agency", "OPT-SYT", "--expire", "1d"],
      "import-agencies": [csv, "--dry-run", "yes"],
      "import-template": [yaml, "--force", "yes"],
      "export-template": [yaml, join(dir, "template.xlsx"), "--force", "yes"],
      "list-agencies": ["--all", "yes"],
      "list-people": ["--agency", "OPT-SYT"],
      holidays: ["add", "02/09/2030", "Quốc khánh", "--yaer", "2030"],
      "open-period": ["--template", "it-plan", "--period", "2026-11", "--dealine", "01/12/2026"],
      "reopen-period": ["--template", "it-plan", "--period", "2026-11", "--untill", "30/11/2026"],
      "close-period": ["--template", "it-plan", "--perod", "2026-11"],
      delegate: ["--agency", "OPT-SYT", "--person", "123", "--from", "01/12/2026", "--too", "15/12/2026"],
      organisation: ["--province", "Thử", "--prefx", "BC-X"],
      "deactivate-person": ["--person", "123", "--reasn", "left"],
      "reactivate-person": ["--persn", "123"],
      "set-role": ["--person", "123", "--role", "reporter", "--agncy", "OPT-SYT"],
      "rename-agency": ["--agency", "OPT-SYT", "--nme", "Mới"],
      "move-agency": ["--agency", "OPT-SYT", "--top", "yes", "--parnt", "OPT-TINH"],
      "deactivate-agency": ["--agency", "OPT-SYT", "--form", "01/12/2026"],
      "merge-agencies": ["--from", "OPT-SYT", "--into", "OPT-TINH", "--onn", "01/12/2026"],
    };
    // A new command must be added here too.
    expect(cliCommands.map((c) => c.name).sort()).toEqual(Object.keys(cases).sort());
    const before = await counts();
    for (const command of cliCommands) {
      out.length = 0;
      const args = cases[command.name]!;
      const err = await command.run(args, ctx).catch((e: unknown) => e);
      expect(err, command.name).toBeInstanceOf(CliUsageError);
      const option = args.at(-2)!; // the misspelt option, before its value
      expect((err as CliUsageError).describe(t, "en"), command.name).toContain(`unknown option ${option}`);
      expect(out, command.name).toEqual([]);
    }
    expect(await counts()).toEqual(before);
  });

  it("refuses stray arguments to commands that take none", async () => {
    for (const [name, args] of [
      ["list-agencies", ["extra"]],
      ["list-people", ["extra"]],
      ["open-period", ["--template", "it-plan", "--period", "2026-11", "01/12/2026"]],
      ["reopen-period", ["--template", "it-plan", "--period", "2026-11", "--until", "30/11/2026", "now"]],
      ["delegate", ["--agency", "OPT-SYT", "--person", "123", "--from", "01/12/2026", "--to", "15/12/2026", "x"]],
      ["import-template", ["a.yaml", "b.yaml"]],
      ["set-role", ["--person", "123", "--role", "admin", "admin"]],
      ["merge-agencies", ["--from", "OPT-SYT", "--into", "OPT-TINH", "--on", "01/12/2026", "now"]],
      ["export-template", ["a.yaml", "b.xlsx", "c.xlsx"]],
    ] as const) {
      const command = cliCommands.find((c) => c.name === name)!;
      await expect(command.run([...args], ctx), name).rejects.toThrow("cli-unexpected-argument");
    }
  });
});
