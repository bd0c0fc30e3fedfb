// One question of the reporter's form, with the control its type calls for. Typed answers are committed when
// the field is left (change), choices at once; the value sent is what the chat's parser takes.
import { html } from "htm/preact";
import { t } from "../strings.ts";

/** An answer as the form holds it: typed text, a choice, several choices, or yes/no. */
export type Raw = string | boolean | string[] | null;

export interface Question {
  key: string;
  label: string;
  type: string;
  required: boolean;
  help: string | null;
  applicable?: boolean;
  choices?: { value: string; label: string }[];
  /** The answer as the chat shows it (formatted). */
  value: string | null;
  /** The answer as the field holds it. */
  raw: Raw;
  lastPeriod: string | null;
}

interface FieldProps {
  index: number;
  q: Question;
  value: Raw;
  error: { text: string; confirmable: boolean } | undefined;
  readOnly: boolean;
  onInput: (v: Raw) => void;
  onCommit: (v: Raw) => void;
  onConfirm: () => void;
}

export function QuestionField({ index, q, value, error, readOnly, onInput, onCommit, onConfirm }: FieldProps) {
  const id = `q-${q.key}`;
  const described = [q.help ? `${id}-help` : "", q.lastPeriod !== null ? `${id}-last` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  const invalid = error && !error.confirmable ? "true" : undefined;
  const text = (e: Event) => (e.target as HTMLInputElement).value;
  const pick = (v: Raw) => (onInput(v), onCommit(v));
  let control;
  if (q.type === "single-choice" || q.type === "yes-no") {
    const yesNo = q.type === "yes-no";
    const choices = yesNo ? [{ value: "yes", label: t("yes") }, { value: "no", label: t("no") }] : (q.choices ?? []);
    const current = yesNo ? (value === true ? "yes" : value === false ? "no" : null) : value;
    control = html`<div role="radiogroup" aria-labelledby=${`${id}-label`} aria-describedby=${described}>
      ${choices.map((c) => html`<label class="choice"><input type="radio" name=${id} value=${c.value} checked=${current === c.value} disabled=${readOnly}
        onChange=${() => pick(yesNo ? c.value === "yes" : c.value)} /> ${c.label}</label>`)}
    </div>`;
  } else if (q.type === "multi-choice") {
    const chosen = Array.isArray(value) ? value : [];
    control = html`<div role="group" aria-labelledby=${`${id}-label`} aria-describedby=${described}>
      ${(q.choices ?? []).map((c) => html`<label class="choice"><input type="checkbox" value=${c.value} checked=${chosen.includes(c.value)} disabled=${readOnly}
        onChange=${(e: Event) => pick((e.target as HTMLInputElement).checked ? [...chosen, c.value] : chosen.filter((x) => x !== c.value))} /> ${c.label}</label>`)}
    </div>`;
  } else if (q.type === "attachment") {
    control = html`<p class="muted" id=${id}>${q.value ?? ""} ${t("filing-attachment-in-chat")}</p>`;
  } else if (q.type === "long-text") {
    control = html`<textarea id=${id} rows="4" aria-describedby=${described} aria-invalid=${invalid} aria-required=${q.required ? "true" : undefined} disabled=${readOnly}
      value=${typeof value === "string" ? value : ""} onInput=${(e: Event) => onInput(text(e))} onChange=${(e: Event) => onCommit(text(e))}></textarea>`;
  } else {
    const numeric = ["integer", "decimal", "percent", "money"].includes(q.type);
    control = html`<input id=${id} type="text" inputmode=${numeric ? "decimal" : undefined} autocomplete="off" aria-describedby=${described} aria-invalid=${invalid}
      aria-required=${q.required ? "true" : undefined} disabled=${readOnly} value=${typeof value === "string" ? value : ""}
      onInput=${(e: Event) => onInput(text(e))} onChange=${(e: Event) => onCommit(text(e))} />`;
  }
  return html`<div class=${`question card${error ? " has-error" : ""}`} data-testid=${`question-${q.key}`}>
    <label id=${`${id}-label`} for=${id}><span class="qnum">${index}.</span> ${q.label}${q.required ? html`<span class="req" aria-hidden="true"> *</span>` : ""}</label>
    ${q.help && html`<p class="help" id=${`${id}-help`}>${q.help}</p>`}
    ${control}
    ${q.lastPeriod !== null && html`<p class="muted" id=${`${id}-last`}>${t("filing-last-period")}: ${q.lastPeriod}</p>`}
    ${error && html`<div id=${`${id}-error`} role="alert">
      <p class=${error.confirmable ? "" : "error"}>${error.text}</p>
      ${error.confirmable && html`<button type="button" class="secondary" onClick=${onConfirm}>${t("filing-confirm")}</button>`}
    </div>`}
  </div>`;
}
