import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTranslate } from "../../../src/bot/i18n.ts";
import type { CliContext } from "../../../src/cli/cli-command.ts";
import { ImportRejected, importAgenciesCommand } from "../../../src/cli/commands/import-agencies.ts";
import { listAgenciesCommand } from "../../../src/cli/commands/list-agencies.ts";
import { ManualClock } from "../../../src/config/clock.ts";
import type { Database } from "../../../src/db/client.ts";
import { recentAudit } from "../../../src/audit/audit.repository.ts";
import { findAgencyByCode, listAgencies } from "../../../src/features/agencies/agencies.repository.ts";
import { subtreeIds } from "../../../src/features/agencies/agency-tree.ts";
import { planAgencyImport } from "../../../src/features/agencies/agency-import.ts";
import { testConfig } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";

const HEADER = "code,name,kind,parent_code\n";

describe("planAgencyImport", () => {
  it("accepts parents that come after their children and parents already stored", () => {
    const plan = planAgencyImport(`${HEADER}SYT,Sở Y tế,department,TINH\nTINH,Tỉnh,province,\nX,Xã,commune,OLD\n`, [{ code: "OLD", parentCode: null }]);
    expect(plan).toEqual({
      ok: true,
      rows: [
        { line: 2, code: "SYT", name: "Sở Y tế", kind: "department", parentCode: "TINH" },
        { line: 3, code: "TINH", name: "Tỉnh", kind: "province", parentCode: null },
        { line: 4, code: "X", name: "Xã", kind: "commune", parentCode: "OLD" },
      ],
    });
  });

  it("names the line of every bad row", () => {
    const csv = `${HEADER}A,A,department,B\nB,B,department,A\nC,C,ministry,\nD,D,commune,NOPE\nA,again,province,\nE,E\nF,,commune,\nbad code,G,commune,\n`;
    const plan = planAgencyImport(csv, []);
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.problems.map((p) => [p.line, p.problem])).toEqual([
      [2, "cycle"],
      [4, "unknown-kind"],
      [5, "unknown-parent"],
      [6, "duplicate-code"],
      [7, "missing-column"],
      [8, "empty-field"],
      [9, "bad-code"],
    ]);
    expect(plan.problems[3]).toMatchObject({ detail: "A", firstLine: 2 });
  });

  it("finds a cycle that goes through an agency already stored", () => {
    // Stored: CHILD's parent is ROOT. The file makes ROOT a child of CHILD.
    const plan = planAgencyImport(`${HEADER}ROOT,Root,province,CHILD\n`, [{ code: "CHILD", parentCode: "ROOT" }, { code: "ROOT", parentCode: null }]);
    expect(plan).toMatchObject({ ok: false, problems: [{ line: 2, problem: "cycle" }] });
  });

  it("requires the four columns in the header, in any order", () => {
    expect(planAgencyImport("code,name,kind\nA,A,province\n", [])).toMatchObject({ ok: false, problems: [{ line: 1, problem: "missing-header", detail: "parent_code" }] });
    expect(planAgencyImport("name,parent_code,code,kind\nTỉnh,,T,province\n", [])).toMatchObject({ ok: true, rows: [{ code: "T", name: "Tỉnh" }] });
  });
});

describe("npm run cli -- import-agencies / list-agencies", () => {
  let database: Database;
  let dir: string;
  const out: string[] = [];
  let ctx: CliContext;
  beforeAll(async () => {
    database = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), "itbot-import-"));
    const config = testConfig();
    ctx = { database, config, clock: new ManualClock(new Date("2026-11-20T02:00:00Z")), t: createTranslate("vi"), out: (l) => out.push(l) };
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await database.close();
  });
  const file = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  const good = `${HEADER}SYT,Sở Y tế,department,TINH\nTINH,"Tỉnh Đồng Nai",province,\nBH,TP. Biên Hòa,district,TINH\nBH-TP,Phường Tân Phong,commune,BH\n`;

  it("imports a good file, then re-importing it changes nothing", async () => {
    const path = file("good.csv", good);
    await importAgenciesCommand.run([path], ctx);
    expect(out.at(-1)).toBe(ctx.t("vi", "admin-cli-import-done", { file: path, created: 4, updated: 0, unchanged: 0 }));
    const first = await listAgencies(database.db);
    expect(first.map((a) => a.code).sort()).toEqual(["BH", "BH-TP", "SYT", "TINH"]);
    const bh = await findAgencyByCode(database.db, "BH");
    expect((await findAgencyByCode(database.db, "BH-TP"))?.parentId).toBe(bh!.id);
    expect([...subtreeIds(first, [bh!.id])].sort()).toEqual([bh!.id, (await findAgencyByCode(database.db, "BH-TP"))!.id].sort());
    const audits = (await recentAudit(database.db, 20)).filter((a) => a.action === "agency.create");
    expect(audits).toHaveLength(4);
    expect(audits.every((a) => a.actorLabel === "cli" && a.actorPersonId === null)).toBe(true);

    await importAgenciesCommand.run([path], ctx);
    expect(out.at(-1)).toBe(ctx.t("vi", "admin-cli-import-done", { file: path, created: 0, updated: 0, unchanged: 4 }));
    expect(await listAgencies(database.db)).toEqual(first);
  });

  it("updates by code: a rename and a move are one update each", async () => {
    const path = file("update.csv", `${HEADER}SYT,Sở Y tế Đồng Nai,department,TINH\nBH-TP,Phường Tân Phong,commune,TINH\n`);
    await importAgenciesCommand.run([path], ctx);
    expect(out.at(-1)).toBe(ctx.t("vi", "admin-cli-import-done", { file: path, created: 0, updated: 2, unchanged: 0 }));
    const moved = (await recentAudit(database.db, 5)).find((a) => a.target === "agency:BH-TP");
    expect(moved).toMatchObject({ action: "agency.update", before: { parentCode: "BH" }, after: { parentCode: "TINH" } });
  });

  it("imports nothing when one line is bad, and says which line", async () => {
    const before = await listAgencies(database.db);
    const path = file("bad.csv", `${HEADER}NEW1,Mới 1,department,TINH\nSYT,Đổi tên,department,TINH\nNEW2,Mới 2,ministry,TINH\n`);
    out.length = 0;
    await expect(importAgenciesCommand.run([path], ctx)).rejects.toBeInstanceOf(ImportRejected);
    expect(out).toEqual([
      ctx.t("vi", "admin-cli-problem-line", { line: 4, message: ctx.t("vi", "admin-cli-problem-unknown-kind", { detail: "ministry" }) }),
    ]);
    expect(await listAgencies(database.db)).toEqual(before);
  });

  it("lists the hierarchy with children under their parents", async () => {
    out.length = 0;
    await listAgenciesCommand.run([], ctx);
    expect(out[0]).toMatch(/^TINH\t/);
    expect(out).toContain("  BH\tTP. Biên Hòa\tdistrict");
    expect(out.indexOf("  BH-TP\tPhường Tân Phong\tcommune")).toBeGreaterThan(0);
  });
});
