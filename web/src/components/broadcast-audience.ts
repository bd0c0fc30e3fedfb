// The audience of a broadcast, chosen as in the chat's /broadcast: everyone, some roles, some kinds of agency,
// chosen agencies (with a search), or the agencies overdue in a period whose deadline has passed.
import { html } from "htm/preact";
import { useState } from "preact/hooks";
import { formatNumber, t } from "../strings.ts";

export interface AudienceOptions {
  roles: { code: string; label: string }[];
  kinds: { code: string; label: string }[];
  agencies: { id: number; name: string; people: number }[];
  periods: { id: number; label: string; overdue: number }[];
}

export type AudienceChoice =
  | { type: "all" }
  | { type: "roles"; roles: string[] }
  | { type: "kinds"; kinds: string[] }
  | { type: "agencies"; agencyIds: number[] }
  | { type: "overdue"; periodId: number };

export const AUDIENCE_TYPES = ["all", "roles", "kinds", "agencies", "overdue"] as const;

/** A choice with nothing picked yet for the given type. */
export function emptyChoice(type: string, options: AudienceOptions | undefined): AudienceChoice {
  if (type === "roles") return { type, roles: [] };
  if (type === "kinds") return { type, kinds: [] };
  if (type === "agencies") return { type, agencyIds: [] };
  if (type === "overdue") return { type, periodId: options?.periods[0]?.id ?? 0 };
  return { type: "all" };
}

const toggle = <T,>(list: T[], item: T): T[] => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);

export function AudiencePicker({ options, value, onChange }: { options: AudienceOptions | undefined; value: AudienceChoice; onChange: (a: AudienceChoice) => void }) {
  const [query, setQuery] = useState("");
  const checks = <T,>(items: { key: T; label: string }[], chosen: T[], set: (next: T[]) => void) =>
    html`<div class="checks">${items.map(
      (i) => html`<label class="check"><input type="checkbox" checked=${chosen.includes(i.key)} onChange=${() => set(toggle(chosen, i.key))} /> ${i.label}</label>`,
    )}</div>`;
  let detail = null;
  if (value.type === "roles")
    detail = checks(options?.roles.map((r) => ({ key: r.code, label: r.label })) ?? [], value.roles, (roles) => onChange({ type: "roles", roles }));
  else if (value.type === "kinds")
    detail = checks(options?.kinds.map((k) => ({ key: k.code, label: k.label })) ?? [], value.kinds, (kinds) => onChange({ type: "kinds", kinds }));
  else if (value.type === "agencies") {
    const q = query.trim().toLowerCase();
    const shown = (options?.agencies ?? []).filter((a) => !q || a.name.toLowerCase().includes(q) || value.agencyIds.includes(a.id)).slice(0, 50);
    detail = html`<label class="field"><span>${t("broadcast-agency-search")}</span>
        <input type="search" value=${query} onInput=${(e: Event) => setQuery((e.target as HTMLInputElement).value)} /></label>
      <p class="muted">${t("broadcast-agencies-chosen", { n: formatNumber(value.agencyIds.length) })}</p>
      ${checks(shown.map((a) => ({ key: a.id, label: t("broadcast-agency-option", { name: a.name, n: formatNumber(a.people) }) })), value.agencyIds, (agencyIds) => onChange({ type: "agencies", agencyIds }))}`;
  } else if (value.type === "overdue")
    detail = options?.periods.length
      ? html`<label class="field"><span>${t("broadcast-overdue-period")}</span>
          <select value=${String(value.periodId)} onChange=${(e: Event) => onChange({ type: "overdue", periodId: Number((e.target as HTMLSelectElement).value) })}>
            ${options.periods.map((p) => html`<option value=${String(p.id)}>${t("broadcast-period-option", { period: p.label, n: formatNumber(p.overdue) })}</option>`)}
          </select></label>`
      : html`<p class="muted">${t("broadcast-no-overdue-periods")}</p>`;
  return html`<fieldset class="audience">
    <legend>${t("broadcast-audience")}</legend>
    <select aria-label=${t("broadcast-audience")} value=${value.type} onChange=${(e: Event) => onChange(emptyChoice((e.target as HTMLSelectElement).value, options))}>
      ${AUDIENCE_TYPES.map((a) => html`<option value=${a}>${t(`audience-${a}`)}</option>`)}
    </select>
    ${detail}
  </fieldset>`;
}
