// The people and reorganisation commands speak DEFAULT_LOCALE: usage errors are locale keys, results and refusals
// are sentences of operator.ftl (or /reorg's), never hard-coded English.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTranslate } from "../../src/bot/i18n.ts";
import { CliUsageError, type CliContext } from "../../src/cli/cli-command.ts";
import { cliCommands } from "../../src/cli/commands/index.ts";
import { ManualClock } from "../../src/config/clock.ts";
import type { Database } from "../../src/db/client.ts";
import { agencies } from "../../src/features/agencies/agencies.table.ts";
import { findPersonByTelegramId } from "../../src/features/people/people.repository.ts";
import { testConfig } from "../support/bot-harness.ts";
import { createTestDatabase } from "../support/test-db.ts";
import { personWithRoles, seedSmallProvince } from "../features/admin/fixtures.ts";

const t = createTranslate("vi");
const vi = (key: string, args?: Record<string, string | number>) => t("vi", key, args);

describe("people and reorganisation commands in the operator's language", () => {
  let database: Database;
  let ctx: CliContext;
  let province: Awaited<ReturnType<typeof seedSmallProvince>>;
  const out: string[] = [];
  const reporter = { id: 70001, first_name: "Trần Thị Hoa" };
  const run = (name: string, ...args: string[]) => cliCommands.find((c) => c.name === name)!.run(args, ctx);
  /** The usage error a command line gives, as main.ts prints it in `locale`. */
  const refusal = async (locale: string, name: string, ...args: string[]) => {
    const err = await run(name, ...args).catch((e: unknown) => e);
    expect(err, `${name} ${args.join(" ")}`).toBeInstanceOf(CliUsageError);
    return (err as CliUsageError).describe(t, locale);
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    const clock = new ManualClock(new Date("2026-11-20T02:00:00Z"));
    ctx = { database, config: testConfig({ DEFAULT_LOCALE: "vi" }), clock, t, out: (l) => out.push(l) };
    province = await seedSmallProvince(database.db, "PLC");
    await personWithRoles(database.db, reporter, [{ role: "reporter", agencyId: province.health.id }]);
  });
  afterAll(() => database.close());

  it("set-role adds, leaves alone, moves and removes a role, saying so in Vietnamese", async () => {
    const health = vi("onboarding-role-in-agency", { role: vi("onboarding-role-reporter"), agency: "Sở Y tế", code: "PLC-SYT" });
    const finance = vi("onboarding-role-in-agency", { role: vi("onboarding-role-reporter"), agency: "Sở Tài chính", code: "PLC-STC" });
    await run("set-role", "--person", "70001", "--role", "reporter", "--agency", "PLC-SYT");
    expect(out.at(-1)).toBe(`Trần Thị Hoa đã có vai trò ${health}; không thay đổi gì.`);
    await run("set-role", "--person", "70001", "--role", "reporter", "--agency", "PLC-SYT", "--move-to", "PLC-STC");
    expect(out.at(-1)).toBe(`Trần Thị Hoa nay là ${finance}.`);
    await run("set-role", "--person", "70001", "--role", "admin");
    expect(out.at(-1)).toBe(vi("cli-role-added", { name: "Trần Thị Hoa", role: vi("onboarding-role-admin") }));
    await run("set-role", "--person", "70001", "--role", "admin", "--remove", "yes");
    expect(out.at(-1)).toBe(vi("cli-role-removed", { name: "Trần Thị Hoa", role: vi("onboarding-role-admin") }));
    await expect(run("set-role", "--person", "70001", "--role", "admin", "--remove", "yes")).rejects.toThrow(
      vi("cli-role-not-held", { name: "Trần Thị Hoa", role: vi("onboarding-role-admin") }),
    );
    const roles = (await findPersonByTelegramId(database.db, 70001))!.memberships.map((m) => [m.role, m.agencyId]);
    expect(roles).toEqual([["reporter", province.finance.id]]);
  });

  it("set-role refuses bad arguments with locale sentences, before touching the database", async () => {
    expect(await refusal("vi", "set-role", "--person", "70001", "--role", "boss")).toBe(vi("admin-cli-unknown-role", { role: "boss" }));
    expect(await refusal("en", "set-role", "--person", "70001", "--role", "admin", "--remove", "no")).toBe("write --remove yes");
    expect(await refusal("vi", "set-role", "--person", "70001", "--role", "admin", "--remove", "no")).toBe("hãy ghi --remove yes");
    expect(await refusal("en", "set-role", "--person", "70001", "--role", "reporter", "--agency", "PLC-SYT", "--remove", "yes", "--move-to", "PLC-BH")).toBe(
      "--remove and --move-to cannot be combined",
    );
    expect(await refusal("vi", "set-role", "--person", "abc", "--role", "admin")).toBe(vi("cli-person-required"));
    await expect(run("set-role", "--person", "99999", "--role", "admin")).rejects.toThrow("Không có người dùng nào có Telegram ID 99999.");
  });

  it("deactivate-person and reactivate-person say what they did, and that nothing changed the second time", async () => {
    expect(await refusal("vi", "deactivate-person", "--person", "70001")).toBe("cần có --reason (lý do)");
    await run("deactivate-person", "--person", "70001", "--reason", "Nghỉ hưu");
    expect(out.at(-1)).toBe(vi("cli-person-deactivated", { name: "Trần Thị Hoa" }));
    await run("deactivate-person", "--person", "70001", "--reason", "Nghỉ hưu");
    expect(out.at(-1)).toBe("Tài khoản của Trần Thị Hoa đã ngừng hoạt động từ trước; không thay đổi gì.");
    await run("reactivate-person", "--person", "70001");
    expect(out.at(-1)).toBe(vi("cli-person-reactivated", { name: "Trần Thị Hoa" }));
    await run("reactivate-person", "--person", "70001");
    expect(out.at(-1)).toBe("Tài khoản của Trần Thị Hoa đang hoạt động; không thay đổi gì.");
  });

  it("rename-agency, move-agency and deactivate-agency report in the locale; /reorg's sentences for a refusal", async () => {
    await run("rename-agency", "--agency", "PLC-STC", "--name", "Sở Tài chính mới");
    expect(out.at(-1)).toBe("PLC-STC: đã đổi tên từ “Sở Tài chính” thành “Sở Tài chính mới”.");
    await run("move-agency", "--agency", "PLC-BH-TP", "--top", "yes");
    expect(out.at(-1)).toBe(vi("cli-agency-moved-top", { agency: "Phường Tân Phong", code: "PLC-BH-TP" }));
    await run("move-agency", "--agency", "PLC-BH-TP", "--parent", "PLC-BH");
    expect(out.at(-1)).toBe(vi("cli-agency-moved", { agency: "Phường Tân Phong", code: "PLC-BH-TP", parent: "TP. Biên Hòa", parentCode: "PLC-BH" }));
    await expect(run("move-agency", "--agency", "PLC-BH", "--parent", "PLC-BH-TP")).rejects.toThrow(vi("reorg-error-cycle"));
    expect(await refusal("en", "move-agency", "--agency", "PLC-BH", "--top", "no")).toBe("write --top yes");
    expect(await refusal("en", "move-agency", "--agency", "PLC-BH")).toBe("give exactly one of --parent CODE or --top yes");
    expect(await refusal("vi", "deactivate-agency", "--agency", "PLC-SYT", "--from", "31/02/2026")).toBe(
      vi("cli-bad-date", { option: "from", value: "31/02/2026" }),
    );
    await run("deactivate-agency", "--agency", "PLC-SYT", "--from", "1/12/2026");
    expect(out.at(-1)).toBe(vi("cli-agency-deactivated", { agency: "Sở Y tế", code: "PLC-SYT", date: "01/12/2026" }));
    expect(await refusal("vi", "rename-agency", "--agency", "PLC-NONE", "--name", "X")).toBe(vi("admin-cli-unknown-agency", { code: "PLC-NONE" }));
  });

  it("merge-agencies checks --kind against the agency kinds in the operator's language, then merges", async () => {
    const en = await refusal("en", "merge-agencies", "--from", "PLC-BH", "--new-code", "PLC-X", "--new-name", "Mới", "--kind", "ward", "--on", "01/12/2026");
    expect(en).toBe('unknown kind "ward"; --kind is one of: province, department, district, commune');
    const viText = await refusal("vi", "merge-agencies", "--from", "PLC-BH", "--new-code", "PLC-X", "--new-name", "Mới", "--kind", "ward", "--on", "01/12/2026");
    expect(viText).toBe('loại đơn vị không hợp lệ "ward"; --kind chỉ nhận: province, department, district, commune');
    expect(await refusal("en", "merge-agencies", "--from", "PLC-BH", "--into", "PLC-TINH", "--kind", "district", "--on", "01/12/2026")).toBe(
      "--into cannot be combined with --new-code, --new-name, --kind or --parent",
    );
    expect(await refusal("en", "merge-agencies", "--from", "PLC-BH", "--on", "01/12/2026")).toBe(
      "give --into CODE, or --new-code, --new-name and --kind for a new agency",
    );
    expect(await database.db.select().from(agencies).where(eq(agencies.code, "PLC-X"))).toEqual([]);
    await run("merge-agencies", "--from", "PLC-BH", "--new-code", "PLC-X", "--new-name", "Thành phố mới", "--kind", "district", "--parent", "PLC-TINH", "--on", "01/12/2026");
    expect(out.at(-1)).toBe(vi("cli-agencies-merged", { date: "01/12/2026", from: "PLC-BH", code: "PLC-X", name: "Thành phố mới" }));
    await expect(run("merge-agencies", "--from", "PLC-BH", "--into", "PLC-TINH", "--on", "01/12/2026")).rejects.toThrow(vi("reorg-error-already-merged"));
  });
});
