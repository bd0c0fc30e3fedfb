import { parsePeriodRef } from "./period-ref.ts";
import type { BotContext } from "../../bot/context.ts";
import { clip, ECHO_MAX_CHARS } from "../../bot/telegram-limits.ts";
import { PLAUSIBLE_YEARS } from "../calendar/period-window.ts";
import { inLocale } from "../../format/period-label.ts";
import { describeQuery, EXAMPLE_COUNT, nearestExamples } from "./question-answer-text.ts";
import { askModel, type ModelVocabulary } from "./question-llm.ts";
import type { QuestionLexicon } from "./question-lexicon.ts";
import { parseQuestion } from "./question-parse.ts";
import type { QuestionQuery } from "./question-query.ts";
import { answerQuery, exampleKeyboard, lexiconFor, OWN_AGENCY_INTENTS } from "./question-replies.ts";
import type { View } from "./summaries.replies.ts";
import { recentPeriods } from "./summaries.repository.ts";
import { canSee } from "./visibility.ts";

/**
 * A typed question, end to end: parse it (or, when the parser cannot and LLM_BASE_URL is set, ask the local
 * model), say what was and was not understood, and answer under the asker's scope. Returns false when the
 * text is not a question for this person (a reporter's chatter goes on to the other handlers).
 */
export async function answerTypedQuestion(
  ctx: BotContext,
  v: View,
  text: string,
  aggregate: boolean,
  deny: () => Promise<void>,
): Promise<boolean> {
  const replyProblem = async (problem: { kind: "bad-period" | "bad-year"; text: string }) => {
    if (problem.kind === "bad-year")
      await ctx.reply(v.t("summaries-bad-year", { text: problem.text, min: String(PLAUSIBLE_YEARS.min), max: String(PLAUSIBLE_YEARS.max) }));
    else await ctx.reply(v.t("questions-bad-period", { text: clip(problem.text, ECHO_MAX_CHARS) }));
  };
  const found = await lexiconFor(ctx, v);
  if (!found) {
    if (!aggregate) return false;
    // A period that names no period is said so even before any report exists ("năm 0026", "tháng 13").
    const period = parsePeriodRef(text, v.today);
    if (period.badYear !== undefined) await replyProblem({ kind: "bad-year", text: period.badYear });
    else if (period.badPeriod !== undefined) await replyProblem({ kind: "bad-period", text: period.badPeriod });
    else await ctx.reply(v.t("summaries-no-reports"));
    return true;
  }
  const { lex, main } = found;
  const parsed = parseQuestion(text, lex, v.today);
  if (parsed.problem) {
    if (!aggregate) return false;
    await replyProblem(parsed.problem);
    return true;
  }
  let query = parsed.query;
  let interpreted = false;
  if (!query && aggregate && ctx.deps.config.LLM_BASE_URL) {
    query = await interpret(ctx, v, text, main.templateId, lex);
    interpreted = query !== undefined;
  }
  if (!query) {
    if (!aggregate) return false;
    const words = clip(text.trim(), ECHO_MAX_CHARS);
    await ctx.reply(v.t("questions-not-understood", { words }), { reply_markup: exampleKeyboard(v, nearestExamples(text, v.t)) });
    return true;
  }
  if (!aggregate && !OWN_AGENCY_INTENTS.has(query.intent)) {
    await deny();
    return true;
  }
  const described = describeQuery(query, lex, v.locale, v.t);
  if (interpreted) await ctx.reply(v.t("questions-interpreted", { query: described }));
  else if (parsed.leftover)
    await ctx.reply(`${v.t("questions-understood", { query: described })}\n${v.t("questions-not-understood-part", { words: clip(parsed.leftover, ECHO_MAX_CHARS) })}`, {
      reply_markup: exampleKeyboard(v, nearestExamples(text, v.t)),
    });
  await answerQuery(ctx, v, query, lex, main);
  return true;
}

/** The example question behind a `questions:ex:<n>` button (the number is checked, the text re-read). */
export function exampleQuestion(v: View, n: number): string | undefined {
  return Number.isInteger(n) && n >= 1 && n <= EXAMPLE_COUNT ? v.t(`questions-example-${n}`) : undefined;
}

async function interpret(
  ctx: BotContext, v: View, text: string, templateId: string, lex: QuestionLexicon,
): Promise<QuestionQuery | undefined> {
  const config = ctx.deps.config;
  const periods = await recentPeriods(ctx.deps.db, templateId, v.today, 12);
  const vocab: ModelVocabulary = {
    today: v.today,
    indicators: [...lex.indicatorLabels].map(([key, label]) => ({ key, label: inLocale(label, v.locale) })),
    // Only the agencies the asker may see are offered; a code outside the scope is refused when run.
    agencies: v.agencies.filter((a) => a.active && canSee(v.visibility, a.id)).map((a) => ({ code: a.code, name: a.name })),
    kinds: [...lex.kindNames].map(([code, name]) => ({ code, name })),
    periods: periods.map((p) => p.periodKey),
  };
  const outcome = await askModel(
    { baseUrl: config.LLM_BASE_URL!, model: config.LLM_MODEL, ...(config.LLM_API_KEY ? { apiKey: config.LLM_API_KEY } : {}), timeoutMs: config.LLM_TIMEOUT_MS },
    text,
    vocab,
  );
  if (outcome.ok) return outcome.query;
  // The reason only: the question itself is never logged.
  ctx.log.warn({ reason: outcome.reason }, "questions: the language model's answer was not used");
  return undefined;
}
