// Trend explorer: one indicator over the last N periods, as a chart and as a table.
import { html } from "htm/preact";
import { query, type User } from "../api.ts";
import { LineChart } from "../components/charts.ts";
import { LoadState } from "../components/status.ts";
import { useGet } from "../load-state.ts";
import { navigate, type Route } from "../router.ts";
import { formatNumber, t } from "../strings.ts";
import { usePeriodParam } from "./dashboard.ts";

interface Trend {
  indicator?: string;
  label: string;
  /** The indicators there are to choose from. */
  indicators?: { key: string; label: string }[];
  points: { period: string; label: string; value: number | null; formatted: string | null; incomplete?: number }[];
}

const SPANS = [6, 12, 24, 60];

export function TrendPage({ route }: { user: User; route: Route }) {
  const [period] = usePeriodParam(route);
  const asked = route.params.get("indicator") ?? undefined;
  const months = Number(route.params.get("months") ?? 12);
  // Without an indicator the server draws the template's first one and lists the others.
  const trend = useGet<Trend>(`trend${query({ period, indicator: asked, months })}`);
  const indicators = trend.data?.indicators ?? [];
  const indicator = asked ?? trend.data?.indicator ?? "";
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
    <${LoadState} loading=${trend.loading} error=${trend.error} />
    ${trend.data && html`<figure class="card trend">
      <figcaption>${trend.data.label}</figcaption>
      <${LineChart} points=${trend.data.points} title=${trend.data.label} />
      <div class="table-wrap"><table>
        <thead><tr><th scope="col">${t("period")}</th><th scope="col">${t("col-value")}</th><th scope="col">${t("col-note")}</th></tr></thead>
        <tbody>${trend.data.points.map(
          (p) => html`<tr><th scope="row">${p.label}</th><td>${p.value === null ? "–" : (p.formatted ?? formatNumber(p.value))}</td>
            <td>${p.incomplete ? t("trend-incomplete", { n: formatNumber(p.incomplete) }) : ""}</td></tr>`,
        )}</tbody>
      </table></div>
    </figure>`}
  </section>`;
}
