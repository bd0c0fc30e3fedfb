// One agency: its report for the period as filed, its history of periods, and its trends.
import { html } from "htm/preact";
import { query, type User } from "../api.ts";
import { LineChart } from "../components/charts.ts";
import { PeriodPicker } from "../components/period-picker.ts";
import { LoadState, StatusBadge } from "../components/status.ts";
import { useGet } from "../load-state.ts";
import { href, navigate, type Route } from "../router.ts";
import { formatNumber, t } from "../strings.ts";
import { usePeriodParam } from "./dashboard.ts";

interface AgencyView {
  agency: { id: number; name: string; kind: string };
  report: { status: string; answers: { key: string; label: string; formatted: string }[] } | null;
  history: { period: string; label: string; status: string }[];
  trend: { indicator: string; label: string; points: { period: string; label: string; value: number | null }[] }[];
}

export function AgencyPage({ route }: { user: User; route: Route }) {
  const id = route.parts[1] ?? "";
  const [period, periods] = usePeriodParam(route);
  const view = useGet<AgencyView>(id ? `agencies/${encodeURIComponent(id)}${query({ period })}` : undefined);
  const v = view.data;
  return html`<section aria-labelledby="agency-title">
    <p><a href=${href("dashboard", { period })}>← ${t("back-to-dashboard")}</a></p>
    <div class="page-head">
      <h1 id="agency-title">${v?.agency.name ?? t("agency-title")}</h1>
      <${PeriodPicker} periods=${periods.data} value=${period || periods.data?.current || ""} onChange=${(p: string) => navigate(`agency/${id}`, { period: p })} />
    </div>
    <${LoadState} loading=${view.loading} error=${view.error} />
    ${v && html`<section class="card" aria-labelledby="report-title">
        <h2 id="report-title">${t("report-title")} ${v.report && html`<${StatusBadge} status=${v.report.status} />`}</h2>
        ${v.report
          ? html`<dl class="answers">${v.report.answers.map((a) => html`<div><dt>${a.label}</dt><dd>${a.formatted}</dd></div>`)}</dl>`
          : html`<p class="muted">${t("report-none")}</p>`}
      </section>
      <section class="card" aria-labelledby="history-title">
        <h2 id="history-title">${t("history-title")}</h2>
        <ul class="history">
          ${v.history.map((h) => html`<li><a href=${href(`agency/${id}`, { period: h.period })}>${h.label}</a> <${StatusBadge} status=${h.status} /></li>`)}
        </ul>
      </section>
      <section class="card" aria-labelledby="trends-title">
        <h2 id="trends-title">${t("trends-title")}</h2>
        ${v.trend.length === 0 && html`<p class="muted">${t("none")}</p>`}
        ${v.trend.map(
          (tr) => html`<figure class="trend">
            <figcaption>${tr.label}</figcaption>
            <${LineChart} points=${tr.points} title=${tr.label} />
            <details><summary>${t("show-figures")}</summary>
              <table><tbody>${tr.points.map((p) => html`<tr><th scope="row">${p.label}</th><td>${p.value === null ? "–" : formatNumber(p.value)}</td></tr>`)}</tbody></table>
            </details>
          </figure>`,
        )}
      </section>`}
  </section>`;
}
