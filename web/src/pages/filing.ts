// Reporters: the period's report as one form. Each answer is saved when it changes (on leaving the field, or on
// a choice) with the revision the form was shown under, checked by the same parser and rules as the chat; then
// review and submit. A draft begun in chat shows here with its answers, and one begun here continues in chat.
import { html } from "htm/preact";
import { useState } from "preact/hooks";
import { ApiError, get, post, put, query, type User } from "../api.ts";
import { announce } from "../components/announce.ts";
import { errorText, LoadState, StatusBadge } from "../components/status.ts";
import { useGet } from "../load-state.ts";
import { navigate, type Route } from "../router.ts";
import { formatNumber, t } from "../strings.ts";
import { QuestionField, type Question, type Raw } from "./filing-question.ts";

export interface Filing {
  report: {
    id: number;
    status: string;
    revision: number;
    reference: string | null;
    returnComment: string | null;
    title: string;
    agency: { id: number; name: string };
    period: { key: string; label: string; deadlineFormatted: string };
    answered: number;
    total: number;
    complete: boolean;
    refusal: string | null;
    editingBy: string | null;
  };
  questions: Question[];
}

interface FilingChoices {
  agencies: { id: number; name: string }[];
  periods: { key: string; label: string; deadline: string }[];
}

export function FilingPage({ route }: { user: User; route: Route }) {
  const choices = useGet<FilingChoices>("filing/agencies");
  const agency = route.params.get("agency") ?? String(choices.data?.agencies[0]?.id ?? "");
  const period = route.params.get("period") ?? choices.data?.periods[0]?.key ?? "";
  const filing = useGet<Filing>(agency && period ? `filing${query({ agency, period })}` : undefined);
  const c = choices.data;
  return html`<section aria-labelledby="filing-title">
    <h1 id="filing-title">${filing.data?.report.title ?? t("filing-title")}</h1>
    ${c && (c.agencies.length > 1 || c.periods.length > 1) && html`<div class="filters card">
      ${c.agencies.length > 1 && html`<label class="field"><span>${t("invite-agency")}</span>
        <select value=${agency} onChange=${(e: Event) => navigate("filing", { period, agency: (e.target as HTMLSelectElement).value })}>
          ${c.agencies.map((a) => html`<option value=${String(a.id)}>${a.name}</option>`)}
        </select></label>`}
      ${c.periods.length > 1 && html`<label class="field"><span>${t("period")}</span>
        <select value=${period} onChange=${(e: Event) => navigate("filing", { agency, period: (e.target as HTMLSelectElement).value })}>
          ${c.periods.map((p) => html`<option value=${p.key}>${p.label}</option>`)}
        </select></label>`}
    </div>`}
    ${c && c.periods.length === 0 && html`<p class="muted">${t("filing-no-period")}</p>`}
    <${LoadState} loading=${filing.loading || choices.loading} error=${filing.error ?? choices.error} />
    ${filing.data && html`<${FilingForm} key=${`${agency}/${period}/${filing.data.report.revision}`} agency=${Number(agency)} period=${period} filing=${filing.data} reload=${filing.reload} />`}
  </section>`;
}

const rawOf = (q: Question): Raw => q.raw;

function FilingForm({ agency, period, filing, reload }: { agency: number; period: string; filing: Filing; reload: () => void }) {
  const r = filing.report;
  const [values, setValues] = useState<Record<string, Raw>>(() => Object.fromEntries(filing.questions.map((q) => [q.key, rawOf(q)])));
  const [shown, setShown] = useState<Record<string, string | null>>(() => Object.fromEntries(filing.questions.map((q) => [q.key, q.value])));
  const [applicable, setApplicable] = useState<Set<string>>(() => new Set(filing.questions.filter((q) => q.applicable !== false).map((q) => q.key)));
  const [errors, setErrors] = useState<Record<string, { text: string; confirmable: boolean }>>({});
  const [revision, setRevision] = useState(r.revision);
  const [progress, setProgress] = useState({ answered: r.answered, total: r.total });
  const [stale, setStale] = useState(false);
  const [reviewing, setReviewing] = useState(false);
  const [submitProblems, setSubmitProblems] = useState<string[]>([]);
  const [reference, setReference] = useState("");
  const readOnly = r.status === "submitted" || r.refusal !== null;
  const labelOf = (key: string) => filing.questions.find((q) => q.key === key)?.label ?? key;

  /** After a save: which questions now apply (skip logic) and how many are answered, as the server counts. */
  const refresh = async () => {
    const now = await get<Filing>(`filing${query({ agency, period })}`).catch(() => undefined);
    if (!now) return;
    setApplicable(new Set(now.questions.filter((q) => q.applicable !== false).map((q) => q.key)));
    setProgress({ answered: now.report.answered, total: now.report.total });
    setRevision(now.report.revision);
  };

  const save = async (key: string, value: Raw, confirm = false) => {
    try {
      const answer = await put<{ ok: boolean; value: string | null; revision: number; dropped?: string[] }>("filing/answer", {
        agency, period, key, value, revision, ...(confirm ? { confirm: true } : {}),
      });
      setRevision(answer.revision);
      setShown((s) => ({ ...s, [key]: answer.value }));
      setErrors(({ [key]: _, ...rest }) => rest);
      for (const d of answer.dropped ?? []) setValues((v) => ({ ...v, [d]: null }));
      announce(t("answer-saved", { question: labelOf(key) }));
      await refresh();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) setStale(true);
      const confirmable = err instanceof ApiError && err.body.confirmable === true;
      setErrors((e) => ({ ...e, [key]: { text: errorText(err as Error), confirmable } }));
    }
  };

  const submit = async () => {
    setSubmitProblems([]);
    try {
      const answer = await post<{ ok: boolean; reference: string; message?: string }>("filing/submit", { agency, period, revision });
      setReference(answer.reference);
      announce(t("filing-submitted", { reference: answer.reference }));
    } catch (err) {
      const keys = err instanceof ApiError && Array.isArray(err.body.problems) ? (err.body.problems as string[]) : [];
      setSubmitProblems([errorText(err as Error), ...keys.map(labelOf)]);
    }
  };

  if (reference)
    return html`<div class="card"><p class="big">${t("filing-submitted", { reference })}</p><p>${t("filing-continue-chat")}</p></div>`;
  const questions = filing.questions.filter((q) => applicable.has(q.key));
  return html`<div>
    <p class="muted">${r.agency.name} · ${r.period.label} · ${t("deadline")}: ${r.period.deadlineFormatted}</p>
    <p>${t("filing-status")}: <${StatusBadge} status=${r.status} />${r.reference ? ` · ${r.reference}` : ""}
      · ${t("filing-progress", { answered: formatNumber(progress.answered), total: formatNumber(progress.total) })}</p>
    ${r.returnComment && html`<p class="card error">${t("filing-returned")}: ${r.returnComment}</p>`}
    ${r.refusal && html`<p class="error" role="alert">${t("filing-read-only")}</p>`}
    ${r.editingBy && html`<p class="muted">${t("filing-editing-by", { name: r.editingBy })}</p>`}
    ${!readOnly && html`<p class="muted">${t("filing-autosave")}</p>`}
    ${stale && html`<p class="error" role="alert">${t("filing-stale")} <button type="button" class="secondary" onClick=${reload}>${t("reload")}</button></p>`}
    <form class="filing" onSubmit=${(e: Event) => (e.preventDefault(), setReviewing(true))} novalidate>
      ${questions.map((q, i) => html`<${QuestionField} key=${q.key} index=${i + 1} q=${q} value=${values[q.key] ?? null} error=${errors[q.key]}
        readOnly=${readOnly}
        onInput=${(v: Raw) => setValues((s) => ({ ...s, [q.key]: v }))}
        onCommit=${(v: Raw) => void save(q.key, v)}
        onConfirm=${() => void save(q.key, values[q.key] ?? null, true)} />`)}
      ${!readOnly && html`<button type="submit">${t("filing-review")}</button>`}
    </form>
    ${reviewing && html`<section class="card review" aria-labelledby="review-title" tabindex="-1" ref=${(el: HTMLElement | null) => el?.focus()}>
      <h2 id="review-title">${t("filing-review")}</h2>
      <dl class="answers">${questions.map((q) => html`<div><dt>${q.label}</dt><dd>${shown[q.key] ?? "–"}</dd></div>`)}</dl>
      <button type="button" onClick=${() => void submit()}>${t("filing-submit")}</button>
      ${submitProblems.length > 0 && html`<ul class="error" role="alert">${submitProblems.map((s) => html`<li>${s}</li>`)}</ul>`}
    </section>`}
  </div>`;
}
