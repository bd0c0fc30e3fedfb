// Coordinators: periods opened (with a deadline), closed and reopened until a date, as /periods does in chat.
import { html } from "htm/preact";
import { useState } from "preact/hooks";
import { post, type User } from "../api.ts";
import { useAction } from "../components/action-state.ts";
import { LoadState } from "../components/status.ts";
import { useGet } from "../load-state.ts";
import type { Route } from "../router.ts";
import { formatDate, t } from "../strings.ts";

interface AdminPeriod {
  id: number;
  templateId: string;
  key: string;
  label: string;
  status: string;
  deadline: string | null;
  reopenedUntil: string | null;
}

type Change = (body: Record<string, string>, done: string) => void;

export function AdminPeriodsPage(_: { user: User; route: Route }) {
  const periods = useGet<{ periods: AdminPeriod[] }>("admin/periods");
  const templates = useGet<{ templates: { id: string; title: string }[] }>("admin/templates");
  const action = useAction();
  const change: Change = (body, done) => void action.run(() => post("admin/periods", body), done).then(periods.reload);
  const titles = new Map((templates.data?.templates ?? []).map((tpl) => [tpl.id, tpl.title]));
  return html`<section aria-labelledby="per-title">
    <h1 id="per-title">${t("periods-title")}</h1>
    <${OpenForm} templates=${templates.data?.templates ?? []} busy=${action.busy} change=${change} />
    <${LoadState} loading=${periods.loading} error=${periods.error} />
    ${action.error && html`<p class="error" role="alert">${action.error}</p>`}
    <ul class="period-list">
      ${(periods.data?.periods ?? []).map((p) => html`<${PeriodRow} key=${p.id} period=${p} title=${titles.get(p.templateId) ?? ""} busy=${action.busy} change=${change} />`)}
    </ul>
  </section>`;
}

function OpenForm({ templates, busy, change }: { templates: { id: string; title: string }[]; busy: boolean; change: Change }) {
  const [templateId, setTemplateId] = useState("");
  const [periodKey, setPeriodKey] = useState("");
  const [deadline, setDeadline] = useState("");
  const chosen = templateId || templates[0]?.id || "";
  return html`<form class="card" onSubmit=${(e: Event) => {
    e.preventDefault();
    change({ action: "open", templateId: chosen, periodKey, ...(deadline ? { deadline } : {}) }, t("period-opened-done", { period: periodKey }));
  }}>
    <h2>${t("period-open-new")}</h2>
    <label class="field"><span>${t("nav-templates")}</span>
      <select value=${chosen} onChange=${(e: Event) => setTemplateId((e.target as HTMLSelectElement).value)}>
        ${templates.map((tpl) => html`<option value=${tpl.id}>${tpl.title}</option>`)}
      </select>
    </label>
    <label class="field"><span>${t("period-key")}</span>
      <input required pattern="\\d{4}-(\\d{2}|Q[1-4]|H[12])|\\d{4}" placeholder="2026-12" value=${periodKey} onInput=${(e: Event) => setPeriodKey((e.target as HTMLInputElement).value)} />
    </label>
    <label class="field"><span>${t("deadline")}</span>
      <input type="date" value=${deadline} onInput=${(e: Event) => setDeadline((e.target as HTMLInputElement).value)} />
    </label>
    <button type="submit" disabled=${busy || !chosen}>${t("period-open-button")}</button>
  </form>`;
}

function PeriodRow({ period, title, busy, change }: { period: AdminPeriod; title: string; busy: boolean; change: Change }) {
  const [until, setUntil] = useState("");
  const open = period.status === "open";
  return html`<li class="card">
    <h2>${period.label} <span class=${`badge ${open ? "status-on-time" : "status-draft"}`}>${t(open ? "period-open" : "period-closed")}</span></h2>
    <p class="muted">${title}${period.deadline ? ` · ${t("deadline")}: ${formatDate(period.deadline)}` : ""}${period.reopenedUntil ? ` · ${t("reopened-until")}: ${formatDate(period.reopenedUntil)}` : ""}</p>
    ${open
      ? html`<button type="button" disabled=${busy} onClick=${() => change({ action: "close", templateId: period.templateId, periodKey: period.key }, t("period-closed-done", { period: period.label }))}>${t("period-close")}</button>`
      : html`<form class="inline-form" onSubmit=${(e: Event) => (e.preventDefault(), change({ action: "reopen", templateId: period.templateId, periodKey: period.key, until }, t("period-reopened-done", { period: period.label })))}>
          <label class="field"><span>${t("reopened-until")}</span><input type="date" required value=${until} onInput=${(e: Event) => setUntil((e.target as HTMLInputElement).value)} /></label>
          <button type="submit" class="secondary" disabled=${busy}>${t("period-reopen")}</button>
        </form>`}
  </li>`;
}
