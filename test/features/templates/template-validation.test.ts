// Template files with mistakes that used to be imported anyway: each is refused, naming the file, the question
// and what is wrong, and nothing is stored.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { parse as parseYaml } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/config/clock.ts";
import type { CliContext } from "../../../src/cli/cli-command.ts";
import { cliCommands } from "../../../src/cli/commands/index.ts";
import { createTranslate } from "../../../src/bot/i18n.ts";
import type { Database } from "../../../src/db/client.ts";
import { templateDefinitionSchema } from "../../../src/features/templates/template-definition.ts";
import { parseTemplateText } from "../../../src/features/templates/template-file.ts";
import { templates } from "../../../src/features/templates/templates.table.ts";
import { testConfig } from "../../support/bot-harness.ts";
import { createTestDatabase } from "../../support/test-db.ts";
import { IT_PLAN_FILE } from "../reports/report-fixtures.ts";

const dir = mkdtempSync(join(tmpdir(), "itbot-template-validation-"));
type Raw = any;
const base = (): Raw => parseYaml(readFileSync(IT_PLAN_FILE, "utf8"));
const idx = (raw: Raw, key: string): number => raw.questions.findIndex((q: { key: string }) => q.key === key);
/** The problems the schema reports for a raw definition, formatted as the import command shows them. */
const problems = (raw: Raw): string => {
  try {
    parseTemplateText("t.json", JSON.stringify(raw));
    return "";
  } catch (e) {
    return (e as Error).message;
  }
};

describe("malformed template files are refused and change nothing", () => {
  let database: Database;
  let cli: CliContext;
  const run = (name: string, ...args: string[]) => cliCommands.find((c) => c.name === name)!.run(args, cli);

  beforeAll(async () => {
    database = await createTestDatabase();
    cli = { database, config: testConfig(), clock: new ManualClock(new Date("2026-11-16T02:00:00Z")), t: createTranslate("vi"), out: () => undefined };
  });
  afterAll(() => database.close());

  async function expectRefused(id: string, raw: Raw, pattern: RegExp) {
    const file = join(dir, `${id}.json`);
    writeFileSync(file, JSON.stringify(raw, null, 2));
    const err = await run("import-template", file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain(file);
    expect((err as Error).message).toMatch(pattern);
    expect(await database.db.select().from(templates).where(eq(templates.id, id))).toHaveLength(0);
  }

  it("a misspelt question field (requried: false) is reported, not silently dropped", async () => {
    const raw = base();
    raw.id = "typo-field";
    const q = raw.questions[idx(raw, "difficulties")];
    delete q.required;
    q.requried = false; // the operator meant "required: false"
    await expectRefused("typo-field", raw, /question "difficulties" \(#13\): unknown field "requried" \(did you mean "required"\?\)/);
  });

  it("an agency kind that does not exist (typo) is reported instead of making nobody report", async () => {
    const raw = base();
    raw.id = "typo-kind";
    raw.agencies = { mode: "kinds", kinds: ["departmnet", "district"] };
    await expectRefused("typo-kind", raw, /agencies\.kinds\.0: unknown agency kind "departmnet"/);
  });

  it("a condition on a choice value the earlier question does not offer is reported (the question would never be asked)", async () => {
    const raw = base();
    raw.id = "typo-when";
    raw.questions[idx(raw, "behind_reason")].when = { key: "project_status", equals: "behnid" };
    await expectRefused("typo-when", raw, /question "behind_reason" \(#12\): when\.equals: "behnid" is not a choice of "project_status"/);
  });

  it("a ≤ rule between a number and a text question is reported (it could never be checked)", async () => {
    const raw = base();
    raw.id = "bad-rule";
    raw.questions[idx(raw, "dossiers_online")].rules = [{ lte: "difficulties" }];
    await expectRefused("bad-rule", raw, /question "dossiers_online" \(#4\): rules\.0: .*"difficulties" is long-text/);
  });

  it("two choices with the same value in one question are reported", async () => {
    const raw = base();
    raw.id = "dup-choice";
    raw.questions[idx(raw, "leaders_use_system")].choices[2].value = "yes";
    await expectRefused("dup-choice", raw, /question "leaders_use_system" \(#2\): choices\.2\.value: duplicate choice value "yes"/);
  });

  it("a misspelt top-level field (deadlines: instead of deadline:) is reported, not replaced by the default rule", async () => {
    const raw = base();
    raw.id = "typo-top";
    delete raw.deadline;
    raw.deadlines = { kind: "fixed-day", day: 5 };
    await expectRefused("typo-top", raw, /unknown field "deadlines" \(did you mean "deadline"\?\)/);
  });

  it("the shipped template still imports", async () => {
    await run("import-template", IT_PLAN_FILE);
    expect(await database.db.select().from(templates).where(eq(templates.id, "it-plan"))).toHaveLength(1);
  });
});

describe("template cross-checks", () => {
  it("unknown fields are refused in every nested object", () => {
    const cases: Array<[(raw: Raw) => void, RegExp]> = [
      [(r) => (r.questions[1].choices[0].lable = r.questions[1].choices[0].label), /question "leaders_use_system" \(#2\): choices\.0: unknown field "lable"/],
      [(r) => (r.questions[11].when.equal = "behind"), /question "behind_reason" \(#12\): when: unknown field "equal"/],
      [(r) => (r.questions[3].rules[0].confrim = true), /question "dossiers_online" \(#4\): rules\.0: unknown field "confrim" \(did you mean "confirm"\?\)/],
      [(r) => (r.questions[0].label.fr = "x"), /question "docs_electronic_pct" \(#1\): label: unknown field "fr"/],
      [(r) => (r.agencies.codes = ["x"]), /agencies: unknown field "codes"/],
      [(r) => (r.deadline.day = 5), /deadline: unknown field "day"/],
      [(r) => (r.reminders.overdueDayly = false), /reminders: unknown field "overdueDayly" \(did you mean "overdueDaily"\?\)/],
      [(r) => (r.ranking.indicators[0].wieght = 1), /ranking\.indicators\.0: unknown field "wieght" \(did you mean "weight"\?\)/],
      [(r) => (r.ranking.timelinesWeight = 1), /ranking: unknown field "timelinesWeight"/],
      [(r) => (r.derived[0].numerater = "x"), /derived\.0: unknown field "numerater"/],
    ];
    for (const [mutate, pattern] of cases) {
      const raw = base();
      mutate(raw);
      expect(problems(raw)).toMatch(pattern);
    }
  });

  it("condition values must be answers the referenced question can give", () => {
    const raw = base();
    raw.questions[11].when = { key: "project_status", in: ["behind", "not-started"] };
    expect(problems(raw)).toMatch(/question "behind_reason" \(#12\): when\.in\.1: "not-started" is not a choice of "project_status"/);
    raw.questions[11].when = { key: "project_status", in: ["behind", "not_started"] };
    expect(problems(raw)).toBe("");
    raw.questions[11].when = { key: "online_services", equals: "many" };
    expect(problems(raw)).toMatch(/when\.equals: "many" is not a number/);
    raw.questions[11].when = { key: "online_services", equals: -1 };
    expect(problems(raw)).toMatch(/below the minimum 0/);
    raw.questions[11].when = { key: "online_services", equals: 0 };
    expect(problems(raw)).toBe("");
    raw.questions[11].when = { key: "project_status", equals: "behind", in: ["behind"] };
    expect(problems(raw)).toMatch(/not both/);
    raw.questions[11].when = { key: "project_status", in: [] };
    expect(problems(raw)).toMatch(/in needs at least one value/);

    const yesNo = (equals: unknown) =>
      templateDefinitionSchema.safeParse({
        id: "yn",
        title: { vi: "T", en: "T" },
        cadence: "monthly",
        questions: [
          { key: "q_yes", type: "yes-no", label: { vi: "a", en: "a" } },
          { key: "q_dep", type: "short-text", label: { vi: "b", en: "b" }, when: { key: "q_yes", equals } },
        ],
      });
    expect(yesNo("yes").success).toBe(true);
    expect(yesNo("no").success).toBe(true);
    expect(yesNo(true).success).toBe(true);
    expect(yesNo("co").error?.issues[0]?.message).toMatch(/"co" is not an answer to yes-no question "q_yes"/);
  });

  it("≤ rules need numbers on both sides and another question", () => {
    const raw = base();
    raw.questions[idx(raw, "difficulties")].rules = [{ lte: "dossiers_total" }];
    expect(problems(raw)).toMatch(/question "difficulties" \(#13\): rules\.0: .*"difficulties" is long-text/);
    const self = base();
    self.questions[idx(self, "dossiers_total")].rules = [{ lte: "dossiers_total" }];
    expect(problems(self)).toMatch(/question "dossiers_total" \(#5\): rules\.0: a ≤ rule needs another question/);
  });

  it("derived shares and ranking use numeric questions, with keys of their own", () => {
    const raw = base();
    raw.derived[0].numerator = "project_status";
    raw.derived[1].key = "online_services";
    raw.ranking.indicators.push({ key: "behind_reason", weight: 5 }, { key: "docs_electronic_pct", weight: 5 });
    const msg = problems(raw);
    expect(msg).toMatch(/derived\.0\.numerator: "online_dossier_share": "project_status" is single-choice/);
    expect(msg).toMatch(/derived\.1\.key: "online_services" is already a question key/);
    expect(msg).toMatch(/ranking\.indicators\.5: "behind_reason" is long-text/);
    expect(msg).toMatch(/ranking\.indicators\.6: "docs_electronic_pct" is ranked twice/);
    const dup = base();
    dup.derived[1].key = dup.derived[0].key;
    expect(problems(dup)).toMatch(/derived\.1\.key: duplicate derived key "online_dossier_share"/);
  });

  it("a stored definition (defaults filled in) parses again unchanged", () => {
    const def = templateDefinitionSchema.parse(base());
    expect(templateDefinitionSchema.parse(JSON.parse(JSON.stringify(def)))).toEqual(def);
  });
});
