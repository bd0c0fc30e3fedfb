import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { templateDefinitionSchema, type TemplateDefinition } from "./template-definition.ts";

/** A template file that cannot be used; the message names the file, the question and what is wrong. */
export class TemplateFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: invalid template\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** Reads and validates a template definition from YAML (.yaml/.yml) or JSON; nothing is stored here. */
export async function loadTemplateFile(path: string): Promise<TemplateDefinition> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    throw new TemplateFileError(path, [`cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`]);
  }
  return parseTemplateText(path, text);
}

export function parseTemplateText(file: string, text: string): TemplateDefinition {
  let raw: unknown;
  try {
    raw = extname(file).toLowerCase() === ".json" ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new TemplateFileError(file, [`not valid ${extname(file).toLowerCase() === ".json" ? "JSON" : "YAML"}: ${(e as Error).message.split("\n")[0]}`]);
  }
  const parsed = templateDefinitionSchema.safeParse(raw);
  if (!parsed.success) throw new TemplateFileError(file, describeIssues(raw, parsed.error.issues));
  return parsed.data;
}

/** `question "dossiers_online" (#4): min: expected number` rather than a bare path. */
export function describeIssues(raw: unknown, issues: z.core.$ZodIssue[]): string[] {
  const questions = (raw as { questions?: unknown })?.questions;
  return issues.map((issue) => {
    const path = [...issue.path];
    if (path[0] === "questions" && typeof path[1] === "number") {
      const i = path[1];
      const key = Array.isArray(questions) ? (questions[i] as { key?: unknown } | undefined)?.key : undefined;
      const rest = path.slice(2).filter((p) => p !== key);
      const where = typeof key === "string" ? `question "${key}" (#${i + 1})` : `question #${i + 1}`;
      return `${where}: ${rest.length ? `${rest.join(".")}: ` : ""}${issue.message}`;
    }
    return `${path.length ? `${path.join(".")}: ` : ""}${issue.message}`;
  });
}
