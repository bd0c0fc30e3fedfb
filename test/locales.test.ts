import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { LOCALES_DIR, SUPPORTED_LOCALES, createTranslate } from "../src/bot/i18n.ts";
import { AGENCY_KINDS } from "../src/features/agencies/agencies.table.ts";
import type { ImportProblemKind } from "../src/features/agencies/agency-import.ts";
import { allFeatures } from "../src/features/index.ts";
import { ROLES } from "../src/features/people/people.table.ts";

/** Message ids (`key = …`) and term ids (`-term = …`) of one .ftl file; continuation lines are indented. */
function ftlKeys(text: string): string[] {
  return [...text.matchAll(/^(-?[a-zA-Z][a-zA-Z0-9_-]*)[ \t]*=/gm)].map((m) => m[1]!);
}

function keysOf(locale: string): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  const dir = join(LOCALES_DIR, locale);
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ftl"))) {
    for (const key of ftlKeys(readFileSync(join(dir, file), "utf8"))) byKey.set(key, [...(byKey.get(key) ?? []), file]);
  }
  return byKey;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith(".ts") ? [p] : [];
  });
}

const SRC = join(LOCALES_DIR, "..", "src");
const keys = Object.fromEntries(SUPPORTED_LOCALES.map((l) => [l, keysOf(l)])) as Record<string, Map<string, string[]>>;

describe("locales", () => {
  it("has a file per feature in each language, with the same file names", () => {
    const files = SUPPORTED_LOCALES.map((l) => readdirSync(join(LOCALES_DIR, l)).filter((f) => f.endsWith(".ftl")).sort());
    expect(files[0]!.length).toBeGreaterThan(0);
    for (const f of files.slice(1)) expect(f).toEqual(files[0]);
  });

  it("defines exactly the same keys in vi and en, each once", () => {
    const [vi, en] = [keys.vi!, keys.en!];
    expect([...vi.keys()].filter((k) => !en.has(k)), "keys missing in en").toEqual([]);
    expect([...en.keys()].filter((k) => !vi.has(k)), "keys missing in vi").toEqual([]);
    for (const l of SUPPORTED_LOCALES) {
      const dup = [...keys[l]!.entries()].filter(([, files]) => files.length > 1).map(([k, files]) => `${k} in ${files.join(", ")}`);
      expect(dup, `keys defined twice in ${l}`).toEqual([]);
    }
  });

  it("resolves every key to a non-empty text in both languages (the files parse)", () => {
    for (const l of SUPPORTED_LOCALES) {
      const t = createTranslate(l);
      const broken = [...keys[l]!.keys()].filter((k) => !k.startsWith("-")).filter((k) => {
        try {
          const s = t(l, k);
          return !s.trim() || s === k;
        } catch (err) {
          // The message exists and parsed; it only needs arguments this check does not pass.
          return !String(err).includes("Unknown variable");
        }
      });
      expect(broken, `keys that do not resolve in ${l}`).toEqual([]);
    }
  });

  it("has every key that src/ uses literally: t(\"key\"), t(locale, \"key\"), descriptionKey: \"key\", new CliUsageError(\"key\")", () => {
    const patterns = [
      /\bt\(\s*"([a-z][a-z0-9-]*)"/g,
      /\bt\(\s*[A-Za-z_$][\w.$]*\s*,\s*"([a-z][a-z0-9-]*)"/g,
      /descriptionKey:\s*"([a-z][a-z0-9-]*)"/g,
      /\bnew CliUsageError\(\s*"([a-z][a-z0-9-]*)"/g,
    ];
    const missing: string[] = [];
    const used = new Set<string>();
    for (const file of sourceFiles(SRC)) {
      const text = readFileSync(file, "utf8");
      for (const re of patterns) {
        for (const m of text.matchAll(re)) {
          used.add(m[1]!);
          for (const l of SUPPORTED_LOCALES) if (!keys[l]!.has(m[1]!)) missing.push(`${l}: ${m[1]} (${relative(SRC, file)})`);
        }
      }
    }
    expect(missing).toEqual([]);
    // The scan must see the keys this test file knows are used, or it would pass vacuously.
    expect([...used]).toEqual(expect.arrayContaining(["access-denied", "admin-inactive-mark", "cmd-invite", "help-title", "cli-person-required"]));
  });

  it("has a key for every prefix built with a template, e.g. t(`report-refused-${reason}`)", () => {
    const missing: string[] = [];
    for (const file of sourceFiles(SRC)) {
      for (const m of readFileSync(file, "utf8").matchAll(/\bt\((?:\s*[A-Za-z_$][\w.$]*\s*,)?\s*`([a-z][a-z0-9-]*-)\$\{/g)) {
        for (const l of SUPPORTED_LOCALES) if (![...keys[l]!.keys()].some((k) => k.startsWith(m[1]!))) missing.push(`${l}: ${m[1]}… (${relative(SRC, file)})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("describes every command that a feature declares, in both languages", () => {
    const missing = allFeatures()
      .flatMap((f) => f.commands ?? [])
      .flatMap((c) => SUPPORTED_LOCALES.filter((l) => !keys[l]!.has(c.descriptionKey)).map((l) => `${l}: /${c.command} ${c.descriptionKey}`));
    expect(missing).toEqual([]);
  });

  it("has the keys that access, onboarding and admin build from data", () => {
    const problems: ImportProblemKind[] = ["csv-syntax", "missing-header", "missing-column", "empty-field", "bad-code", "unknown-kind", "duplicate-code", "unknown-parent", "cycle"];
    const needed = [
      ...ROLES.map((r) => `admin-invite-role-${r}`),
      ...["admin", "coordinator", "leader-province", "leader-agency", "reporter"].map((r) => `onboarding-role-${r}`),
      ...AGENCY_KINDS.map((k) => `agency-kind-${k}`),
      ...["unknown", "used", "expired"].map((s) => `onboarding-code-${s}`),
      ...["agencies", "people"].flatMap((w) => [`admin-${w}-title`, `admin-${w}-empty`]),
      ...SUPPORTED_LOCALES.map((l) => `help-lang-name-${l}`),
      ...problems.map((p) => `admin-cli-problem-${p}`),
    ];
    for (const l of SUPPORTED_LOCALES) expect(needed.filter((k) => !keys[l]!.has(k)), l).toEqual([]);
  });
});
