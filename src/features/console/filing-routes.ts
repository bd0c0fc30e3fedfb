import { Hono } from "hono";
import type { BotDeps } from "../../bot/context.ts";
import { inLocale, periodLabel } from "../../format/period-label.ts";
import { formatVnDate, localDateTime } from "../../time/calendar-date.ts";
import { previousPeriodKey } from "../calendar/period-bounds.ts";
import { applicableQuestions, fillingState, orphanedKeys, ruleBreaches } from "../reports/answer-rules.ts";
import type { AnswerInput, AnswerValue } from "../reports/answer-value.ts";
import { formatAnswer, numberFormatter } from "../reports/format-answer.ts";
import { parseAnswer } from "../reports/parse-answer.ts";
import { findPeriod, listOpenPeriods } from "../reports/periods.repository.ts";
import { reporterAgencies } from "../reports/reporter-agencies.ts";
import { agencyMustReport } from "../reports/required-agencies.ts";
import { filingRefusal } from "../reports/submission-rules.ts";
import { editorOf, ensureSubmissionId, loadFiling, officialAnswers, saveDraftAnswer, submitFiling, whyNotSaved, type NotSavedReason } from "../reports/submissions.repository.ts";
import type { Question } from "../templates/template-definition.ts";
import { getTemplateVersion } from "../templates/templates.repository.ts";
import { fail, type ConsoleContext, type ConsoleEnv, type Tr } from "./console-app.ts";
import { answerWords } from "./leader-routes.ts";

/**
 * The reporter's form: the chat's report as one page. It reads and writes the same working copy (draft_answers)
 * through the same guarded save (`saveDraftAnswer`, with the revision the page was shown at), the same parser
 * and rules, and files with the chat's `submitFiling`; so a draft begun in chat continues here and back.
 */
export function filingRoutes(deps: BotDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  const today = () => localDateTime(deps.clock.now(), deps.config.REPORT_TIMEZONE).date;

  /** The report the person asks for, only if they file for that agency today and the template requires it. */
  const openReport = async (c: ConsoleContext, agencyArg: unknown, periodArg: unknown) => {
    const t = c.get("tr");
    const person = c.get("viewer").person!;
    const agencyId = Number(agencyArg);
    if (!Number.isInteger(agencyId) || agencyId <= 0) return { error: fail(c, 400, t("console-error-invalid")) };
    const mine = (await reporterAgencies(deps.db, person.id, today())).find((r) => r.agency.id === agencyId);
    if (!mine) return { error: fail(c, 403, t("console-error-forbidden")) };
    const open = await listOpenPeriods(deps.db);
    const period = typeof periodArg === "string" && periodArg ? open.find((p) => p.periodKey === periodArg) : open[0];
    if (!period) return { error: fail(c, 404, t("console-error-no-period")) };
    const tv = await getTemplateVersion(deps.db, period.templateVersionId);
    if (!tv || !agencyMustReport(tv.definition, mine.agency)) return { error: fail(c, 403, t("console-error-forbidden")) };
    const submissionId = await ensureSubmissionId(deps.db, period.id, agencyId, deps.clock.now());
    const snap = (await loadFiling(deps.db, submissionId))!;
    return { snap, def: tv.definition, period, agency: mine.agency };
  };

  app.get("/filing/agencies", async (c) => {
    const person = c.get("viewer").person!;
    const mine = await reporterAgencies(deps.db, person.id, today());
    const open = await listOpenPeriods(deps.db);
    return c.json({
      agencies: mine.map((r) => ({ id: r.agency.id, name: r.agency.name, via: r.via })),
      periods: open.map((p) => ({ key: p.periodKey, label: periodLabel(p.periodKey, c.get("tr")), deadline: p.deadlineOn })),
    });
  });

  app.get("/filing", async (c) => {
    const r = await openReport(c, c.req.query("agency"), c.req.query("period"));
    if ("error" in r) return r.error;
    const { snap, def, period, agency } = r;
    const t = c.get("tr");
    const locale = c.get("locale");
    const words = answerWords(t);
    const asked = new Set(applicableQuestions(def, snap.answers).map((q) => q.key));
    const prevKey = def.cadence === "one-off" ? undefined : previousPeriodKey(def.cadence, period.periodKey);
    const prevPeriod = prevKey ? await findPeriod(deps.db, period.templateId, prevKey) : undefined;
    const prevSubmission = prevPeriod ? (await loadPrevious(deps, prevPeriod.id, agency.id)) : {};
    const state = fillingState(def, snap.answers);
    const refusal = filingRefusal(snap.status, { status: snap.periodStatus, deadlineOn: snap.deadlineOn, reopenedUntil: snap.reopenedUntil }, today());
    const editor = snap.editingPersonId !== null && snap.editingPersonId !== c.get("viewer").person!.id ? await editorOf(deps.db, snap.submissionId) : null;
    return c.json({
      report: {
        id: snap.submissionId,
        status: snap.status,
        revision: snap.draftRev,
        reference: snap.refNo,
        returnComment: snap.returnComment,
        title: inLocale(def.title, locale),
        agency: { id: agency.id, name: agency.name },
        period: { key: period.periodKey, label: periodLabel(period.periodKey, t), deadline: period.deadlineOn, deadlineFormatted: formatVnDate(period.deadlineOn) },
        answered: state.answered,
        total: state.total,
        complete: state.complete,
        refusal: refusal ?? null,
        editingBy: editor?.displayName ?? null,
      },
      questions: def.questions.map((q) => {
        const v = snap.answers[q.key];
        return {
          key: q.key,
          shortName: q.key,
          label: inLocale(q.label, locale),
          type: q.type,
          required: q.required !== false,
          help: q.help ? inLocale(q.help, locale) : null,
          applicable: asked.has(q.key),
          ...(q.choices ? { choices: q.choices.map((ch) => ({ value: ch.value, label: inLocale(ch.label, locale) })) } : {}),
          value: v === undefined ? null : formatAnswer(q, v, locale, words),
          raw: v === undefined ? null : editableText(q, v),
          lastPeriod: prevSubmission[q.key] === undefined ? null : formatAnswer(q, prevSubmission[q.key], locale, words),
        };
      }),
    });
  });

  app.put("/filing/answer", async (c) => {
    const t = c.get("tr");
    const body = (await c.req.json().catch(() => null)) as { agency?: unknown; period?: unknown; key?: unknown; value?: unknown; revision?: unknown; confirm?: unknown } | null;
    if (!body || typeof body.key !== "string" || typeof body.revision !== "number") return fail(c, 400, t("console-error-invalid"));
    const r = await openReport(c, body.agency, body.period);
    if ("error" in r) return r.error;
    const { snap, def } = r;
    const q = def.questions.find((x) => x.key === body.key);
    if (!q) return fail(c, 404, t("console-error-not-found"));
    if (!applicableQuestions(def, snap.answers).includes(q)) return fail(c, 422, t("console-filing-question-skipped"));
    let value: AnswerValue;
    if (body.value === null || body.value === "") {
      if (q.required !== false) return fail(c, 422, t("console-filing-required"));
      value = null;
    } else {
      const input = inputOf(q, body.value);
      if (!input) return fail(c, 422, t("console-error-invalid"));
      const parsed = parseAnswer(q, input, numberFormatter(c.get("locale")));
      if (!parsed.ok) return fail(c, 422, t(parsed.error.key, parsed.error.args));
      value = parsed.value;
    }
    const breaches = value === null ? [] : ruleBreaches(def, snap.answers, q.key, value);
    const words = answerWords(t);
    const lang = c.get("locale");
    const describe = (b: (typeof breaches)[number]) => ({
      label: b.left.label[lang],
      value: formatAnswer(b.left, b.leftValue, lang, words),
      other: b.right.label[lang],
      otherValue: formatAnswer(b.right, b.rightValue, lang, words),
    });
    const hard = breaches.find((b) => !b.confirmable);
    if (hard) return fail(c, 422, t("report-error-lte", describe(hard)));
    if (breaches[0] && body.confirm !== true) return fail(c, 422, t("report-confirm-lte", describe(breaches[0])), { confirmable: true });
    const drop = orphanedKeys(def, { ...snap.answers, [q.key]: value });
    const now = deps.clock.now();
    const attempt = { submissionId: snap.submissionId, personId: c.get("viewer").person!.id, rev: body.revision, today: today() };
    const saved = await saveDraftAnswer(deps.db, { ...attempt, key: q.key, value, drop, now });
    if (!saved) return notSaved(c, t, await whyNotSaved(deps.db, attempt));
    return c.json({ ok: true, value: formatAnswer(q, value, lang, words), revision: saved.draftRev, dropped: drop });
  });

  app.post("/filing/submit", async (c) => {
    const t = c.get("tr");
    const body = (await c.req.json().catch(() => null)) as { agency?: unknown; period?: unknown; revision?: unknown } | null;
    if (!body) return fail(c, 400, t("console-error-invalid"));
    const r = await openReport(c, body.agency, body.period);
    if ("error" in r) return r.error;
    const { snap, def } = r;
    const result = await submitFiling(deps.db, {
      submissionId: snap.submissionId,
      personId: c.get("viewer").person!.id,
      now: deps.clock.now(),
      timeZone: deps.config.REPORT_TIMEZONE,
      expectedRev: typeof body.revision === "number" ? body.revision : undefined,
    });
    if (!result.ok) {
      if (result.reason === "incomplete") {
        const state = fillingState(def, snap.answers);
        const unanswered = state.questions.filter((q) => !(q.key in snap.answers)).map((q) => q.key);
        return fail(c, 422, t("console-filing-unanswered", { count: unanswered.length }), { problems: unanswered });
      }
      return notSaved(c, t, result.reason);
    }
    if (result.unchanged) return c.json({ ok: true, reference: result.refNo, version: result.version, unchanged: true, message: t("report-submit-unchanged", { ref: result.refNo }) });
    return c.json({ ok: true, reference: result.refNo, version: result.version, onTime: result.onTime, changed: result.changed });
  });

  return app;
}

async function loadPrevious(deps: Pick<BotDeps, "db">, periodId: number, agencyId: number) {
  const { loadAnswers } = await import("../summaries/summaries.repository.ts");
  const rows = await loadAnswers(deps.db, periodId, [agencyId]);
  return Object.fromEntries(rows.map((r) => [r.key, r.value as AnswerValue])) as Record<string, AnswerValue>;
}

/** What the page sent, as the chat's parser takes it: typed text, or a choice as a button would give it. */
function inputOf(q: Question, value: unknown): AnswerInput | undefined {
  if (q.type === "attachment") return undefined;
  if (q.type === "multi-choice") return Array.isArray(value) && value.every((v) => typeof v === "string") ? { kind: "choices", values: value } : undefined;
  if (q.type === "single-choice") return typeof value === "string" ? { kind: "choice", value } : undefined;
  if (q.type === "yes-no") return typeof value === "boolean" ? { kind: "choice", value: value ? "yes" : "no" } : typeof value === "string" ? { kind: "text", text: value } : undefined;
  if (typeof value === "number") return { kind: "text", text: String(value).replace(".", ",") };
  return typeof value === "string" ? { kind: "text", text: value } : undefined;
}

/** An answer as the form's field holds it (what the parser reads back to the same value). */
function editableText(q: Question, v: AnswerValue): string | boolean | string[] | null {
  if (v === null) return null;
  if (typeof v === "number") return String(v).replace(".", ",");
  if (typeof v === "boolean" || typeof v === "string" || Array.isArray(v)) return v;
  return null;
}

function notSaved(c: ConsoleContext, t: Tr, why: NotSavedReason | "incomplete") {
  switch (why) {
    case "not-editor":
      return fail(c, 409, t("console-filing-not-saved-editor"), { reason: why });
    case "changed":
    case "behind":
      return fail(c, 409, t("console-filing-not-saved-changed"), { reason: why });
    case "no-right":
      return fail(c, 403, t("report-refused-no-right"), { reason: why });
    case "period-closed":
    case "amend-closed":
      return fail(c, 422, t(`report-refused-${why}`), { reason: why });
    default:
      return fail(c, 404, t("report-refused-missing"), { reason: why });
  }
}
