import { z } from "zod";
import { questionQuerySchema, type QuestionQuery } from "./question-query.ts";

/**
 * The optional local language model (LLM_BASE_URL): an OpenAI-compatible /chat/completions endpoint, asked to
 * read a question the parser could not into the same structured query, with a JSON schema. Its answer is
 * validated like any input and then run under the asker's scope by the caller. Pure of Telegram; the fetch
 * function is injected. The question text is never logged.
 */
export interface ModelSettings {
  baseUrl: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
}

/** What the model is told it may name: codes and keys with their names, and the period forms. */
export interface ModelVocabulary {
  today: string;
  indicators: { key: string; label: string }[];
  agencies: { code: string; name: string }[];
  kinds: { code: string; name: string }[];
  periods: string[];
}

export type ModelOutcome =
  | { ok: true; query: QuestionQuery }
  | { ok: false; reason: "http" | "timeout" | "network" | "not-json" | "invalid" };

const QUERY_JSON_SCHEMA = z.toJSONSchema(questionQuerySchema, { target: "draft-7" });

function instructions(vocab: ModelVocabulary): string {
  return [
    "You read questions of provincial leaders (usually Vietnamese) about their agencies' periodic reports and answer ONLY with a JSON object of the given schema.",
    `Today is ${vocab.today}.`,
    "intent: summary | missing (who has not filed) | late (who filed late) | count-missing | count-late | count-filed | share-filed | share-on-time | value (one indicator's value) | compare (named agencies) | top (first N by an indicator) | ranking | trend | chart | warnings (suspicious data) | difficulties | proposals | agency (one agency's report) | agency-status (has it filed, who reports) | deadline | export.",
    'period: "latest", "current", "previous", or a key: YYYY-MM (month), YYYY-Q1..Q4, YYYY-H1/H2, YYYY-9M, YYYY.',
    "agencies: codes from the list only. indicator: a key from the list or null. kind: a kind code or null. order: highest | lowest | null. count: a number or null. format: xlsx | csv | docx | null.",
    `Indicators: ${vocab.indicators.map((i) => `${i.key} = ${i.label}`).join("; ")}`,
    `Agencies: ${vocab.agencies.map((a) => `${a.code} = ${a.name}`).join("; ")}`,
    `Kinds: ${vocab.kinds.map((k) => `${k.code} = ${k.name}`).join("; ")}`,
    `Periods with reports: ${vocab.periods.join(", ")}`,
  ].join("\n");
}

export async function askModel(
  settings: ModelSettings,
  question: string,
  vocab: ModelVocabulary,
  fetchImpl: typeof fetch = fetch,
): Promise<ModelOutcome> {
  const url = `${settings.baseUrl.replace(/\/+$/, "")}/chat/completions`;
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {}) },
      body: JSON.stringify({
        model: settings.model,
        temperature: 0,
        messages: [
          { role: "system", content: instructions(vocab) },
          { role: "user", content: question },
        ],
        response_format: { type: "json_schema", json_schema: { name: "question_query", strict: true, schema: QUERY_JSON_SCHEMA } },
      }),
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
  } catch (e) {
    return { ok: false, reason: (e as Error).name === "TimeoutError" || (e as Error).name === "AbortError" ? "timeout" : "network" };
  }
  if (!response.ok) return { ok: false, reason: "http" };
  let content: unknown;
  try {
    const body = (await response.json()) as { choices?: { message?: { content?: unknown } }[] };
    content = body.choices?.[0]?.message?.content;
    if (typeof content === "string") content = JSON.parse(content);
  } catch (e) {
    return { ok: false, reason: (e as Error).name === "TimeoutError" ? "timeout" : "not-json" };
  }
  const parsed = questionQuerySchema.safeParse(content);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const q = parsed.data;
  // Keys and codes the province does not have are not guessed at: an unknown indicator or kind is invalid;
  // unknown agency codes are kept so that the reply says which were not found.
  if (q.indicator !== null && !vocab.indicators.some((i) => i.key === q.indicator)) return { ok: false, reason: "invalid" };
  if (q.kind !== null && !vocab.kinds.some((k) => k.code === q.kind)) return { ok: false, reason: "invalid" };
  return { ok: true, query: q };
}
