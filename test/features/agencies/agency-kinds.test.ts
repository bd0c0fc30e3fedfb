import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify as toYaml } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import { createTranslate } from "../../../src/bot/i18n.ts";
import type { CliContext } from "../../../src/cli/cli-command.ts";
import { cliCommands } from "../../../src/cli/commands/index.ts";
import { recentAudit } from "../../../src/audit/audit.repository.ts";
import { loadKindCatalogue } from "../../../src/features/agencies/agency-kinds.repository.ts";
import { findAgencyByCode } from "../../../src/features/agencies/agencies.repository.ts";
import { requiredAgencies } from "../../../src/features/reports/required-agencies.ts";
import { createBotHarness, testConfig, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import { addPerson, PEOPLE, seedSummariesFixture, TEST_TEMPLATE } from "../summaries/summaries-fixture.ts";

const dir = mkdtempSync(join(tmpdir(), "itbot-kinds-"));

describe("agency kinds are data: /kinds, the agencies file, templates and summaries", () => {
  let database: Database;
  let h: BotHarness;
  let cli: CliContext;
  const out: string[] = [];
  const run = (name: string, ...args: string[]) => cliCommands.find((c) => c.name === name)!.run(args, cli);
  const last = (id: number) => h.api.textsTo(id).at(-1) ?? "";

  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database);
    await seedSummariesFixture(database.db, h.clock.now());
    await addPerson(database.db, PEOPLE.provinceLeader, [["leader", null]]);
    await addPerson(database.db, PEOPLE.coordinator, [["coordinator", null]]);
    await addPerson(database.db, PEOPLE.reporterD1, [["reporter", null]]);
    cli = { database, config: testConfig(), clock: h.clock, t: createTranslate("vi"), out: (l) => out.push(l) };
  });
  afterAll(() => database.close());

  it("/kinds lists the kinds in summary order with their names and how many agencies have them", async () => {
    await h.send(PEOPLE.coordinator, "/kinds");
    const text = last(PEOPLE.coordinator.id);
    expect(text).toContain("1. province — Cấp tỉnh / Province level · 1 đơn vị");
    expect(text).toContain("2. department — Sở, ban, ngành / Departments and boards · 2 đơn vị");
    expect(text.indexOf("department")).toBeLessThan(text.indexOf("district"));
    await h.send(PEOPLE.reporterD1, "/kinds");
    expect(last(PEOPLE.reporterD1.id)).toBe(h.deps.t("vi", "access-denied"));
  });

  it("coordinators add, rename and order kinds; each change is audited", async () => {
    await h.send(PEOPLE.coordinator, "/kinds add ward Phường | Ward");
    expect(last(PEOPLE.coordinator.id)).toContain("Đã lưu loại đơn vị ward");
    await h.send(PEOPLE.coordinator, "/kinds add ward Phường");
    expect(last(PEOPLE.coordinator.id)).toContain("Đã có loại đơn vị ward");
    await h.send(PEOPLE.coordinator, "/kinds rename district Huyện (trước 7/2025) | District (before 7/2025)");
    await h.send(PEOPLE.coordinator, "/kinds order district 2");
    const text = last(PEOPLE.coordinator.id);
    expect(text).toContain("2. district — Huyện (trước 7/2025) / District (before 7/2025) · 1 đơn vị");
    expect(text).toContain("3. department");
    await h.send(PEOPLE.coordinator, "/kinds rename nosuch X");
    expect(last(PEOPLE.coordinator.id)).toContain("Chưa có loại đơn vị nosuch");
    await h.send(PEOPLE.coordinator, "/kinds add Bad!Code X");
    expect(last(PEOPLE.coordinator.id)).toContain("Mã loại đơn vị chỉ gồm");
    const audit = (await recentAudit(database.db, 50)).filter((a) => a.target.startsWith("agency-kind:"));
    expect(audit.find((a) => a.target === "agency-kind:ward" && a.action === "agency-kind.create")).toMatchObject({ action: "agency-kind.create", after: { nameVi: "Phường", nameEn: "Ward" } });
    expect(audit.find((a) => a.target === "agency-kind:district")).toMatchObject({ before: null, after: { nameVi: "Huyện (trước 7/2025)", sortOrder: 2 } });
  });

  it("summaries break down by the kinds in the stored order and names", async () => {
    await h.send(PEOPLE.provinceLeader, "/summary 2026-10");
    // The breakdown by kind is in the full text, behind the digest's "Toàn văn" button.
    const digest = h.api.callsOf("sendMessage").at(-1)!;
    const full = (digest.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard.flat().find((b) => b.text === "Toàn văn")!;
    await h.press(PEOPLE.provinceLeader, full.callback_data);
    const text = h.api.textsTo(PEOPLE.provinceLeader.id).join("\n");
    expect(text).toContain("Huyện (trước 7/2025)");
    expect(text.indexOf("Huyện (trước 7/2025)")).toBeLessThan(text.indexOf("Sở, ban, ngành"));
  });

  it("the broadcast audience offers the kinds agencies have, as named and ordered", async () => {
    await h.send(PEOPLE.coordinator, "/broadcast");
    await h.send(PEOPLE.coordinator, "Thông báo thử");
    await h.press(PEOPLE.coordinator, "bc:aud:kinds");
    const [call] = h.api.callsOf("sendMessage").filter((c) => c.chat_id === PEOPLE.coordinator.id).slice(-1);
    const labels = ((call!.reply_markup as { inline_keyboard: { text: string }[][] }).inline_keyboard).flat().map((b) => b.text);
    expect(labels.join("|")).toContain("Huyện (trước 7/2025)");
    expect(labels.findIndex((l) => l.includes("Huyện (trước 7/2025)"))).toBeLessThan(labels.findIndex((l) => l.includes("Sở, ban, ngành")));
    // "ward" was added but no agency has it: nobody to reach.
    expect(labels.some((l) => l.includes("Phường"))).toBe(false);
    await h.send(PEOPLE.coordinator, "/cancel");
  });

  it("the agencies file brings new kinds with their names; an unnamed unknown kind is refused", async () => {
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "code,name,kind,parent_code\nX-DK,Đặc khu Thử,special-zone,PROV\n");
    await expect(run("import-agencies", bad)).rejects.toThrow();
    expect(out.join("\n")).toContain("loại đơn vị chưa có “special-zone”");
    // Two levels: communes directly under the province, a new kind named in the file.
    const good = join(dir, "good.csv");
    writeFileSync(good, "code,name,kind,parent_code,kind_name,kind_name_en\nX-DK,Đặc khu Thử,special-zone,PROV,Đặc khu,Special zone\nX-XA,Xã Thử,commune,PROV,,\n");
    await run("import-agencies", good);
    expect(out.at(-1)).toContain("1 loại đơn vị");
    const catalogue = await loadKindCatalogue(database.db);
    expect(catalogue.label("special-zone", "en", (k) => k)).toBe("Special zone");
    expect((await findAgencyByCode(database.db, "X-XA"))?.parentId).toBe((await findAgencyByCode(database.db, "PROV"))?.id);
  });

  it("templates select agencies by the stored kinds, checked at import", async () => {
    const write = (id: string, kinds: string[]) => {
      const file = join(dir, `${id}.yaml`);
      writeFileSync(file, toYaml({ ...TEST_TEMPLATE, id, agencies: { mode: "kinds", kinds } }));
      return file;
    };
    await expect(run("import-template", write("t-typo", ["departmnet"]))).rejects.toThrow(/agencies\.kinds\.0: unknown agency kind "departmnet" \(did you mean "department"\?\)/);
    await expect(run("import-template", write("t-none", ["hamlet"]))).rejects.toThrow(/unknown agency kind "hamlet"/);
    await run("import-template", write("t-two-level", ["department", "commune", "special-zone"]));
    const codes = (await requiredAgencies(database.db, { agencies: { mode: "kinds", kinds: ["department", "commune", "special-zone"] } })).map((a) => a.code);
    expect(codes).toEqual(expect.arrayContaining(["T-TC", "T-YT", "X-XA", "X-DK", "T-XL-XA"]));
    expect(codes).not.toContain("T-XL");
  });
});
