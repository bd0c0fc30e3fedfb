// Trend explorer: one indicator over the last N periods, as a chart and as a table.
import { html } from "htm/preact";
import { query, type User } from "../api.ts";
import { LineChart } from "../components/charts.ts";
import { LoadState } from "../components/status.ts";
import { useGet } from "../load-state.ts";
import { navigate, type Route } from "../router.ts";
import { formatNumber, t } from "../strings.ts";
import { usePeriodParam, type Dashboard } from "./dashboard.ts";

interface Trend {
  label: string;
  points: { period: string; label: string; value: number | null; formatted: string; incomplete?: number }[];
}

const SPANS = [6, 12, 24, 60];

export function TrendPage({ route }: { user: User; route: Route }) {
  const [period] = usePeriodParam(route);
  const dashboard = useGet<Dashboard>(period ? `dashboard${query({ period })}` : undefined);
  const indicators = dashboard.data?.indicators ?? [];
  const indicator = route.params.get("indicator") ?? indicators[0]?.key ?? "";
  const months = Number(route.params.get("months") ?? 12);
  const trend = useGet<Trend>(indicator ? `trend${query({ indicator, months })}` : undefined);
  const go = (next: { indicator?: string; months?: number }) => navigate("trend", { period, indicator, months, ...next });
  return html`<section aria-labelledby="trend-title">
    <h1 id="trend-title">${t("trend-title")}</h1>
    <div class="filters card">
      <label class="field"><span>${t("trend-indicator")}</span>
        <select value=${indicator} onChange=${(e: Event) => go({ indicator: (e.target as HTMLSelectElement).value })}>
          ${indicators.map((i) => html`<option value=${i.key}>${i.label}</option>`)}
        </select>
      </label>
      <label class="field"><span>${t("trend-months")}</span>
        <select value=${String(months)} onChange=${(e: Event) => go({ months: Number((e.target as HTMLSelectElement).value) })}>
          ${SPANS.map((m) => html`<option value=${String(m)}>${t("trend-months-n", { n: m })}</option>`)}
        </select>
      </label>
    </div>
    <${LoadState} loading=${trend.loading || dashboard.loading} error=${trend.error ?? dashboard.error} />
    ${trend.data && html`<figure class="card trend">
      <figcaption>${trend.data.label}</figcaption>
      <${LineChart} points=${trend.data.points} title=${trend.data.label} />
      <div class="table-wrap"><table>
        <thead><tr><th scope="col">${t("period")}</th><th scope="col">${t("col-value")}</th><th scope="col">${t("col-note")}</th></tr></thead>
        <tbody>${trend.data.points.map(
          (p) => html`<tr><th scope="row">${p.label}</th><td>${p.value === null ? "–" : p.formatted}</td>
            <td>${p.incomplete ? t("trend-incomplete", { n: formatNumber(p.incomplete) }) : ""}</td></tr>`,
        )}</tbody>
      </table></div>
    </figure>`}
  </section>`;
}
