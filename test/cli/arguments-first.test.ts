// A command line the CLI refuses never opens DATA_DIR: nothing is created in it (by default ./data) unless a
// command that needs the database is asked for with good arguments.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createTranslate } from "../../src/bot/i18n.ts";
import { runArgumentsFirst } from "../../src/cli/arguments-first.ts";
import { CliUsageError } from "../../src/cli/cli-command.ts";
import { cliCommands } from "../../src/cli/commands/index.ts";
import { ManualClock } from "../../src/config/clock.ts";
import { testConfig } from "../support/bot-harness.ts";
import { runEntry } from "../support/child-process.ts";

const root = mkdtempSync(join(tmpdir(), "itbot-args-first-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("arguments first", () => {
  const ctx = { config: testConfig(), clock: new ManualClock(new Date("2026-11-20T03:00:00Z")), t: createTranslate("vi"), out: () => undefined };

  it("refuses an unknown option of every command without touching a database", async () => {
    for (const command of cliCommands) {
      const refused = await runArgumentsFirst(command, ["--no-such-option", "x"], ctx).catch((e: unknown) => e);
      expect(refused, command.name).toBeInstanceOf(CliUsageError);
    }
  });

  it("stops at the first query once the arguments pass, having printed nothing", async () => {
    const printed: string[] = [];
    const invite = cliCommands.find((c) => c.name === "invite")!;
    expect(await runArgumentsFirst(invite, ["--role", "coordinator"], { ...ctx, out: (l) => printed.push(l) })).toBe("needs-database");
    expect(printed).toEqual([]);
  });

  it("creates no DATA_DIR for a refused command line, and one for a command that needs it", { timeout: 300_000 }, async () => {
    const dataDir = join(root, "data");
    for (const args of [["invite", "--role", "nope"], ["holidays", "add", "31/02/2031", "X"], ["list-agencies", "extra"], ["nope"]]) {
      const run = runEntry("src/cli/main.ts", args, { DATA_DIR: dataDir });
      expect(await run.exited, args.join(" ")).not.toBe(0);
      expect(existsSync(dataDir), args.join(" ")).toBe(false);
    }
    const asked = runEntry("src/cli/main.ts", ["holidays", "list", "--year", "2031"], { DATA_DIR: dataDir });
    expect(await asked.exited, asked.output()).toBe(0);
    expect(existsSync(dataDir)).toBe(true);
  });
});
