// The period's ranking, with how it is computed.
import { html } from "htm/preact";
import { query, type User } from "../api.ts";
import { PeriodPicker } from "../components/period-picker.ts";
import { LoadState } from "../components/status.ts";
import { useGet } from "../load-state.ts";
import { href, navigate, type Route } from "../router.ts";
import { formatNumber, t } from "../strings.ts";
import { usePeriodParam } from "./dashboard.ts";

interface Ranking {
  explanation: string;
  rows: { rank: number; id: number; name: string; score: number; scoreFormatted: string }[];
  total: number;
}

export function RankingPage({ route }: { user: User; route: Route }) {
  const [period, periods] = usePeriodParam(route);
  const ranking = useGet<Ranking>(`ranking${query({ period })}`);
  const r = ranking.data;
  return html`<section aria-labelledby="rank-title">
    <div class="page-head">
      <h1 id="rank-title">${t("ranking-title")}</h1>
      <${PeriodPicker} periods=${periods.data} value=${period || periods.data?.current || ""} onChange=${(p: string) => navigate("ranking", { period: p })} />
    </div>
    <${LoadState} loading=${ranking.loading} error=${ranking.error} />
    ${r && html`<details class="card" open>
        <summary>${t("ranking-how")}</summary>
        <p class="prewrap">${r.explanation}</p>
      </details>
      <p class="muted">${t("ranking-total", { total: formatNumber(r.total) })}</p>
      <div class="table-wrap card"><table>
        <thead><tr><th scope="col">${t("col-rank")}</th><th scope="col">${t("col-agency")}</th><th scope="col">${t("col-score")}</th></tr></thead>
        <tbody>${r.rows.map((row) => html`<tr><td>${formatNumber(row.rank)}</td><td><a href=${href(`agency/${row.id}`, { period })}>${row.name}</a></td><td>${row.scoreFormatted}</td></tr>`)}</tbody>
      </table></div>`}
  </section>`;
}
