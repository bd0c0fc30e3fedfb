// A coordinator gives a person a role on the people page, sends a broadcast from the broadcasts page and previews a
// template; each change is made (and audited) by the same code as in chat, and the page shows it.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agencySuccessions } from "../../src/features/agencies/agency-lifecycle.table.ts";
import { outbox } from "../../src/features/outbox/outbox.table.ts";
import { auditLog, memberships } from "../../src/features/people/people.table.ts";
import { loadTemplateFile } from "../../src/features/templates/template-file.ts";
import { importTemplate } from "../../src/features/templates/templates.repository.ts";
import { templateVersions } from "../../src/features/templates/templates.table.ts";
import { addAgency, addPerson, IT_PLAN_FILE } from "../features/reports/report-fixtures.ts";
import type { TestUser } from "../support/updates.ts";
import { startConsoleUnderTest, type ConsoleUnderTest } from "./console-browser-fixture.ts";

describe("console in the browser: a coordinator changes a person's role", { timeout: 120_000 }, () => {
  let app: ConsoleUnderTest;
  let coordinator: TestUser;
  let person: { id: number };
  let agency: { id: number };
  const vi = (key: string) => app.harness.deps.t("vi", `console-web-${key}`);

  beforeAll(async () => {
    app = await startConsoleUnderTest();
    agency = await addAgency(app.database.db, "department", "Sở Thử nghiệm Người dùng");
    coordinator = (await addPerson(app.database.db, "Điều Phối Viên", [["coordinator", null]])).user;
    person = (await addPerson(app.database.db, "Trần Văn Vai", [["reporter", agency.id]])).person;
  });
  afterAll(() => app?.close());

  it("adds the leader role to a reporter from the people page", async () => {
    const { context, page, problems } = await app.newPage();
    await page.goto(app.launchUrl(coordinator));
    await page.getByRole("navigation").getByRole("link", { name: vi("nav-people") }).click();
    await page.getByRole("search").getByRole("searchbox").fill("Trần Văn");
    await page.getByRole("search").getByRole("button", { name: vi("search") }).click();

    const card = page.getByTestId(`person-${person.id}`);
    await card.waitFor();
    expect(await card.locator(".roles").textContent()).toContain(vi("role-reporter"));
    expect(await card.locator(".roles").textContent()).not.toContain(vi("role-leader"));
    // A province-wide leader: the role, no agency.
    await card.getByRole("combobox", { name: vi("invite-role") }).selectOption("leader");
    await card.getByRole("button", { name: vi("role-add") }).click();
    await expect.poll(() => page.getByTestId("live-status").textContent()).toContain(vi("role-leader"));
    await expect.poll(() => card.locator(".roles").textContent()).toContain(vi("role-leader"));
    await app.screenshot(page, "coordinator-people");

    const roles = await app.database.db.select().from(memberships).where(and(eq(memberships.personId, person.id), eq(memberships.role, "leader")));
    expect(roles).toHaveLength(1);
    expect(roles[0]!.agencyId).toBeNull();
    expect(problems).toEqual([]);
    await context.close();
  });

  it("composes a broadcast to chosen agencies, previews it as recipients see it, sends it and lists its status", async () => {
    const { context, page, problems } = await app.newPage();
    await page.goto(app.launchUrl(coordinator));
    await page.getByRole("navigation").getByRole("link", { name: vi("nav-broadcasts") }).click();
    await page.getByRole("combobox", { name: vi("broadcast-audience") }).selectOption("agencies");
    await page.getByRole("searchbox", { name: vi("broadcast-agency-search") }).fill("Người dùng");
    await page.getByRole("checkbox", { name: /Sở Thử nghiệm Người dùng/ }).check();
    const text = "Họp giao ban CNTT lúc 8 giờ sáng thứ Hai tại phòng họp số 2.";
    await page.getByRole("textbox", { name: vi("broadcast-text") }).fill(text);
    await page.getByRole("button", { name: vi("preview") }).click();
    const preview = page.getByTestId("broadcast-preview");
    await preview.waitFor();
    expect(await preview.textContent()).toBe(text);
    expect(await page.getByRole("region", { name: vi("broadcast-preview-title") }).textContent()).toContain(app.harness.deps.t("vi", "broadcast-ack-button"));
    await page.getByRole("button", { name: vi("broadcast-send") }).scrollIntoViewIfNeeded();
    await app.screenshot(page, "coordinator-broadcast");

    await page.getByRole("button", { name: vi("broadcast-send") }).click();
    await expect.poll(() => page.getByTestId("live-status").textContent()).toContain(vi("broadcast-sent"));
    const rows = await app.database.db.select().from(outbox).where(eq(outbox.kind, "broadcast"));
    expect(rows.map((r) => r.personId)).toEqual([person.id]);
    const audit = await app.database.db.select().from(auditLog).where(eq(auditLog.action, "broadcast.create"));
    expect(audit).toHaveLength(1);
    await expect.poll(() => page.locator("article.broadcast").first().textContent()).toContain(text);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("previews a template version's questions as the chat shows them, and checks a file with problems without storing it", async () => {
    const def = await loadTemplateFile(IT_PLAN_FILE);
    await importTemplate(app.database.db, def, app.harness.clock.now());
    const { context, page, problems } = await app.newPage();
    await page.goto(app.launchUrl(coordinator));
    await page.getByRole("navigation").getByRole("link", { name: vi("nav-templates") }).click();
    await page.getByRole("button", { name: vi("template-show-questions") }).first().click();
    const first = page.getByTestId(`screen-${def.questions[0]!.key}`);
    await first.waitFor();
    expect(await first.textContent()).toContain(def.questions[0]!.label.vi);
    expect(await first.locator("strong").first().textContent()).toBe(def.questions[0]!.label.vi);
    await first.scrollIntoViewIfNeeded();
    await app.screenshot(page, "coordinator-templates");

    await page.locator('input[type="file"]').setInputFiles({ name: "it-plan.yaml", mimeType: "text/yaml", buffer: Buffer.from("id: it-plan\ntitle: 3\n") });
    await page.getByRole("region", { name: vi("template-import-title") }).getByRole("button", { name: vi("preview") }).click();
    const check = page.getByTestId("template-check");
    await check.waitFor();
    expect(await check.locator("li").count()).toBeGreaterThan(1);
    expect(await app.database.db.select().from(templateVersions)).toHaveLength(1);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("merges two agencies into an existing one from a date, through /reorg's code", async () => {
    const a = await addAgency(app.database.db, "commune", "Xã Gộp Một");
    const b = await addAgency(app.database.db, "commune", "Xã Gộp Hai");
    const into = await addAgency(app.database.db, "commune", "Xã Tiếp Nhận");
    const { context, page, problems } = await app.newPage();
    await page.goto(app.launchUrl(coordinator));
    await page.getByRole("navigation").getByRole("link", { name: vi("nav-agencies") }).click();
    const form = page.getByRole("form", { name: vi("agency-merge-title") });
    await form.getByRole("searchbox").fill("Xã Gộp");
    await form.getByRole("checkbox", { name: "Xã Gộp Một" }).check();
    await form.getByRole("checkbox", { name: "Xã Gộp Hai" }).check();
    await form.getByRole("combobox", { name: vi("agency-merge-successor") }).selectOption(String(into.id));
    await form.getByLabel(vi("agency-merge-date")).fill("2026-12-01");
    await form.getByRole("button", { name: vi("agency-merge-button") }).click();
    await expect.poll(() => page.getByTestId("live-status").textContent()).toContain(vi("agency-merged"));
    const links = await app.database.db.select().from(agencySuccessions).where(eq(agencySuccessions.successorId, into.id));
    expect(links.map((l) => l.predecessorId).sort()).toEqual([a.id, b.id].sort());
    expect(problems).toEqual([]);
    await context.close();
  });
});
