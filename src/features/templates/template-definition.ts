import { z } from "zod";
import { checkText } from "../../bot/user-text.ts";
import { KIND_CODE_PATTERN } from "../agencies/agency-kinds.ts";
import { nearest } from "./nearest-name.ts";

/**
 * Every object in a template is strict: a misspelt field (`requried: false`, `deadlines:`) is refused and named,
 * instead of being dropped silently and replaced by a default.
 */
function strictObject<T extends z.core.$ZodLooseShape>(shape: T) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (iss) => (iss.code === "unrecognized_keys" ? unknownFields(iss.keys, known) : undefined),
  });
}

function unknownFields(keys: readonly string[], known: readonly string[]): string {
  const named = keys.map((k) => {
    const near = nearest(k, known);
    return near ? `"${k}" (did you mean "${near}"?)` : `"${k}"`;
  });
  return `unknown field${keys.length > 1 ? "s" : ""} ${named.join(", ")}; allowed: ${known.join(", ")}`;
}

/**
 * Limits that keep every screen a template makes within Telegram's (4,096 characters a message, 100 buttons a
 * keyboard): a question screen is its label, its help, a hint and the current answer; a choice question has one
 * button per choice plus at most three; the review has one ✏️ button per question plus two.
 */
export const TEMPLATE_LIMITS = {
  titleChars: 200,
  labelChars: 500,
  helpChars: 1_000,
  choiceLabelChars: 100,
  choices: 50,
  questions: 80,
} as const;

/** Text shown in chat: no control characters (a NUL cannot even be stored), not blank, at most `max` characters. */
function shownText(max: number) {
  return z.string().superRefine((text, ctx) => {
    const checked = checkText(text, { max });
    if (checked.ok) return;
    const message =
      checked.problem === "characters"
        ? `contains a control character (${checked.character}) that cannot be stored or shown`
        : checked.problem === "empty"
          ? "is empty (or only spaces and invisible characters)"
          : `is ${checked.length} characters long; at most ${checked.max}`;
    ctx.addIssue({ code: "custom", message });
  });
}

/** A text in both languages, at most `max` characters in each. */
function localized(max: number) {
  return strictObject({ vi: shownText(max), en: shownText(max) });
}

/** A label in both languages. */
export const localizedText = localized(TEMPLATE_LIMITS.labelChars);
export type LocalizedText = z.infer<typeof localizedText>;

export const QUESTION_TYPES = [
  "integer", "decimal", "percent", "money", "yes-no", "single-choice", "multi-choice",
  "date", "short-text", "long-text", "attachment",
] as const;

/** Types whose answers are numbers: the only ones a ≤ rule, a derived share or the ranking can use. */
export const NUMERIC_QUESTION_TYPES: ReadonlySet<(typeof QUESTION_TYPES)[number]> = new Set(["integer", "decimal", "percent", "money"]);

export const CADENCES = ["monthly", "quarterly", "six-month", "nine-month", "annual", "one-off"] as const;
export type Cadence = (typeof CADENCES)[number];

export const AGGREGATIONS = ["sum", "avg", "minmax", "count-by-choice", "list", "none"] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

/**
 * How one agency's monthly answers combine into a longer period (a quarter, half-year or year of a monthly
 * template): `sum` for a flow counted in the period (dossiers received), `last` for a stock or a figure "to
 * date" (services provided, budget disbursed so far), `avg` for a level (a percentage). Derived shares are
 * never combined themselves: they are recomputed from their combined numerator and denominator.
 */
export const COMBINATIONS = ["sum", "last", "avg"] as const;
export type Combination = (typeof COMBINATIONS)[number];

/**
 * A numeric question's combination: as declared, else `avg` for a percent and `last` for the others, because
 * the latest value never reports more than was filed (summing a stock would triple a quarter).
 */
export function combinationOf(q: Pick<Question, "type" | "combine">): Combination {
  return q.combine ?? (q.type === "percent" ? "avg" : "last");
}

// Choice values travel in callback data (64 bytes at most), so they stay short.
const choice = strictObject({ value: z.string().regex(/^[a-z0-9_-]+$/).max(32), label: localized(TEMPLATE_LIMITS.choiceLabelChars) });

/** Ask the question only when an earlier answer matches. */
const conditionValue = z.union([z.string(), z.number(), z.boolean()]);
const condition = strictObject({
  key: z.string(),
  equals: conditionValue.optional(),
  in: z.array(conditionValue).min(1, "in needs at least one value").optional(),
});

/** Cross-field rule: this answer ≤ another answer; with `confirm`, the person may confirm and keep it. */
const crossRule = strictObject({
  lte: z.string(),
  confirm: z.boolean().default(false),
});

export const questionSchema = strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]*$/, "key must be snake_case"),
  type: z.enum(QUESTION_TYPES),
  label: localizedText,
  help: localized(TEMPLATE_LIMITS.helpChars).optional(),
  required: z.boolean().default(true),
  min: z.number().optional(),
  max: z.number().optional(),
  choices: z.array(choice).max(TEMPLATE_LIMITS.choices, `at most ${TEMPLATE_LIMITS.choices} choices (one button each)`).optional(),
  when: condition.optional(),
  rules: z.array(crossRule).default([]),
  aggregate: z.enum(AGGREGATIONS).default("none"),
  combine: z.enum(COMBINATIONS).optional(),
  /** Other words leaders use for this question ("giải ngân", "DVCTT"), for plain-language questions. */
  synonyms: z.array(shownText(TEMPLATE_LIMITS.choiceLabelChars)).max(20).optional(),
});
export type Question = z.infer<typeof questionSchema>;

/** A share computed from two answers, e.g. online dossiers / all dossiers. */
const derivedSchema = strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]*$/),
  label: localizedText,
  numerator: z.string(),
  denominator: z.string(),
  synonyms: z.array(shownText(TEMPLATE_LIMITS.choiceLabelChars)).max(20).optional(),
});

// A kind code; whether the province has it is checked against the stored kinds at import (unknownKindProblems):
// a typo would otherwise make nobody report.
const agencyKind = z.string().regex(KIND_CODE_PATTERN, { error: (iss) => `bad agency kind ${JSON.stringify(iss.input)}: lower-case letters, digits, - and _` });

const agencySelector = z.discriminatedUnion("mode", [
  strictObject({ mode: z.literal("all") }),
  strictObject({ mode: z.literal("kinds"), kinds: z.array(agencyKind).min(1) }),
  strictObject({ mode: z.literal("list"), codes: z.array(z.string()).min(1) }),
]);

const deadlineRule = z.discriminatedUnion("kind", [
  // N working days after the cut-off date.
  strictObject({ kind: z.literal("working-days-after-cutoff"), days: z.number().int().min(0).max(60) }),
  // A fixed day of the month following the cut-off (or of the cut-off month when that day is still ahead).
  strictObject({ kind: z.literal("fixed-day"), day: z.number().int().min(1).max(31) }),
]);

const reminderRule = strictObject({
  beforeWorkingDays: z.array(z.number().int().min(1).max(30)).default([2]),
  onDeadline: z.boolean().default(true),
  overdueDaily: z.boolean().default(true),
  escalateAfterWorkingDays: z.number().int().min(1).max(60).default(3),
});

const rankingRule = strictObject({
  timelinessWeight: z.number().min(0).default(40),
  indicators: z
    .array(strictObject({ key: z.string(), weight: z.number().min(0), direction: z.enum(["higher", "lower"]).default("higher") }))
    .default([]),
});

export const templateDefinitionSchema = strictObject({
  // The id travels in callback data (`report:op:<id>:<period>`, 64 bytes at most), so it stays short.
  id: z
    .string()
    .max(40, "id must be at most 40 characters")
    .regex(/^[a-z0-9][a-z0-9-]*$/, "id must be lowercase letters, digits and dashes"),
  title: localized(TEMPLATE_LIMITS.titleChars),
  cadence: z.enum(CADENCES),
  agencies: agencySelector.default({ mode: "all" }),
  deadline: deadlineRule.default({ kind: "working-days-after-cutoff", days: 2 }),
  reminders: reminderRule.default({ beforeWorkingDays: [2], onDeadline: true, overdueDaily: true, escalateAfterWorkingDays: 3 }),
  ranking: rankingRule.default({ timelinessWeight: 40, indicators: [] }),
  derived: z.array(derivedSchema).default([]),
  questions: z
    .array(questionSchema)
    .min(1)
    .max(TEMPLATE_LIMITS.questions, `at most ${TEMPLATE_LIMITS.questions} questions (the review has one button per question)`),
}).superRefine((t, ctx) => {
  const add = (path: PropertyKey[], message: string) => ctx.addIssue({ code: "custom", path, message });
  const byKey = new Map<string, Question>();
  for (const q of t.questions) if (!byKey.has(q.key)) byKey.set(q.key, q);
  const numeric = (q: Question) => NUMERIC_QUESTION_TYPES.has(q.type);

  const seen = new Map<string, number>();
  t.questions.forEach((q, i) => {
    const at = (...rest: PropertyKey[]) => ["questions", i, ...(rest.length ? rest : [q.key])];
    const issue = (message: string) => add(at(), message);
    if (seen.has(q.key)) issue(`duplicate key "${q.key}"`);
    seen.set(q.key, i);
    const choiceType = q.type === "single-choice" || q.type === "multi-choice";
    if (choiceType && !(q.choices && q.choices.length >= 2)) issue("choice questions need at least two choices");
    if (!choiceType && q.choices) issue(`choices are not allowed for type ${q.type}`);
    const values = new Set<string>();
    q.choices?.forEach((c, j) => {
      if (values.has(c.value)) add(at("choices", j, "value"), `duplicate choice value "${c.value}"`);
      values.add(c.value);
    });
    if (q.min !== undefined && q.max !== undefined && q.min > q.max) issue("min is greater than max");
    if (q.combine !== undefined && !numeric(q)) add(at("combine"), `combine applies to numeric questions; "${q.key}" is ${q.type}`);

    if (q.when) {
      const w = q.when;
      const ref = seen.get(w.key);
      if (ref === undefined || ref >= i) issue(`condition refers to "${w.key}", which is not an earlier question`);
      if (w.equals === undefined && w.in === undefined) issue("condition needs equals or in");
      else if (w.equals !== undefined && w.in !== undefined) issue("condition takes equals or in, not both");
      else if (ref !== undefined && ref < i) {
        const target = t.questions[ref]!;
        if (target.type === "attachment") add(at("when", "key"), `"${w.key}" is an attachment question; a condition cannot test it`);
        else {
          const checks: Array<[PropertyKey[], string | number | boolean]> =
            w.equals !== undefined ? [[at("when", "equals"), w.equals]] : w.in!.map((v, j) => [at("when", "in", j), v]);
          for (const [path, v] of checks) {
            const problem = conditionValueProblem(target, v);
            if (problem) add(path, problem);
          }
        }
      }
    }

    q.rules.forEach((r, j) => {
      const other = byKey.get(r.lte);
      if (!other) return add(at("rules", j), `rule refers to unknown question "${r.lte}"`);
      if (other.key === q.key) return add(at("rules", j), "a ≤ rule needs another question, not this one");
      const wrong = [q, other].filter((x) => !numeric(x));
      if (wrong.length)
        add(at("rules", j), `a ≤ rule compares numbers, but ${wrong.map((x) => `"${x.key}" is ${x.type}`).join(" and ")} (lte: "${r.lte}")`);
    });
  });

  const derivedKeys = new Set<string>();
  t.derived.forEach((d, i) => {
    if (byKey.has(d.key)) add(["derived", i, "key"], `"${d.key}" is already a question key`);
    if (derivedKeys.has(d.key)) add(["derived", i, "key"], `duplicate derived key "${d.key}"`);
    derivedKeys.add(d.key);
    for (const side of ["numerator", "denominator"] as const) {
      const q = byKey.get(d[side]);
      if (!q) add(["derived", i, side], `"${d.key}": unknown question "${d[side]}"`);
      else if (!numeric(q)) add(["derived", i, side], `"${d.key}": "${q.key}" is ${q.type}; a derived share needs numeric questions`);
    }
  });

  const ranked = new Set<string>();
  t.ranking.indicators.forEach((r, i) => {
    const path = ["ranking", "indicators", i];
    if (ranked.has(r.key)) add(path, `"${r.key}" is ranked twice`);
    ranked.add(r.key);
    const q = byKey.get(r.key);
    if (q && !numeric(q)) add(path, `"${r.key}" is ${q.type}; only numeric questions and derived shares can be ranked`);
    else if (!q && !derivedKeys.has(r.key)) add(path, `unknown indicator "${r.key}"`);
  });
});

/** Why a `when` value can never match an answer of `target`, or undefined when it can. */
function conditionValueProblem(target: Question, v: string | number | boolean): string | undefined {
  const shown = JSON.stringify(v);
  switch (target.type) {
    case "single-choice":
    case "multi-choice": {
      const values = (target.choices ?? []).map((c) => c.value);
      if (values.length === 0 || (typeof v === "string" && values.includes(v))) return undefined;
      return `${shown} is not a choice of "${target.key}" (${values.join(", ")})`;
    }
    case "yes-no":
      return v === "yes" || v === "no" || typeof v === "boolean" ? undefined : `${shown} is not an answer to yes-no question "${target.key}" (use yes or no)`;
    case "integer":
    case "decimal":
    case "percent":
    case "money": {
      if (typeof v !== "number") return `${shown} is not a number, and "${target.key}" is ${target.type}`;
      if ((target.type === "integer" || target.type === "money") && !Number.isInteger(v)) return `${shown} is not a whole number, and "${target.key}" is ${target.type}`;
      if (target.min !== undefined && v < target.min) return `${shown} is below the minimum ${target.min} of "${target.key}"`;
      if (target.max !== undefined && v > target.max) return `${shown} is above the maximum ${target.max} of "${target.key}"`;
      return undefined;
    }
    case "date":
      return typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? undefined : `${shown} is not a date (YYYY-MM-DD) for "${target.key}"`;
    case "short-text":
    case "long-text":
      return typeof v === "string" ? undefined : `${shown} is not text, and "${target.key}" is ${target.type}`;
    case "attachment":
      return `"${target.key}" is an attachment question; a condition cannot test it`;
  }
}

export type TemplateDefinition = z.infer<typeof templateDefinitionSchema>;
