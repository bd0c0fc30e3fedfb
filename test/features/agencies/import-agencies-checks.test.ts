// import-agencies: a file that is not UTF-8, a name cut at an unquoted comma, and codes that differ only in
// letter case are never imported silently.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTranslate, SUPPORTED_LOCALES } from "../../../src/bot/i18n.ts";
import type { CliContext } from "../../../src/cli/cli-command.ts";
import { delegateCommand } from "../../../src/cli/commands/delegate.ts";
import { ImportRejected, importAgenciesCommand } from "../../../src/cli/commands/import-agencies.ts";
import { createInviteCommand } from "../../../src/cli/commands/invite.ts";
import { ManualClock } from "../../../src/config/clock.ts";
import type { Database } from "../../../src/db/client.ts";
import { findAgencyByCode, listAgencies } from "../../../src/features/agencies/agencies.repository.ts";
import { agencies } from "../../../src/features/agencies/agencies.table.ts";
import { decodeUtf8, IMPORT_PROBLEM_KINDS, planAgencyImport } from "../../../src/features/agencies/agency-import.ts";
import { grantRole, upsertPerson } from "../../../src/features/people/people.repository.ts";
import { invitations } from "../../../src/features/people/people.table.ts";
import { testConfig } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";

const HEADER = "code,name,kind,parent_code\n";

describe("planAgencyImport: extra values and letter case", () => {
  it("reports a row with more values than the header, with its line, instead of cutting the name at its comma", () => {
    const plan = planAgencyImport("code,kind,parent_code,name\nT,province,,Tỉnh\nVH,department,T,Sở Văn hóa, Thể thao và Du lịch\n", []);
    expect(plan).toEqual({
      ok: false,
      problems: [{ line: 3, problem: "extra-column", detail: "Thể thao và Du lịch", values: 5, columns: 4 }],
    });
    // With the documented order the same mistake used to read as an unknown kind; now it says what is wrong.
    const usual = planAgencyImport(`${HEADER}VH,Sở Văn hóa, Thể thao và Du lịch,department,T\n`, [{ code: "T", parentCode: null }]);
    expect(usual).toMatchObject({ ok: false, problems: [{ line: 2, problem: "extra-column", values: 5, columns: 4 }] });
  });

  it("still accepts empty trailing fields (a trailing comma) and a quoted name with a comma", () => {
    const plan = planAgencyImport(`${HEADER}T,Tỉnh,province,,,\nVH,"Sở Văn hóa, Thể thao và Du lịch",department,T,\n`, []);
    expect(plan).toMatchObject({ ok: true, rows: [{ code: "T" }, { code: "VH", name: "Sở Văn hóa, Thể thao và Du lịch", parentCode: "T" }] });
  });

  it("compares codes without regard to case: within the file, against stored codes and for parents", () => {
    const dup = planAgencyImport(`${HEADER}AB,A,province,\nab,B,province,\n`, []);
    expect(dup).toEqual({ ok: false, problems: [{ line: 3, problem: "duplicate-code", detail: "ab", firstLine: 2 }] });
    const stored = [{ code: "R3-TINH", parentCode: null }, { code: "R3-BH", parentCode: "R3-TINH" }];
    expect(planAgencyImport(`${HEADER}r3-bh,UBND TP. Biên Hòa,district,r3-tinh\nNEW,Mới,commune,new-parent\nNEW-PARENT,Cha,district,R3-Tinh\n`, stored)).toEqual({
      ok: true,
      rows: [
        { line: 2, code: "R3-BH", name: "UBND TP. Biên Hòa", kind: "district", parentCode: "R3-TINH" },
        { line: 3, code: "NEW", name: "Mới", kind: "commune", parentCode: "NEW-PARENT" },
        { line: 4, code: "NEW-PARENT", name: "Cha", kind: "district", parentCode: "R3-TINH" },
      ],
    });
    // Case variants stored before codes were folded: the exact spelling is used, another one is reported.
    const legacy = [{ code: "X", parentCode: null }, { code: "x", parentCode: null }];
    expect(planAgencyImport(`${HEADER}x,x,province,\n`, legacy)).toMatchObject({ ok: true, rows: [{ code: "x" }] });
    expect(planAgencyImport(`${HEADER}Y,y,province,X\n`, [...legacy, { code: "Y", parentCode: null }])).toMatchObject({ ok: true, rows: [{ parentCode: "X" }] });
    expect(planAgencyImport(`${HEADER}Z,z,province,\n`, [{ code: "Z1", parentCode: null }])).toMatchObject({ ok: true });
    expect(planAgencyImport(`${HEADER}Xx,x,province,\n`, [{ code: "XX", parentCode: null }, { code: "xx", parentCode: null }])).toEqual({
      ok: false,
      problems: [{ line: 2, problem: "ambiguous-code", detail: "Xx (XX, xx)" }],
    });
    expect(planAgencyImport(`${HEADER}C,c,commune,Xx\n`, [{ code: "XX", parentCode: null }, { code: "xx", parentCode: null }])).toEqual({
      ok: false,
      problems: [{ line: 2, problem: "ambiguous-code", detail: "Xx (XX, xx)" }],
    });
  });

  it("decodes UTF-8 (with or without a BOM) and refuses other bytes", () => {
    expect(decodeUtf8(Buffer.from("Xã Tân Hòa", "utf8"))).toBe("Xã Tân Hòa");
    expect(decodeUtf8(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("code", "utf8")]))).toBe("code");
    expect(decodeUtf8(Buffer.from("Xã Tân Hòa", "latin1"))).toBeNull();
  });

  it("has a message for every problem in both languages", () => {
    for (const l of SUPPORTED_LOCALES) {
      const t = createTranslate(l);
      for (const p of IMPORT_PROBLEM_KINDS) {
        const key = `admin-cli-problem-${p}`;
        expect(t(l, key, { detail: "D", first: 2, values: 5, columns: 4, max: 200 }), `${l} ${key}`).not.toBe(key);
      }
      expect(t(l, "admin-cli-file-not-utf8", { file: "f.csv" })).toContain("CSV UTF-8");
    }
  });
});

describe("npm run cli -- import-agencies: encoding, extra values, letter case", () => {
  let database: Database;
  let dir: string;
  const out: string[] = [];
  let ctx: CliContext;
  const clock = new ManualClock(new Date("2026-11-20T02:00:00Z"));
  beforeAll(async () => {
    database = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), "itbot-import-checks-"));
    ctx = { database, config: testConfig(), clock, t: createTranslate("vi"), out: (l) => out.push(l) };
    await importAgenciesCommand.run([file("base.csv", `${HEADER}R3-TINH,Tỉnh Đồng Nai,province,\nR3-BH,UBND TP. Biên Hòa,district,R3-TINH\n`)], ctx);
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await database.close();
  });
  function file(name: string, content: string | Buffer) {
    const p = join(dir, name);
    writeFileSync(p, content);
    return p;
  }
  const t = (key: string, args?: Record<string, string | number>) => ctx.t("vi", key, args);

  it("refuses a file that is not UTF-8 (Excel's plain 'CSV') and says to save it as 'CSV UTF-8'; nothing is stored", async () => {
    const before = await listAgencies(database.db);
    const path = file("latin1.csv", Buffer.from(`${HEADER}R3-TH,Xã Tân Hòa,commune,R3-BH\n`, "latin1"));
    out.length = 0;
    await expect(importAgenciesCommand.run([path], ctx)).rejects.toBeInstanceOf(ImportRejected);
    expect(out).toEqual([t("admin-cli-file-not-utf8", { file: path })]);
    expect(out[0]).toContain("CSV UTF-8");
    expect(await findAgencyByCode(database.db, "R3-TH")).toBeNull();
    expect(await listAgencies(database.db)).toEqual(before);
  });

  it("imports the same file saved as UTF-8 with a BOM", async () => {
    const path = file("bom.csv", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${HEADER}R3-TH,Xã Tân Hòa,commune,R3-BH\n`, "utf8")]));
    await importAgenciesCommand.run([path], ctx);
    expect((await findAgencyByCode(database.db, "R3-TH"))?.name).toBe("Xã Tân Hòa");
  });

  it("reports a row with more values than the header, with its line number and the hint to quote, and imports nothing", async () => {
    const before = await listAgencies(database.db);
    const path = file("extra.csv", "code,kind,parent_code,name\nR3-NEW,department,R3-TINH,Mới\nR3-VH,department,R3-TINH,Sở Văn hóa, Thể thao và Du lịch\n");
    out.length = 0;
    await expect(importAgenciesCommand.run([path], ctx)).rejects.toBeInstanceOf(ImportRejected);
    const message = t("admin-cli-problem-extra-column", { values: 5, columns: 4, detail: "Thể thao và Du lịch" });
    expect(out).toEqual([t("admin-cli-problem-line", { line: 3, message })]);
    expect(out[0]).toContain("dấu ngoặc kép");
    expect(await findAgencyByCode(database.db, "R3-VH")).toBeNull();
    expect(await listAgencies(database.db)).toEqual(before);
  });

  it("a code that differs only in case updates the stored agency; it never makes a second one", async () => {
    const before = await listAgencies(database.db);
    out.length = 0;
    const same = file("case.csv", `${HEADER}r3-bh,UBND TP. Biên Hòa,district,R3-TINH\n`);
    await importAgenciesCommand.run([same], ctx);
    expect(out.at(-1)).toBe(t("admin-cli-import-done", { file: same, created: 0, updated: 0, unchanged: 1 }));
    const renamed = file("case-rename.csv", `${HEADER}r3-bh,Thành phố Biên Hòa,district,r3-tinh\n`);
    await importAgenciesCommand.run([renamed], ctx);
    expect(out.at(-1)).toBe(t("admin-cli-import-done", { file: renamed, created: 0, updated: 1, unchanged: 0 }));
    const after = await listAgencies(database.db);
    expect(after.map((a) => a.code)).toEqual(before.map((a) => a.code));
    expect(after.find((a) => a.code === "R3-BH")?.name).toBe("Thành phố Biên Hòa");

    // Two spellings of one code in one file are a duplicate.
    out.length = 0;
    const twice = file("case-twice.csv", `${HEADER}R3-X,X,commune,R3-BH\nr3-x,X,commune,R3-BH\n`);
    await expect(importAgenciesCommand.run([twice], ctx)).rejects.toBeInstanceOf(ImportRejected);
    expect(out[0]).toBe(t("admin-cli-problem-line", { line: 3, message: t("admin-cli-problem-duplicate-code", { detail: "r3-x", first: 2 }) }));
    expect((await listAgencies(database.db)).length).toBe(before.length);
  });

  it("invite --agency and delegate --agency find the agency whatever the case of the code", async () => {
    expect((await findAgencyByCode(database.db, "r3-bh"))?.code).toBe("R3-BH");
    expect(await findAgencyByCode(database.db, "r3-b")).toBeNull();
    out.length = 0;
    await createInviteCommand({ BOT_USERNAME: "baocao_cntt_bot" }).run(["--role", "reporter", "--agency", "r3-bh"], ctx);
    const bh = await findAgencyByCode(database.db, "R3-BH");
    const [inv] = await database.db.select().from(invitations);
    expect(inv?.agencyId).toBe(bh!.id);
    expect(out.join("\n")).toContain("(R3-BH)");

    const p = await upsertPerson(database.db, { telegramId: 7301, displayName: "Thay thế" });
    await grantRole(database.db, p.id, "reporter", bh!.id);
    out.length = 0;
    await delegateCommand.run(["--agency", "r3-bh", "--person", "7301", "--from", "01/12/2026", "--to", "05/12/2026"], ctx);
    expect(out.join("\n")).toContain("Thành phố Biên Hòa");
  });

  it("with case variants already stored, the exact spelling wins and another spelling finds none", async () => {
    await database.db.insert(agencies).values([
      { code: "LEG-A", name: "Cũ 1", kind: "department" },
      { code: "leg-a", name: "Cũ 2", kind: "department" },
    ]);
    expect((await findAgencyByCode(database.db, "leg-a"))?.name).toBe("Cũ 2");
    expect(await findAgencyByCode(database.db, "Leg-A")).toBeNull();
    out.length = 0;
    await expect(importAgenciesCommand.run([file("legacy.csv", `${HEADER}Leg-A,Cũ,department,\n`)], ctx)).rejects.toBeInstanceOf(ImportRejected);
    expect(out[0]).toContain("LEG-A, leg-a");
  });
});
