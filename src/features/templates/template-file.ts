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

/** The file names a template may have: YAML, JSON or an Excel workbook (see template-xlsx.ts). */
export const TEMPLATE_FILE_EXTENSIONS = [".yaml", ".yml", ".json", ".xlsx"] as const;

export function isTemplateFileName(name: string): boolean {
  return (TEMPLATE_FILE_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase());
}

/** Reads and validates a template definition from YAML (.yaml/.yml), JSON or Excel (.xlsx); nothing is stored here. */
export async function loadTemplateFile(path: string): Promise<TemplateDefinition> {
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (e) {
    throw new TemplateFileError(path, [`cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`]);
  }
  return parseTemplateData(path, data);
}

/** Validates the bytes of a template file, by its name's extension; throws TemplateFileError with every problem. */
export async function parseTemplateData(file: string, data: Buffer): Promise<TemplateDefinition> {
  if (extname(file).toLowerCase() !== ".xlsx") return parseTemplateText(file, data.toString("utf8"));
  // exceljs is large: loaded on first use, not at start.
  const { readTemplateWorkbook } = await import("./template-xlsx.ts");
  const problems: string[] = [];
  const raw = await readTemplateWorkbook(data, problems);
  const parsed = raw === undefined ? undefined : templateDefinitionSchema.safeParse(raw);
  if (parsed && !parsed.success) problems.push(...describeIssues(raw, parsed.error.issues));
  if (problems.length > 0 || !parsed?.success) throw new TemplateFileError(file, problems);
  return parsed.data;
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
