import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.ts";
import { auditLog } from "../../../src/features/people/people.table.ts";
import { templateVersions } from "../../../src/features/templates/templates.table.ts";
import { createBotHarness, type BotHarness } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import { addAgency, addPerson, IT_PLAN_FILE } from "../reports/report-fixtures.ts";
import { consoleApp, signIn, type ConsoleClient } from "./console-client.ts";

const yaml = readFileSync(IT_PLAN_FILE, "utf8");
const file = (name: string, text: string | Buffer) => ({ fileName: name, contentBase64: Buffer.from(text).toString("base64") });

describe("console templates go through the chat's /templates code", () => {
  let database: Database;
  let h: BotHarness;
  let coordinator: ConsoleClient;
  let reporter: ConsoleClient;
  let coordinatorId: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    h = await createBotHarness(database);
    const agency = await addAgency(database.db, "department");
    const co = await addPerson(database.db, "Điều Phối Mẫu", [["coordinator", null]]);
    coordinatorId = co.person.id;
    const app = consoleApp(h);
    coordinator = await signIn(h, app, co.user);
    reporter = await signIn(h, app, (await addPerson(database.db, "Cán Bộ Mẫu", [["reporter", agency.id]])).user);
  }, 180_000);
  afterAll(() => database.close());

  const versions = async () => (await database.db.select().from(templateVersions).where(eq(templateVersions.templateId, "it-plan"))).length;

  it("a file with problems lists each (the question and what is wrong) and changes nothing", async () => {
    const before = await versions();
    const bad = yaml.replace("id: it-plan", "id: it-plan\nunknown_field: 1").replace(/type: percent/, "type: percentage");
    for (const step of ["preview", "apply"]) {
      const res = await coordinator.send("POST", `/console/api/admin/templates/import/${step}`, file("it-plan.yaml", bad));
      expect(res.status).toBe(422);
      const body = (await res.json()) as { error: string; problems: string[]; fix: string };
      expect(body.error).toContain("không có gì thay đổi");
      expect(body.problems.some((p) => p.startsWith('question "docs_electronic_pct" (#1): type'))).toBe(true);
      expect(body.problems.length).toBeGreaterThanOrEqual(2);
    }
    expect((await coordinator.send("POST", "/console/api/admin/templates/import/preview", file("plan.txt", yaml))).status).toBe(400);
    expect(await versions()).toBe(before);
  });

  it("a good file is previewed (nothing stored), then imported and audited; its questions preview as the chat shows them", async () => {
    const pv = await coordinator.send("POST", "/console/api/admin/templates/import/preview", file("it-plan.yaml", yaml));
    expect(pv.status).toBe(200);
    const preview = (await pv.json()) as { lines: string[]; currentVersion: number; unchanged: boolean };
    expect(preview.lines[0]).toContain("là mẫu mới và hợp lệ");
    expect(preview.lines.some((l) => l.startsWith("1. docs_electronic_pct"))).toBe(true);
    expect(await versions()).toBe(0);

    const applied = await coordinator.send("POST", `/console/api/admin/templates/import/apply?current=${preview.currentVersion}`, file("it-plan.yaml", yaml));
    expect(applied.status).toBe(200);
    const done = (await applied.json()) as { created: boolean; version: number; versionId: number };
    expect(done).toMatchObject({ created: true, version: 1 });
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.action, "template.import"));
    expect(audit.map((a) => [a.actorPersonId, a.target])).toEqual([[coordinatorId, "template:it-plan"]]);

    const screens = (await (await coordinator.get(`/console/api/admin/templates/versions/${done.versionId}/preview`)).json()) as {
      screens: { key: string; text: string; buttons: string[][] }[];
    };
    expect(screens.screens).toHaveLength(15);
    expect(screens.screens[0]!.text).toContain("Xem trước: Tình hình thực hiện Kế hoạch ứng dụng CNTT, phiên bản 1");
    expect(screens.screens[0]!.text).toContain("1/15");
    expect(screens.screens[1]!.buttons.flat().length).toBeGreaterThan(1);

    // A second version, and back to the first for the periods opened from now on.
    const v2 = yaml.replace("vi: Tình hình thực hiện Kế hoạch ứng dụng CNTT", "vi: Tình hình thực hiện Kế hoạch ứng dụng CNTT (sửa đổi)");
    expect((await coordinator.send("POST", "/console/api/admin/templates/import/apply?current=0", file("it-plan.yaml", v2))).status).toBe(409);
    expect((await coordinator.send("POST", "/console/api/admin/templates/import/apply?current=1", file("it-plan.yaml", v2))).status).toBe(200);
    const back = await coordinator.send("POST", "/console/api/admin/templates/it-plan/current", { version: 1 });
    expect(back.status).toBe(200);
    const chosen = await database.db.select().from(auditLog).where(eq(auditLog.action, "template.version"));
    expect(chosen.map((a) => a.after)).toEqual([{ version: 1 }]);
  });

  it("refuses anyone but a coordinator", async () => {
    expect((await reporter.send("POST", "/console/api/admin/templates/import/apply", file("it-plan.yaml", yaml))).status).toBe(403);
    expect((await reporter.get("/console/api/admin/templates/versions/1/preview")).status).toBe(403);
    expect((await reporter.send("POST", "/console/api/admin/templates/it-plan/current", { version: 1 })).status).toBe(403);
  });
});
