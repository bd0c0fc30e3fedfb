// The operator closes a period from the CLI: no more filing or reminders; idempotent; an unknown one is named.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTranslate } from "../../src/bot/i18n.ts";
import type { CliContext } from "../../src/cli/cli-command.ts";
import { cliCommands } from "../../src/cli/commands/index.ts";
import { ManualClock } from "../../src/config/clock.ts";
import type { Database } from "../../src/db/client.ts";
import { auditLog } from "../../src/features/people/people.table.ts";
import { periods } from "../../src/features/reports/reports.table.ts";
import { testConfig } from "../support/bot-harness.ts";
import { createTestDatabase } from "../support/test-db.ts";
import { itPlanPeriod } from "../features/reports/report-fixtures.ts";

describe("close-period", () => {
  let database: Database;
  let ctx: CliContext;
  const out: string[] = [];
  const run = (...args: string[]) => cliCommands.find((c) => c.name === "close-period")!.run(args, ctx);
  beforeAll(async () => {
    database = await createTestDatabase();
    const clock = new ManualClock(new Date("2026-11-20T02:00:00Z"));
    ctx = { database, config: testConfig(), clock, t: createTranslate("vi"), out: (l) => out.push(l) };
    await itPlanPeriod(database.db, "2026-11", clock.now());
  });
  afterAll(() => database.close());

  it("closes an open period once, records it, and says so when it was closed already", async () => {
    await run("--template", "it-plan", "--period", "2026-11");
    expect(out.at(-1)).toBe("Đã đóng kỳ 2026-11 của mẫu it-plan.");
    const [p] = await database.db.select().from(periods).where(eq(periods.periodKey, "2026-11"));
    expect(p!.status).toBe("closed");
    await run("--template", "it-plan", "--period", "2026-11");
    expect(out.at(-1)).toBe("Kỳ 2026-11 của mẫu it-plan đã đóng từ trước.");
    expect(await database.db.select().from(auditLog).where(eq(auditLog.action, "period.close"))).toHaveLength(1);
  });

  it("names a period that does not exist, and needs both options", async () => {
    await expect(run("--template", "it-plan", "--period", "2031-01")).rejects.toThrow("Không có kỳ 2031-01 của mẫu it-plan.");
    await expect(run("--template", "it-plan")).rejects.toThrow("cli-template-period-required");
  });
});
