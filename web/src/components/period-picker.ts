import { html } from "htm/preact";
import { useGet } from "../load-state.ts";
import { t } from "../strings.ts";

export interface PeriodList {
  periods: { key: string; label: string; status: "open" | "closed"; deadline: string | null }[];
  current: string | null;
}

/** The periods the person may look at; the page keeps the chosen one in its route (?period=…). */
export function usePeriods() {
  return useGet<PeriodList>("periods");
}

export function PeriodPicker({ periods, value, onChange }: { periods: PeriodList | undefined; value: string; onChange: (key: string) => void }) {
  if (!periods || periods.periods.length === 0) return null;
  return html`<label class="field inline">
    <span>${t("period")}</span>
    <select value=${value} onChange=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}>
      ${periods.periods.map((p) => html`<option value=${p.key}>${p.label}${p.status === "open" ? ` · ${t("period-open")}` : ""}</option>`)}
    </select>
  </label>`;
}
