// A new template version from a file (YAML, JSON or Excel): checked and previewed first (nothing is stored), its
// problems listed when it has any, then imported on confirmation, as in the chat.
import { html } from "htm/preact";
import { useState } from "preact/hooks";
import { ApiError, post } from "../api.ts";
import { useAction } from "../components/action-state.ts";
import { announce } from "../components/announce.ts";
import { t } from "../strings.ts";

interface Checked {
  lines?: string[];
  currentVersion?: number;
  unchanged?: boolean;
  problems?: string[];
  error?: string;
  fix?: string;
}

export function TemplateImport({ onDone }: { onDone: () => void }) {
  const [file, setFile] = useState<{ fileName: string; contentBase64: string } | undefined>(undefined);
  const [checked, setChecked] = useState<Checked | undefined>(undefined);
  const action = useAction();
  const pick = async (e: Event) => {
    const f = (e.target as HTMLInputElement).files?.[0];
    setChecked(undefined);
    if (!f) return setFile(undefined);
    const bytes = new Uint8Array(await f.arrayBuffer());
    let binary = "";
    for (const b of bytes) binary += String.fromCharCode(b);
    setFile({ fileName: f.name, contentBase64: btoa(binary) });
  };
  const preview = async () => {
    if (!file) return;
    // Problems come back as 422 with the list: shown as the check's result, not as a failure of the page.
    const answer = await action.run(() =>
      post<Checked>("admin/templates/import/preview", file).catch((err: unknown) => {
        if (err instanceof ApiError && Array.isArray(err.body.problems)) return err.body as Checked;
        throw err;
      }),
    );
    setChecked(answer);
  };
  const apply = async () => {
    if (!file || !checked) return;
    const done = await action.run(() => post<{ message: string }>(`admin/templates/import/apply?current=${checked.currentVersion ?? 0}`, file));
    if (done) {
      announce(done.message);
      setFile(undefined);
      setChecked(undefined);
      onDone();
    }
  };
  const problems = checked?.problems ?? [];
  return html`<section class="card" aria-labelledby="tpl-imp">
    <h2 id="tpl-imp">${t("template-import-title")}</h2>
    <label class="field"><span>${t("template-file")}</span><input type="file" accept=".yaml,.yml,.json,.xlsx" onChange=${pick} /></label>
    <button type="button" disabled=${!file || action.busy} onClick=${() => void preview()}>${t("preview")}</button>
    ${checked && html`<div aria-live="polite" data-testid="template-check">
      ${problems.length > 0
        ? html`<p class="error">${checked.error}</p><ul class="error">${problems.map((p) => html`<li>${p}</li>`)}</ul><p>${checked.fix}</p>`
        : html`<div class="bubble">${(checked.lines ?? []).join("\n")}</div>
          ${!checked.unchanged && html`<button type="button" disabled=${action.busy} onClick=${() => void apply()}>${t("template-import-confirm")}</button>`}`}
    </div>`}
    ${action.error && html`<p class="error" role="alert">${action.error}</p>`}
  </section>`;
}
