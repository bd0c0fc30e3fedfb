import { describe, expect, it } from "vitest";
import { createTranslate } from "../../src/bot/i18n.ts";
import { cliCommands } from "../../src/cli/commands/index.ts";
import { runEntry } from "../support/child-process.ts";

/** The CLI speaks one language, DEFAULT_LOCALE, as the bot's default. */
describe("the operator CLI's language", () => {
  const t = createTranslate("vi");

  it("has a usage line and a summary for every command in both languages", () => {
    for (const locale of ["vi", "en"])
      for (const c of cliCommands)
        for (const part of ["usage", "summary"]) {
          const key = `cli-${c.name}-${part}`;
          expect(t(locale, key), `${locale} ${key}`).not.toBe(key);
          if (part === "usage") expect(t(locale, key).startsWith(c.name), key).toBe(true);
        }
    expect(t("vi", "cli-invite-summary")).not.toBe(t("en", "cli-invite-summary"));
  });

  it("prints its help and refusals in DEFAULT_LOCALE", { timeout: 120_000 }, async () => {
    for (const [locale, usage, unknown] of [
      ["en", "Usage: npm run cli", "Unknown command: nope"],
      ["vi", "Cách dùng: npm run cli", "Không có lệnh nope."],
    ] as const) {
      const run = runEntry("src/cli/main.ts", ["nope"], { DEFAULT_LOCALE: locale, DATA_DIR: "memory://" });
      expect(await run.exited).toBe(2);
      expect(run.output()).toContain(unknown);
      expect(run.output()).toContain(usage);
      for (const c of cliCommands) expect(run.output()).toContain(t(locale, `cli-${c.name}-summary`));
    }
  });
});
