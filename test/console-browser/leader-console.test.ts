// Sign-in with valid, forged and expired init data, then a province leader's dashboard and an agency page,
// at phone size in Chromium against the real server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addPerson, PEOPLE, seedSummariesFixture, type Fixture } from "../features/summaries/summaries-fixture.ts";
import { startConsoleUnderTest, type ConsoleUnderTest } from "./console-browser-fixture.ts";

describe("console in the browser: sign-in and a leader's dashboard", { timeout: 120_000 }, () => {
  let app: ConsoleUnderTest;
  let fixture: Fixture;
  const vi = (key: string) => app.harness.deps.t("vi", `console-web-${key}`);

  beforeAll(async () => {
    app = await startConsoleUnderTest({ now: new Date("2026-11-20T02:00:00Z") });
    fixture = await seedSummariesFixture(app.database.db, app.harness.clock.now());
    await addPerson(app.database.db, PEOPLE.provinceLeader, [["leader", null]]);
  });
  afterAll(() => app?.close());

  it("refuses forged and expired init data with the localized message, and signs in with Telegram's", async () => {
    const { context, page, problems } = await app.newPage();
    const forged = page.waitForResponse((r) => r.url().endsWith("/console/api/session"));
    await page.goto(app.launchUrl(PEOPLE.provinceLeader, { token: "999999:another-bot-token" }));
    expect((await forged).status()).toBe(401);
    await expect.poll(() => page.getByTestId("signin-error").textContent()).toBe(vi("signin-refused"));
    await app.screenshot(page, "signin-refused");

    const expired = page.waitForResponse((r) => r.url().endsWith("/console/api/session"));
    await page.goto(app.launchUrl(PEOPLE.provinceLeader, { authDate: new Date(app.harness.clock.now().getTime() - 3 * 3600_000) }));
    await page.reload();
    expect((await expired).status()).toBe(401);
    await expect.poll(() => page.getByTestId("signin-error").textContent()).toBe(vi("signin-refused"));

    await page.goto(app.launchUrl(PEOPLE.provinceLeader));
    await page.reload();
    await page.getByRole("navigation").getByRole("link", { name: vi("nav-dashboard") }).waitFor();
    expect(await page.locator(".who").textContent()).toBe(PEOPLE.provinceLeader.first_name);
    // The signed data is dropped from the address once used.
    expect(page.url()).not.toContain("tgWebAppData");
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === "itbot_console")).toMatchObject({ httpOnly: true, sameSite: "Strict" });
    expect(problems).toEqual([]);
    await context.close();
  });

  it("shows the period's completion, a sortable and filterable table, indicators and difficulties; opens an agency", async () => {
    const { context, page, problems } = await app.newPage();
    await page.goto(app.launchUrl(PEOPLE.provinceLeader));
    await page.getByRole("navigation").waitFor();
    await page.goto(`${app.consoleUrl}#/dashboard?period=2026-10`);

    // 2026-10: D1 on time, D2 late, H1 missing (the commune is not required).
    const completion = page.getByTestId("completion");
    await expect.poll(() => completion.textContent()).toContain("2/3");
    const rows = page.getByTestId("agency-table").locator("tbody tr");
    await expect.poll(() => rows.count()).toBe(3);
    // Sorted by status first: the missing agency leads.
    expect(await rows.first().textContent()).toContain(vi("status-missing"));
    await expect.poll(() => page.locator("#difficulties-title + ul").textContent()).toContain("Thiếu máy tính");
    await app.screenshot(page, "leader-dashboard");

    await page.getByRole("button", { name: vi("col-agency") }).click();
    expect(await page.getByTestId("agency-table").locator("th[aria-sort='ascending']").count()).toBe(1);
    await page.getByLabel(vi("filter-status")).selectOption("late");
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(vi("status-late"));
    await page.getByLabel(vi("filter-status")).selectOption("");
    await page.getByLabel(vi("filter-name")).fill("tài chính");
    await expect.poll(() => rows.count()).toBe(1);

    await rows.first().getByRole("link").click();
    await page.getByRole("heading", { level: 1, name: "Sở Tài chính" }).waitFor();
    expect(page.url()).toContain(`#/agency/${fixture.ids.d1}`);
    await expect.poll(() => page.locator("svg.chart").count()).toBeGreaterThan(0);
    expect(await page.locator("#report-title").textContent()).toContain(vi("status-on-time"));
    await app.screenshot(page, "leader-agency");
    expect(problems).toEqual([]);
    await context.close();
  });
});
