// A reporter files in the one-page form (each answer saved on change, errors per question, the same rules as
// the chat), then goes on in chat where the form stopped, and the form shows what was answered in chat.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAgency, addPerson, itPlanPeriod, label } from "../features/reports/report-fixtures.ts";
import type { TestUser } from "../support/updates.ts";
import { startConsoleUnderTest, type ConsoleUnderTest } from "./console-browser-fixture.ts";

describe("console in the browser: a reporter's form, continued in chat", { timeout: 120_000 }, () => {
  let app: ConsoleUnderTest;
  let reporter: TestUser;
  const vi = (key: string, args?: Record<string, string | number>) => app.harness.deps.t("vi", key, args);

  beforeAll(async () => {
    // 16/11/2026 09:00 local: the 2026-11 period is open, before its deadline.
    app = await startConsoleUnderTest({ now: new Date("2026-11-16T02:00:00Z") });
    await itPlanPeriod(app.database.db, "2026-11", app.harness.clock.now());
    const agency = await addAgency(app.database.db, "department", "Sở Thử nghiệm Biểu mẫu");
    reporter = (await addPerson(app.database.db, "Nguyễn Thị Biểu", [["reporter", agency.id]])).user;
  });
  afterAll(() => app?.close());

  it("saves answers as they are typed, shows a refused answer at its question, and the chat continues the draft", async () => {
    const { context, page, problems } = await app.newPage();
    await page.goto(app.launchUrl(reporter));
    await page.getByRole("navigation").getByRole("link", { name: vi("console-web-nav-filing") }).click();

    const first = page.getByTestId("question-docs_electronic_pct");
    const input = first.getByRole("textbox");
    await input.fill("120");
    await input.blur();
    // The chat's own rule and words, shown at the question.
    await expect.poll(() => first.locator(".error").textContent()).toBe("Vui lòng nhập số từ 0 đến 100.");
    expect(await input.getAttribute("aria-invalid")).toBe("true");
    await app.screenshot(page, "reporter-form-error");

    await input.fill("85,5");
    await input.blur();
    await expect.poll(() => first.locator(".error").count()).toBe(0);
    await page.getByTestId("question-leaders_use_system").getByRole("radio").first().check();
    const services = page.getByTestId("question-online_services").getByRole("textbox");
    await services.fill("12");
    await services.blur();
    await expect.poll(() => page.getByTestId("live-status").textContent()).toContain(label("online_services").slice(0, 5));
    await app.screenshot(page, "reporter-form");

    // In chat, /report resumes the same draft at the first question the form left unanswered.
    await app.harness.send(reporter, "/report");
    const chat = app.harness.api.textsTo(reporter.id).join("\n");
    expect(chat).toContain(vi("report-resume", { answered: 3, total: 14 }).split(":")[0]!);
    expect(app.harness.api.textsTo(reporter.id).at(-1)).toContain(label("dossiers_online"));
    await app.harness.send(reporter, "100");

    // … and the form shows the answer given in chat.
    await page.reload();
    await expect.poll(() => page.getByTestId("question-dossiers_online").getByRole("textbox").inputValue()).toBe("100");
    expect(await page.getByTestId("question-docs_electronic_pct").getByRole("textbox").inputValue()).toMatch(/^85,5/);
    expect(problems).toEqual([]);
    await context.close();
  });
});
