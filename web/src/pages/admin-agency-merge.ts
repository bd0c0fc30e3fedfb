// Merging agencies, as /reorg does: several agencies into an existing one or a new one, from an effective date
// (the predecessors stop reporting then; their history continues under the successor).
import { html } from "htm/preact";
import { useState } from "preact/hooks";
import { post } from "../api.ts";
import { useAction } from "../components/action-state.ts";
import { t } from "../strings.ts";

export interface MergeAgency {
  id: number;
  name: string;
  kind: string;
  kindLabel?: string;
  active: boolean;
}

export function MergeForm({ all, onMerged }: { all: MergeAgency[]; onMerged: () => void }) {
  const active = all.filter((a) => a.active);
  const kinds = [...new Map(active.map((a) => [a.kind, a.kindLabel ?? a.kind])).entries()];
  const [search, setSearch] = useState("");
  const [chosen, setChosen] = useState<number[]>([]);
  const [mode, setMode] = useState<"existing" | "new">("existing");
  const [existingId, setExistingId] = useState("");
  const [created, setCreated] = useState({ code: "", name: "", kind: kinds[0]?.[0] ?? "", parentId: "" });
  const [date, setDate] = useState("");
  const action = useAction();
  const q = search.trim().toLowerCase();
  const shown = active.filter((a) => chosen.includes(a.id) || (q && a.name.toLowerCase().includes(q))).slice(0, 40);
  const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;
  const submit = async (e: Event) => {
    e.preventDefault();
    const into =
      mode === "existing"
        ? { existingId: Number(existingId) }
        : { code: created.code, name: created.name, kind: created.kind, parentId: created.parentId ? Number(created.parentId) : null };
    const done = await action.run(() => post<{ successor: { name: string } }>("admin/agencies/merge", { predecessorIds: chosen, into, effectiveOn: date }), t("agency-merged"));
    if (done) {
      setChosen([]);
      setSearch("");
      onMerged();
    }
  };
  const ready = chosen.length > 0 && date && (mode === "existing" ? existingId : created.code.trim() && created.name.trim() && created.kind);
  return html`<form class="card" aria-labelledby="merge-title" onSubmit=${submit}>
    <h2 id="merge-title">${t("agency-merge-title")}</h2>
    <p class="muted">${t("agency-merge-help")}</p>
    <fieldset class="audience">
      <legend>${t("agency-merge-predecessors")}</legend>
      <label class="field"><span>${t("search")}</span><input type="search" value=${search} onInput=${(e: Event) => setSearch(value(e))} /></label>
      <div class="checks">${shown.map(
        (a) => html`<label class="check"><input type="checkbox" checked=${chosen.includes(a.id)}
          onChange=${() => setChosen(chosen.includes(a.id) ? chosen.filter((x) => x !== a.id) : [...chosen, a.id])} /> ${a.name}</label>`,
      )}</div>
    </fieldset>
    <fieldset class="audience">
      <legend>${t("agency-merge-successor")}</legend>
      <label class="check"><input type="radio" name="merge-into" checked=${mode === "existing"} onChange=${() => setMode("existing")} /> ${t("agency-merge-into-existing")}</label>
      <label class="check"><input type="radio" name="merge-into" checked=${mode === "new"} onChange=${() => setMode("new")} /> ${t("agency-merge-into-new")}</label>
      ${mode === "existing"
        ? html`<select aria-label=${t("agency-merge-successor")} value=${existingId} onChange=${(e: Event) => setExistingId(value(e))}>
            <option value=""></option>
            ${active.filter((a) => !chosen.includes(a.id)).map((a) => html`<option value=${String(a.id)}>${a.name}</option>`)}
          </select>`
        : html`<label class="field"><span>${t("agency-merge-code")}</span><input type="text" value=${created.code} onInput=${(e: Event) => setCreated({ ...created, code: value(e) })} /></label>
          <label class="field"><span>${t("agency-merge-name")}</span><input type="text" value=${created.name} onInput=${(e: Event) => setCreated({ ...created, name: value(e) })} /></label>
          <label class="field"><span>${t("agency-merge-kind")}</span><select value=${created.kind} onChange=${(e: Event) => setCreated({ ...created, kind: value(e) })}>
            ${kinds.map(([code, label]) => html`<option value=${code}>${label}</option>`)}</select></label>
          <label class="field"><span>${t("agency-parent")}</span><select value=${created.parentId} onChange=${(e: Event) => setCreated({ ...created, parentId: value(e) })}>
            <option value="">${t("whole-province")}</option>
            ${active.map((a) => html`<option value=${String(a.id)}>${a.name}</option>`)}</select></label>`}
    </fieldset>
    <label class="field"><span>${t("agency-merge-date")}</span><input type="date" required value=${date} onInput=${(e: Event) => setDate(value(e))} /></label>
    <button type="submit" disabled=${!ready || action.busy}>${t("agency-merge-button")}</button>
    ${action.error && html`<p class="error" role="alert">${action.error}</p>`}
  </form>`;
}
