// Reporters: the period's report as one form. Each answer is saved when it changes (on blur or choice) with the
// revision the form was shown under, checked by the same rules as the chat; review, then submit. A draft begun
// in chat shows here with its answers, and one begun here continues in chat.
import { html } from "htm/preact";
import { useEffect, useState } from "preact/hooks";
import { ApiError, post, put, query, type User } from "../api.ts";
import { announce } from "../components/announce.ts";
import { PeriodPicker } from "../components/period-picker.ts";
import { errorText, LoadState, StatusBadge } from "../components/status.ts";
import { useGet } from "../load-state.ts";
import { navigate, type Route } from "../router.ts";
import { t } from "../strings.ts";
import { usePeriodParam } from "./dashboard.ts";

interface Question {
  key: string;
  shortName: string;
  label: string;
  type: string;
  required: boolean;
  help: string | null;
  choices?: { value: string; label: string }[];
  value: string | null;
  lastPeriod: string | null;
}

interface Filing {
  report: { id: number; status: string; revision: number };
  questions: Question[];
}

export function FilingPage({ user, route }: { user: User; route: Route }) {
  const [period, periods] = usePeriodParam(route);
  const agency = route.params.get("agency") ?? String(user.agencies[0]?.id ?? "");
  const filing = useGet<Filing>(period && agency ? `filing${query({ agency, period })}` : undefined);
  const open = periods.data?.periods.filter((p) => p.status === "open");
  return html`<section aria-labelledby="filing-title">
    <div class="page-head">
      <h1 id="filing-title">${t("filing-title")}</h1>
      <${PeriodPicker} periods=${open ? { periods: open, current: periods.data!.current } : undefined} value=${period}
        onChange=${(p: string) => navigate("filing", { agency, period: p })} />
    </div>
    ${user.agencies.length > 1 && html`<label class="field inline"><span>${t("invite-agency")}</span>
      <select value=${agency} onChange=${(e: Event) => navigate("filing", { period, agency: (e.target as HTMLSelectElement).value })}>
        ${user.agencies.map((a) => html`<option value=${String(a.id)}>${a.name}</option>`)}
      </select></label>`}
    <${LoadState} loading=${filing.loading || periods.loading} error=${filing.error ?? periods.error} />
    ${filing.data && html`<${FilingForm} key=${`${agency}/${period}`} agency=${Number(agency)} period=${period} filing=${filing.data} reload=${filing.reload} />`}
  </section>`;
}

function FilingForm({ agency, period, filing, reload }: { agency: number; period: string; filing: Filing; reload: () => void }) {
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(filing.questions.map((q) => [q.key, q.value ?? ""])));
  const [saved, setSaved] = useState<Record<string, string>>(() => Object.fromEntries(filing.questions.map((q) => [q.key, q.value ?? ""])));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [revision, setRevision] = useState(filing.report.revision);
  const [stale, setStale] = useState(false);
  const [submitError, setSubmitError] = useState<string[]>([]);
  const [reference, setReference] = useState("");
  const [reviewing, setReviewing] = useState(false);
  useEffect(() => setRevision(filing.report.revision), [filing.report.revision]);
  const submitted = filing.report.status === "on-time" || filing.report.status === "late" || filing.report.status === "submitted";

  const save = async (key: string, value: string) => {
    if (value === saved[key]) return;
    try {
      const answer = await put<{ ok: boolean; value: string | null; revision: number }>("filing/answer", { agency, period, key, value, revision });
      setRevision(answer.revision);
      setSaved((s) => ({ ...s, [key]: answer.value ?? "" }));
      setValues((v) => ({ ...v, [key]: answer.value ?? "" }));
      setErrors(({ [key]: _, ...rest }) => rest);
      announce(t("answer-saved", { question: filing.questions.find((q) => q.key === key)?.shortName ?? key }));
    } catch (err) {
      // 409: the report changed elsewhere (in chat) since this form was shown.
      if (err instanceof ApiError && err.status === 409) setStale(true);
      setErrors((e) => ({ ...e, [key]: errorText(err as Error) }));
    }
  };
  const submit = async () => {
    setSubmitError([]);
    try {
      const answer = await post<{ ok: boolean; reference: string }>("filing/submit", { agency, period, revision });
      setReference(answer.reference);
      announce(t("filing-submitted", { reference: answer.reference }));
    } catch (err) {
      const problems = err instanceof ApiError && Array.isArray(err.body.problems) ? (err.body.problems as unknown[]).map(problemText) : [];
      setSubmitError(problems.length ? problems : [errorText(err as Error)]);
    }
  };
  if (reference)
    return html`<div class="card" role="status"><p class="big">${t("filing-submitted", { reference })}</p><p>${t("filing-continue-chat")}</p></div>`;
  const missing = filing.questions.filter((q) => q.required && !values[q.key]?.trim());
  return html`<div>
    <p class="muted">${t("filing-status")}: <${StatusBadge} status=${filing.report.status} /> · ${t("filing-autosave")}</p>
    ${stale && html`<p class="error" role="alert">${t("filing-stale")} <button type="button" class="secondary" onClick=${reload}>${t("reload")}</button></p>`}
    <form class="filing" onSubmit=${(e: Event) => (e.preventDefault(), setReviewing(true))} novalidate>
      ${filing.questions.map((q, i) => html`<${QuestionField} key=${q.key} index=${i + 1} q=${q} value=${values[q.key] ?? ""} error=${errors[q.key]}
        readOnly=${submitted}
        onInput=${(v: string) => setValues((s) => ({ ...s, [q.key]: v }))}
        onCommit=${(v: string) => void save(q.key, v)} />`)}
      ${!submitted && html`<button type="submit">${t("filing-review")}</button>`}
    </form>
    ${reviewing && html`<section class="card review" aria-labelledby="review-title" tabindex="-1" ref=${(el: HTMLElement | null) => el?.focus()}>
      <h2 id="review-title">${t("filing-review")}</h2>
      <dl class="answers">${filing.questions.map((q) => html`<div><dt>${q.shortName || q.label}</dt><dd>${saved[q.key] || "–"}</dd></div>`)}</dl>
      ${missing.length > 0 && html`<p class="error">${t("filing-missing", { n: missing.length })}</p>`}
      <button type="button" onClick=${() => void submit()}>${t("filing-submit")}</button>
      ${submitError.length > 0 && html`<ul class="error" role="alert">${submitError.map((s) => html`<li>${s}</li>`)}</ul>`}
    </section>`}
  </div>`;
}

function problemText(p: unknown): string {
  if (typeof p === "string") return p;
  const o = p as { text?: string; message?: string; label?: string };
  return o.text ?? o.message ?? o.label ?? "";
}

interface FieldProps {
  index: number;
  q: Question;
  value: string;
  error: string | undefined;
  readOnly: boolean;
  onInput: (v: string) => void;
  onCommit: (v: string) => void;
}

function QuestionField({ index, q, value, error, readOnly, onInput, onCommit }: FieldProps) {
  const id = `q-${q.key}`;
  const described = [q.help ? `${id}-help` : "", q.lastPeriod !== null ? `${id}-last` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  const common = { id, "aria-describedby": described, "aria-invalid": error ? "true" : undefined, "aria-required": q.required ? "true" : undefined, disabled: readOnly };
  const text = (e: Event) => (e.target as HTMLInputElement).value;
  let control;
  if (q.type === "single-choice" || q.type === "yes-no") {
    const choices = q.choices ?? [{ value: "yes", label: t("yes") }, { value: "no", label: t("no") }];
    control = html`<div role="radiogroup" aria-labelledby=${`${id}-label`} aria-describedby=${described}>
      ${choices.map((c) => html`<label class="choice"><input type="radio" name=${id} value=${c.value} checked=${value === c.value} disabled=${readOnly}
        onChange=${() => (onInput(c.value), onCommit(c.value))} /> ${c.label}</label>`)}
    </div>`;
  } else if (q.type === "multi-choice") {
    const chosen = value ? value.split(",").map((s) => s.trim()) : [];
    const flip = (v: string, on: boolean) => {
      const next = (on ? [...chosen, v] : chosen.filter((c) => c !== v)).join(", ");
      onInput(next);
      onCommit(next);
    };
    control = html`<div role="group" aria-labelledby=${`${id}-label`} aria-describedby=${described}>
      ${(q.choices ?? []).map((c) => html`<label class="choice"><input type="checkbox" value=${c.value} checked=${chosen.includes(c.value)} disabled=${readOnly}
        onChange=${(e: Event) => flip(c.value, (e.target as HTMLInputElement).checked)} /> ${c.label}</label>`)}
    </div>`;
  } else if (q.type === "long-text") {
    control = html`<textarea ...${common} rows="4" value=${value} onInput=${(e: Event) => onInput(text(e))} onBlur=${(e: Event) => onCommit(text(e))}></textarea>`;
  } else if (q.type === "attachment") {
    control = html`<p class="muted" id=${id}>${t("filing-attachment-in-chat")}</p>`;
  } else {
    const numeric = ["integer", "decimal", "percent", "money"].includes(q.type);
    control = html`<input ...${common} type="text" inputmode=${numeric ? "decimal" : undefined} autocomplete="off" value=${value}
      onInput=${(e: Event) => onInput(text(e))} onChange=${(e: Event) => onCommit(text(e))} />`;
  }
  return html`<div class=${`question card${error ? " has-error" : ""}`} data-testid=${`question-${q.key}`}>
    <label id=${`${id}-label`} for=${id}><span class="qnum">${index}.</span> ${q.label}${q.required ? html`<span class="req" aria-hidden="true"> *</span>` : ""}</label>
    ${q.help && html`<p class="help" id=${`${id}-help`}>${q.help}</p>`}
    ${control}
    ${q.lastPeriod !== null && html`<p class="muted" id=${`${id}-last`}>${t("filing-last-period")}: ${q.lastPeriod}</p>`}
    ${error && html`<p class="error" id=${`${id}-error`} role="alert">${error}</p>`}
  </div>`;
}
