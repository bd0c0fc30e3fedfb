import { z } from "zod";

/** A label in both languages. */
export const localizedText = z.object({ vi: z.string().min(1), en: z.string().min(1) });
export type LocalizedText = z.infer<typeof localizedText>;

export const QUESTION_TYPES = [
  "integer", "decimal", "percent", "money", "yes-no", "single-choice", "multi-choice",
  "date", "short-text", "long-text", "attachment",
] as const;

export const CADENCES = ["monthly", "quarterly", "six-month", "nine-month", "annual", "one-off"] as const;
export type Cadence = (typeof CADENCES)[number];

export const AGGREGATIONS = ["sum", "avg", "minmax", "count-by-choice", "list", "none"] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

// Choice values travel in callback data (64 bytes at most), so they stay short.
const choice = z.object({ value: z.string().regex(/^[a-z0-9_-]+$/).max(32), label: localizedText });

/** Ask the question only when an earlier answer matches. */
const condition = z.object({
  key: z.string(),
  equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
  in: z.array(z.union([z.string(), z.number(), z.boolean()])).optional(),
});

/** Cross-field rule: this answer ≤ another answer; with `confirm`, the person may confirm and keep it. */
const crossRule = z.object({
  lte: z.string(),
  confirm: z.boolean().default(false),
});

export const questionSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]*$/, "key must be snake_case"),
  type: z.enum(QUESTION_TYPES),
  label: localizedText,
  help: localizedText.optional(),
  required: z.boolean().default(true),
  min: z.number().optional(),
  max: z.number().optional(),
  choices: z.array(choice).optional(),
  when: condition.optional(),
  rules: z.array(crossRule).default([]),
  aggregate: z.enum(AGGREGATIONS).default("none"),
});
export type Question = z.infer<typeof questionSchema>;

/** A share computed from two answers, e.g. online dossiers / all dossiers. */
const derivedSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]*$/),
  label: localizedText,
  numerator: z.string(),
  denominator: z.string(),
});

const agencySelector = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("all") }),
  z.object({ mode: z.literal("kinds"), kinds: z.array(z.string()).min(1) }),
  z.object({ mode: z.literal("list"), codes: z.array(z.string()).min(1) }),
]);

const deadlineRule = z.discriminatedUnion("kind", [
  // N working days after the cut-off date.
  z.object({ kind: z.literal("working-days-after-cutoff"), days: z.number().int().min(0).max(60) }),
  // A fixed day of the month following the cut-off (or of the cut-off month when that day is still ahead).
  z.object({ kind: z.literal("fixed-day"), day: z.number().int().min(1).max(31) }),
]);

const reminderRule = z.object({
  beforeWorkingDays: z.array(z.number().int().min(1).max(30)).default([2]),
  onDeadline: z.boolean().default(true),
  overdueDaily: z.boolean().default(true),
  escalateAfterWorkingDays: z.number().int().min(1).max(60).default(3),
});

const rankingRule = z.object({
  timelinessWeight: z.number().min(0).default(40),
  indicators: z
    .array(z.object({ key: z.string(), weight: z.number().min(0), direction: z.enum(["higher", "lower"]).default("higher") }))
    .default([]),
});

export const templateDefinitionSchema = z
  .object({
    // The id travels in callback data (`report:op:<id>:<period>`, 64 bytes at most), so it stays short.
    id: z
      .string()
      .max(40, "id must be at most 40 characters")
      .regex(/^[a-z0-9][a-z0-9-]*$/, "id must be lowercase letters, digits and dashes"),
    title: localizedText,
    cadence: z.enum(CADENCES),
    agencies: agencySelector.default({ mode: "all" }),
    deadline: deadlineRule.default({ kind: "working-days-after-cutoff", days: 2 }),
    reminders: reminderRule.default({ beforeWorkingDays: [2], onDeadline: true, overdueDaily: true, escalateAfterWorkingDays: 3 }),
    ranking: rankingRule.default({ timelinessWeight: 40, indicators: [] }),
    derived: z.array(derivedSchema).default([]),
    questions: z.array(questionSchema).min(1),
  })
  .superRefine((t, ctx) => {
    const seen = new Map<string, number>();
    t.questions.forEach((q, i) => {
      const issue = (message: string) => ctx.addIssue({ code: "custom", path: ["questions", i, q.key], message });
      if (seen.has(q.key)) issue(`duplicate key "${q.key}"`);
      seen.set(q.key, i);
      const choiceType = q.type === "single-choice" || q.type === "multi-choice";
      if (choiceType && !(q.choices && q.choices.length >= 2)) issue("choice questions need at least two choices");
      if (!choiceType && q.choices) issue(`choices are not allowed for type ${q.type}`);
      if (q.min !== undefined && q.max !== undefined && q.min > q.max) issue("min is greater than max");
      if (q.when) {
        const at = seen.get(q.when.key);
        if (at === undefined || at >= i) issue(`condition refers to "${q.when.key}", which is not an earlier question`);
        if (q.when.equals === undefined && q.when.in === undefined) issue("condition needs equals or in");
      }
      for (const r of q.rules) if (!t.questions.some((o) => o.key === r.lte)) issue(`rule refers to unknown question "${r.lte}"`);
    });
    t.derived.forEach((d, i) => {
      for (const k of [d.numerator, d.denominator])
        if (!seen.has(k)) ctx.addIssue({ code: "custom", path: ["derived", i, d.key], message: `unknown question "${k}"` });
    });
    t.ranking.indicators.forEach((r, i) => {
      if (!seen.has(r.key) && !t.derived.some((d) => d.key === r.key))
        ctx.addIssue({ code: "custom", path: ["ranking", "indicators", i], message: `unknown indicator "${r.key}"` });
    });
  });

export type TemplateDefinition = z.infer<typeof templateDefinitionSchema>;
