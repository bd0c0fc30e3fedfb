// Leaders' period dashboard: completion, the agencies' table (sortable, filterable), headline indicators with
// their change, difficulties, proposals and data-quality warnings.
import { html } from "htm/preact";
import { useMemo, useState } from "preact/hooks";
import { query, type User } from "../api.ts";
import { StackedBar } from "../components/charts.ts";
import { PeriodPicker, usePeriods } from "../components/period-picker.ts";
import { LoadState, STATUSES, StatusBadge } from "../components/status.ts";
import { useGet } from "../load-state.ts";
import { href, navigate, type Route } from "../router.ts";
import { formatDateTime, formatNumber, formatPercent, t } from "../strings.ts";

export interface DashboardAgency {
  id: number;
  name: string;
  kind: string;
  kindLabel: string;
  status: string;
  submittedAt: string | null;
}

export interface Dashboard {
  period: { key: string; label: string };
  scopeLabel: string;
  completion: { required: number; filed: number; onTime: number; late: number; missing: number; returned: number };
  agencies: DashboardAgency[];
  indicators: { key: string; label: string; value: number | null; formatted: string; change: number | null; changeFormatted: string | null; unit: string }[];
  difficulties: { agencies: string[]; text: string }[];
  proposals: { agencies: string[]; text: string }[];
  warnings: { agency: string; text: string }[];
}

/**
 * The period in the route (?period=…), or "" for the one the chat's /summary would show, which the API picks
 * itself: a page asks for its data at once, without waiting for the list of periods.
 */
export function usePeriodParam(route: Route): [string, ReturnType<typeof usePeriods>] {
  return [route.params.get("period") ?? "", usePeriods()];
}

export function DashboardPage({ route }: { user: User; route: Route }) {
  const [period, periods] = usePeriodParam(route);
  const dashboard = useGet<Dashboard>(`dashboard${query({ period })}`);
  const d = dashboard.data;
  return html`<section aria-labelledby="dash-title">
    <div class="page-head">
      <h1 id="dash-title">${t("dashboard-title")}</h1>
      <${PeriodPicker} periods=${periods.data} value=${period || d?.period.key || ""} onChange=${(p: string) => navigate("dashboard", { period: p })} />
    </div>
    <${LoadState} loading=${dashboard.loading} error=${dashboard.error ?? periods.error} />
    ${d && html`<p class="muted">${d.scopeLabel} · ${d.period.label}</p>
      <${Completion} c=${d.completion} />
      <${Indicators} items=${d.indicators} />
      <${AgencyTable} agencies=${d.agencies} period=${d.period.key} />
      <${TextList} id="difficulties" title=${t("difficulties-title")} items=${d.difficulties.map((x) => ({ who: agencyList(x.agencies), text: x.text }))} />
      <${TextList} id="proposals" title=${t("proposals-title")} items=${d.proposals.map((x) => ({ who: agencyList(x.agencies), text: x.text }))} />
      <${TextList} id="warnings" title=${t("warnings-title")} items=${d.warnings.map((x) => ({ who: x.agency, text: x.text }))} />`}
  </section>`;
}

/** "A, B, C và 197 cơ quan khác": the same sentence from many agencies names the first few. */
function agencyList(names: string[]): string {
  if (names.length <= 5) return names.join(", ");
  return t("agencies-and-more", { names: names.slice(0, 5).join(", "), n: formatNumber(names.length - 5) });
}

function Completion({ c }: { c: Dashboard["completion"] }) {
  const figures = [
    { key: "on-time", label: t("status-on-time"), value: c.onTime },
    { key: "late", label: t("status-late"), value: c.late },
    { key: "returned", label: t("status-returned"), value: c.returned },
    { key: "missing", label: t("status-missing"), value: c.missing },
  ];
  return html`<section class="card" aria-labelledby="completion-title">
    <h2 id="completion-title">${t("completion-title")}</h2>
    <p class="big" data-testid="completion">${t("completion-filed", { filed: formatNumber(c.filed), required: formatNumber(c.required), percent: formatPercent(c.filed, c.required) })}</p>
    <${StackedBar} parts=${figures} title=${t("completion-title")} />
    <ul class="figures">
      ${figures.map((f) => html`<li><span class=${`swatch part-${f.key}`} aria-hidden="true"></span>${f.label}: <strong>${formatNumber(f.value)}</strong></li>`)}
    </ul>
  </section>`;
}

function Indicators({ items }: { items: Dashboard["indicators"] }) {
  if (items.length === 0) return null;
  return html`<section class="card" aria-labelledby="ind-title">
    <h2 id="ind-title">${t("indicators-title")}</h2>
    <ul class="indicators">
      ${items.map(
        (i) => html`<li>
          <span class="ind-label">${i.label}</span>
          <span class="ind-value">${i.formatted}</span>
          ${i.changeFormatted !== null &&
          html`<span class=${`change ${i.change === null || i.change === 0 ? "same" : i.change < 0 ? "down" : "up"}`}>${t("change-vs-previous", { change: i.changeFormatted })}</span>`}
        </li>`,
      )}
    </ul>
  </section>`;
}

type SortKey = "name" | "status" | "submittedAt" | "kind";
const STATUS_ORDER: Record<string, number> = { missing: 0, returned: 1, draft: 2, late: 3, "on-time": 4 };
const PAGE = 100;
const TEXTS_FIRST = 10;

function AgencyTable({ agencies, period }: { agencies: DashboardAgency[]; period: string }) {
  const [filter, setFilter] = useState("");
  const [status, setStatus] = useState("");
  const [sort, setSort] = useState<{ key: SortKey; up: boolean }>({ key: "status", up: true });
  const [shown, setShown] = useState(PAGE);
  const rows = useMemo(() => {
    const needle = filter.trim().toLocaleLowerCase("vi");
    const kept = agencies.filter((a) => (!status || a.status === status) && (!needle || a.name.toLocaleLowerCase("vi").includes(needle)));
    const value = (a: DashboardAgency): string | number =>
      sort.key === "status" ? (STATUS_ORDER[a.status] ?? 9) : sort.key === "submittedAt" ? (a.submittedAt ?? "") : sort.key === "kind" ? a.kindLabel : a.name;
    const collator = new Intl.Collator("vi");
    return kept.sort((a, b) => {
      const [x, y] = [value(a), value(b)];
      const c = typeof x === "number" && typeof y === "number" ? x - y : collator.compare(String(x), String(y));
      return (sort.up ? c : -c) || collator.compare(a.name, b.name);
    });
  }, [agencies, filter, status, sort]);
  const header = (key: SortKey, label: string) => {
    const active = sort.key === key;
    return html`<th scope="col" aria-sort=${active ? (sort.up ? "ascending" : "descending") : "none"}>
      <button type="button" class="sort" onClick=${() => setSort({ key, up: active ? !sort.up : true })}>
        ${label}<span aria-hidden="true">${active ? (sort.up ? " ↑" : " ↓") : ""}</span>
      </button>
    </th>`;
  };
  return html`<section class="card" aria-labelledby="agencies-title">
    <h2 id="agencies-title">${t("agencies-title")}</h2>
    <div class="filters">
      <label class="field"><span>${t("filter-name")}</span>
        <input type="search" value=${filter} onInput=${(e: Event) => setFilter((e.target as HTMLInputElement).value)} />
      </label>
      <label class="field"><span>${t("filter-status")}</span>
        <select value=${status} onChange=${(e: Event) => setStatus((e.target as HTMLSelectElement).value)}>
          <option value="">${t("filter-all")}</option>
          ${STATUSES.map((s) => html`<option value=${s}>${t(`status-${s}`)}</option>`)}
        </select>
      </label>
    </div>
    <p class="muted" aria-live="polite">${t("rows-shown", { shown: formatNumber(Math.min(shown, rows.length)), total: formatNumber(rows.length) })}</p>
    <div class="table-wrap">
      <table data-testid="agency-table">
        <thead><tr>${header("name", t("col-agency"))}${header("kind", t("col-kind"))}${header("status", t("col-status"))}${header("submittedAt", t("col-submitted"))}</tr></thead>
        <tbody>
          ${rows.slice(0, shown).map(
            (a) => html`<tr>
              <td><a href=${href(`agency/${a.id}`, { period })}>${a.name}</a></td>
              <td>${a.kindLabel}</td>
              <td><${StatusBadge} status=${a.status} /></td>
              <td>${a.submittedAt ? formatDateTime(a.submittedAt) : "–"}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${rows.length > shown && html`<button type="button" class="secondary" onClick=${() => setShown(rows.length)}>${t("show-all", { total: formatNumber(rows.length) })}</button>`}
  </section>`;
}

/** Difficulties, proposals, warnings: the first few, then all on request (a province can have thousands). */
function TextList({ id, title, items }: { id: string; title: string; items: { who: string; text: string }[] }) {
  const [all, setAll] = useState(false);
  const shown = all ? items : items.slice(0, TEXTS_FIRST);
  return html`<section class="card" aria-labelledby=${`${id}-title`}>
    <h2 id=${`${id}-title`}>${title}</h2>
    ${items.length === 0
      ? html`<p class="muted">${t("none")}</p>`
      : html`<ul class="texts">${shown.map((i) => html`<li><strong>${i.who}</strong><p>${i.text}</p></li>`)}</ul>`}
    ${shown.length < items.length && html`<button type="button" class="secondary" onClick=${() => setAll(true)}>${t("show-all", { total: formatNumber(items.length) })}</button>`}
  </section>`;
}
