// Chosen agencies side by side for one period.
import { html } from "htm/preact";
import { useState } from "preact/hooks";
import { query, type User } from "../api.ts";
import { PeriodPicker } from "../components/period-picker.ts";
import { LoadState } from "../components/status.ts";
import { useGet } from "../load-state.ts";
import { navigate, type Route } from "../router.ts";
import { t } from "../strings.ts";
import { usePeriodParam, type Dashboard } from "./dashboard.ts";

interface Comparison {
  agencies: { id: number; name: string }[];
  rows: { key: string; label: string; values: (string | null)[] }[];
}

const MAX_CHOSEN = 6;

export function ComparePage({ route }: { user: User; route: Route }) {
  const [period, periods] = usePeriodParam(route);
  const chosen = (route.params.get("agencies") ?? "").split(",").filter(Boolean);
  const [filter, setFilter] = useState("");
  const dashboard = useGet<Dashboard>(`dashboard${query({ period })}`);
  const comparison = useGet<Comparison>(chosen.length > 0 ? `compare${query({ period, agencies: chosen.join(",") })}` : undefined);
  const choose = (id: string, on: boolean) => {
    const next = on ? [...chosen, id].slice(0, MAX_CHOSEN) : chosen.filter((c) => c !== id);
    navigate("compare", { period, agencies: next.join(",") });
  };
  const needle = filter.trim().toLocaleLowerCase("vi");
  const candidates = (dashboard.data?.agencies ?? []).filter((a) => chosen.includes(String(a.id)) || (needle && a.name.toLocaleLowerCase("vi").includes(needle))).slice(0, 30);
  return html`<section aria-labelledby="cmp-title">
    <div class="page-head">
      <h1 id="cmp-title">${t("compare-title")}</h1>
      <${PeriodPicker} periods=${periods.data} value=${period || periods.data?.current || ""} onChange=${(p: string) => navigate("compare", { period: p, agencies: chosen.join(",") })} />
    </div>
    <fieldset class="card">
      <legend>${t("compare-choose", { max: MAX_CHOSEN })}</legend>
      <label class="field"><span>${t("filter-name")}</span>
        <input type="search" value=${filter} onInput=${(e: Event) => setFilter((e.target as HTMLInputElement).value)} />
      </label>
      <ul class="choices">
        ${candidates.map(
          (a) => html`<li><label><input type="checkbox" checked=${chosen.includes(String(a.id))}
            disabled=${!chosen.includes(String(a.id)) && chosen.length >= MAX_CHOSEN}
            onChange=${(e: Event) => choose(String(a.id), (e.target as HTMLInputElement).checked)} /> ${a.name}</label></li>`,
        )}
      </ul>
    </fieldset>
    <${LoadState} loading=${comparison.loading} error=${comparison.error ?? dashboard.error} />
    ${chosen.length > 0 && comparison.data && html`<div class="table-wrap card">
      <table>
        <thead><tr><th scope="col">${t("col-indicator")}</th>${comparison.data.agencies.map((a) => html`<th scope="col">${a.name}</th>`)}</tr></thead>
        <tbody>${comparison.data.rows.map((r) => html`<tr><th scope="row">${r.label}</th>${r.values.map((v) => html`<td>${v ?? "–"}</td>`)}</tr>`)}</tbody>
      </table>
    </div>`}
  </section>`;
}
