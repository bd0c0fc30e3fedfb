import ExcelJS from "exceljs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CliContext } from "../../../src/cli/cli-command.ts";
import { deactivateAgencyCommand, mergeAgenciesCommand, moveAgencyCommand, renameAgencyCommand } from "../../../src/cli/commands/reorganise-agencies.ts";
import type { Database } from "../../../src/db/client.ts";
import { recentAudit } from "../../../src/audit/audit.repository.ts";
import { agencies } from "../../../src/features/agencies/agencies.table.ts";
import { agencyPeriodClosures } from "../../../src/features/agencies/agency-lifecycle.table.ts";
import { createBotHarness, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import { addPerson, PEOPLE, seedSummariesFixture, type Fixture } from "../summaries/summaries-fixture.ts";

/** A district merged into a new agency on 1/11/2026: its history follows, the summaries of before stay as they were. */
describe("agency merges: history follows the successor", () => {
  let database: Database;
  let h: BotHarness;
  let fx: Fixture;
  let successorId: number;
  const successorLeader = { id: 92001, first_name: "Chủ tịch xã mới" };
  const t = (key: string, args?: Record<string, string | number>) => h.deps.t("vi", key, args);
  const texts = (id: number) => h.api.textsTo(id).join("\n");
  const out: string[] = [];
  const cli = (): CliContext => ({ database, config: h.deps.config, clock: h.clock, t: h.deps.t, out: (l) => out.push(l) });

  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database);
    fx = await seedSummariesFixture(database.db, h.clock.now());
    await addPerson(database.db, PEOPLE.coordinator, [["coordinator", null]]);
    await mergeAgenciesCommand.run(
      ["--from", "T-XL", "--new-code", "T-XL-MOI", "--new-name", "UBND xã Xuân Lộc", "--kind", "district", "--parent", "PROV", "--on", "01/11/2026"],
      cli(),
    );
    const [s] = await database.db.select().from(agencies).where(eq(agencies.code, "T-XL-MOI"));
    successorId = s!.id;
    await addPerson(database.db, successorLeader, [["leader", successorId]]);
  });
  afterAll(() => database.close());
  beforeEach(() => h.api.clear());

  it("the merge: predecessor inactive, its unfiled open report closed as merged, its commune under the successor, audited", async () => {
    expect(out.at(-1)).toContain("T-XL → T-XL-MOI");
    const [old] = await database.db.select().from(agencies).where(eq(agencies.id, fx.ids.h1));
    expect([old!.active, old!.endsOn]).toEqual([false, "2026-11-01"]);
    const closures = await database.db.select().from(agencyPeriodClosures).where(eq(agencyPeriodClosures.agencyId, fx.ids.h1));
    expect(closures.map((c) => [c.periodId, c.reason])).toEqual([[fx.periodIds["2026-10"], "merged"]]);
    const [commune] = await database.db.select().from(agencies).where(eq(agencies.id, fx.ids.c1));
    expect(commune!.parentId).toBe(successorId);
    const actions = (await recentAudit(database.db, 10)).map((a) => `${a.action} ${a.target}`);
    expect(actions).toEqual(expect.arrayContaining(["agency.merge agency:T-XL", "agency.create agency:T-XL-MOI"]));
  });

  it("summaries: the open period no longer counts the merged district missing; a period before shows it as it was", async () => {
    await h.send(PEOPLE.coordinator, "/summary 2026-10");
    const oct = texts(PEOPLE.coordinator.id);
    expect(oct).toContain(t("summaries-digest-completion", { reported: 2, required: 2, share: "100%", onTime: 1, late: 1, missing: 0 }));
    expect(oct).not.toContain("Chưa nộp: UBND huyện Xuân Lộc");
    h.api.clear();
    await h.send(PEOPLE.coordinator, "/summary 2026-09");
    expect(texts(PEOPLE.coordinator.id)).toContain(t("summaries-digest-completion", { reported: 3, required: 3, share: "100%", onTime: 3, late: 0, missing: 0 }));
  });

  it("/trend of the successor's leader includes the predecessor's history, labelled", async () => {
    await h.send(successorLeader, "/trend dịch vụ công");
    const trend = texts(successorLeader.id);
    expect(trend).toMatch(/tháng 9\/2026: 5\n/);
    expect(trend).toContain(`UBND xã Xuân Lộc: ${t("summaries-includes-history", { agencies: "UBND huyện Xuân Lộc" })}`);
  });

  it("/compare of a period before the merge counts the predecessor's figures under the successor, labelled", async () => {
    await h.send(successorLeader, "/compare dịch vụ công 2026-09");
    const own = texts(successorLeader.id);
    expect(own).toContain(`1. UBND xã Xuân Lộc (${t("summaries-includes-history", { agencies: "UBND huyện Xuân Lộc" })}): 5`);
    h.api.clear();
    await h.send(PEOPLE.coordinator, "/compare dịch vụ công 2026-09");
    const all = texts(PEOPLE.coordinator.id);
    expect(all).toContain(`UBND xã Xuân Lộc (${t("summaries-includes-history", { agencies: "UBND huyện Xuân Lộc" })})`);
    expect(all).not.toMatch(/\d+\. UBND huyện Xuân Lộc/);
  });

  it("/ranking scores the successor with the predecessor's reports, labelled, and no longer ranks the predecessor", async () => {
    await h.send(PEOPLE.coordinator, "/ranking 2026");
    const ranking = texts(PEOPLE.coordinator.id);
    expect(ranking).toContain(`UBND xã Xuân Lộc (${t("summaries-includes-history", { agencies: "UBND huyện Xuân Lộc" })})`);
    expect(ranking).not.toMatch(/\d+\. UBND huyện Xuân Lộc/);
  });

  it("the XLSX of the successor's leader has the predecessor's history, labelled", async () => {
    await h.send(successorLeader, "/export xlsx tháng 10");
    const doc = h.api.calls.find((c) => c.method === "sendDocument")!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Object.values(doc.files)[0]!.data as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet(t("summaries-sheet-merged"))!;
    expect(sheet).toBeDefined();
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const rows = Array.from({ length: sheet.rowCount - 1 }, (_, i) => sheet.getRow(i + 2));
    expect(rows.map((r) => r.getCell(header.indexOf(t("summaries-col-period"))).value)).toEqual(["tháng 7/2026", "tháng 8/2026", "tháng 9/2026"]);
    expect(rows[0]!.getCell(header.indexOf(t("summaries-merged-successor"))).value).toBe(
      `UBND xã Xuân Lộc (${t("summaries-includes-history", { agencies: "UBND huyện Xuân Lộc" })})`,
    );
    expect(rows[2]!.getCell(header.indexOf("Số dịch vụ công trực tuyến")).value).toBe(5);
  });

  it("rename, move and deactivate from a date through the CLI, audited; a second merge of the same agency is refused", async () => {
    await renameAgencyCommand.run(["--agency", "T-TC", "--name", "Sở Tài chính (mới)"], cli());
    await moveAgencyCommand.run(["--agency", "T-XL-XA", "--parent", "T-TC"], cli());
    await deactivateAgencyCommand.run(["--agency", "T-YT", "--from", "01/12/2026"], cli());
    const rows = await database.db.select().from(agencies);
    const byCode = new Map(rows.map((a) => [a.code, a]));
    expect(byCode.get("T-TC")!.name).toBe("Sở Tài chính (mới)");
    expect(byCode.get("T-XL-XA")!.parentId).toBe(fx.ids.d1);
    // A date still to come: active until then.
    expect([byCode.get("T-YT")!.active, byCode.get("T-YT")!.endsOn]).toEqual([true, "2026-12-01"]);
    await expect(moveAgencyCommand.run(["--agency", "T-TC", "--parent", "T-XL-XA"], cli())).rejects.toThrow(t("reorg-error-cycle"));
    await expect(mergeAgenciesCommand.run(["--from", "T-XL", "--into", "T-TC", "--on", "01/12/2026"], cli())).rejects.toThrow(t("reorg-error-inactive"));
    const actions = (await recentAudit(database.db, 10)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["agency.rename", "agency.move", "agency.deactivate"]));
  });
});
