// Coordinators: periods opened, closed and reopened, and their deadlines.
import { html } from "htm/preact";
import { useState } from "preact/hooks";
import { post, type User } from "../api.ts";
import { useAction } from "../components/action-state.ts";
import { LoadState } from "../components/status.ts";
import { useGet } from "../load-state.ts";
import type { Route } from "../router.ts";
import { formatDate, t } from "../strings.ts";

interface AdminPeriod {
  key: string;
  label: string;
  status: "open" | "closed" | string;
  deadline: string | null;
  template?: string;
}

export function AdminPeriodsPage(_: { user: User; route: Route }) {
  const periods = useGet<{ periods: AdminPeriod[] }>("admin/periods");
  const action = useAction();
  const change = (body: Record<string, string>, done: string) => void action.run(() => post("admin/periods", body), done).then(periods.reload);
  return html`<section aria-labelledby="per-title">
    <h1 id="per-title">${t("periods-title")}</h1>
    <${LoadState} loading=${periods.loading} error=${periods.error} />
    ${action.error && html`<p class="error" role="alert">${action.error}</p>`}
    <ul class="period-list">
      ${(periods.data?.periods ?? []).map((p) => html`<${PeriodRow} key=${p.key} period=${p} busy=${action.busy} change=${change} />`)}
    </ul>
  </section>`;
}

function PeriodRow({ period, busy, change }: { period: AdminPeriod; busy: boolean; change: (body: Record<string, string>, done: string) => void }) {
  const [deadline, setDeadline] = useState(period.deadline?.slice(0, 10) ?? "");
  const open = period.status === "open";
  return html`<li class="card">
    <h2>${period.label} <span class=${`badge ${open ? "status-on-time" : "status-draft"}`}>${t(open ? "period-open" : "period-closed")}</span></h2>
    ${period.deadline && html`<p class="muted">${t("deadline")}: ${formatDate(period.deadline)}</p>`}
    <div class="actions">
      ${open
        ? html`<button type="button" disabled=${busy} onClick=${() => change({ action: "close", period: period.key }, t("period-closed-done", { period: period.label }))}>${t("period-close")}</button>`
        : html`<button type="button" disabled=${busy} onClick=${() => change({ action: "reopen", period: period.key }, t("period-reopened-done", { period: period.label }))}>${t("period-reopen")}</button>`}
    </div>
    <form class="inline-form" onSubmit=${(e: Event) => (e.preventDefault(), change({ action: "deadline", period: period.key, deadline }, t("deadline-saved")))}>
      <label class="field"><span>${t("deadline")}</span><input type="date" required value=${deadline} onInput=${(e: Event) => setDeadline((e.target as HTMLInputElement).value)} /></label>
      <button type="submit" class="secondary" disabled=${busy}>${t("save")}</button>
    </form>
  </li>`;
}
