import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/config.ts";

/** The variables of the config schema, read from its source so that a new one cannot be forgotten. */
function schemaVariables(): string[] {
  const source = readFileSync("src/config/config.ts", "utf8");
  const schema = source.slice(source.indexOf("const envSchema = z.object({"), source.indexOf("\n});", source.indexOf("const envSchema")));
  return [...schema.matchAll(/^ {2}([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1]!);
}

function exampleEntries(): Map<string, { value: string; comment: string }> {
  const lines = readFileSync(".env.example", "utf8").split("\n");
  const entries = new Map<string, { value: string; comment: string }>();
  lines.forEach((line, i) => {
    const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (m) entries.set(m[1]!, { value: m[2]!, comment: lines[i - 1] ?? "" });
  });
  return entries;
}

describe(".env.example", () => {
  it("lists every configuration variable, each with a comment right above it", () => {
    const variables = schemaVariables();
    expect(variables).toContain("BOT_TOKEN");
    expect(variables.length).toBeGreaterThan(10);
    const entries = exampleEntries();
    for (const name of variables) {
      expect(entries.has(name), `${name} missing from .env.example`).toBe(true);
      expect(entries.get(name)!.comment.startsWith("#"), `${name} has no comment`).toBe(true);
    }
  });

  it("is a valid configuration once a token is filled in", () => {
    const env = Object.fromEntries([...exampleEntries()].map(([k, v]) => [k, v.value]));
    const config = loadConfig({ ...env, BOT_TOKEN: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ" });
    expect(config.DEFAULT_LOCALE).toBe("vi");
    expect(config.DATABASE_URL).toBeUndefined();
  });
});
