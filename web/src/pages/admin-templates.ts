// Coordinators: the installed templates with their versions (which periods use each) and the current version's
// questions. Importing a new version goes through the contract's import endpoints.
import { html } from "htm/preact";
import { useState } from "preact/hooks";
import { post, type User } from "../api.ts";
import { useAction } from "../components/action-state.ts";
import { LoadState } from "../components/status.ts";
import { useGet } from "../load-state.ts";
import type { Route } from "../router.ts";
import { formatDateTime, formatNumber, t } from "../strings.ts";

interface TemplateSummary {
  id: string;
  title: string;
  cadence: string;
  currentVersion: number;
  questions: { key: string; type: string; label: string; required: boolean }[];
  versions: { version: number; createdAt: string; questions: number; current: boolean; periods: string[] }[];
}

interface ImportAnswer {
  problems?: (string | { text?: string; message?: string })[];
  summary?: string;
}

export function AdminTemplatesPage(_: { user: User; route: Route }) {
  const templates = useGet<{ templates: TemplateSummary[] }>("admin/templates");
  return html`<section aria-labelledby="tpl-title">
    <h1 id="tpl-title">${t("templates-title")}</h1>
    <${LoadState} loading=${templates.loading} error=${templates.error} />
    ${(templates.data?.templates ?? []).map(
      (tpl) => html`<section class="card" aria-label=${tpl.title}>
        <h2>${tpl.title}</h2>
        <ul class="versions">${tpl.versions.map(
          (v) => html`<li>
            <strong>${t("version", { n: formatNumber(v.version) })}</strong>${v.current ? ` · ${t("version-current")}` : ""} · ${formatDateTime(v.createdAt)}
            · ${t("questions-n", { n: formatNumber(v.questions) })}${v.periods.length ? ` · ${t("used-by", { periods: v.periods.join(", ") })}` : ""}
          </li>`,
        )}</ul>
        <details>
          <summary>${t("template-questions")}</summary>
          <ol class="question-list">${tpl.questions.map((q) => html`<li>${q.label}${q.required ? "" : ` (${t("optional")})`}</li>`)}</ol>
        </details>
      </section>`,
    )}
    <${ImportTemplate} onDone=${templates.reload} />
  </section>`;
}

function ImportTemplate({ onDone }: { onDone: () => void }) {
  const [file, setFile] = useState<{ name: string; content: string } | undefined>(undefined);
  const [checked, setChecked] = useState<ImportAnswer | undefined>(undefined);
  const action = useAction();
  const pick = async (e: Event) => {
    const f = (e.target as HTMLInputElement).files?.[0];
    setChecked(undefined);
    if (!f) return setFile(undefined);
    const bytes = new Uint8Array(await f.arrayBuffer());
    let binary = "";
    for (const b of bytes) binary += String.fromCharCode(b);
    setFile({ name: f.name, content: btoa(binary) });
  };
  const send = async (step: "preview" | "apply") => {
    if (!file) return;
    const answer = await action.run(
      () => post<ImportAnswer>(`admin/templates/import/${step}`, { fileName: file.name, contentBase64: file.content }),
      step === "apply" ? t("template-imported") : undefined,
    );
    if (step === "apply" && answer) {
      setFile(undefined);
      setChecked(undefined);
      onDone();
    } else setChecked(answer);
  };
  const problems = checked?.problems ?? [];
  return html`<section class="card" aria-labelledby="tpl-imp">
    <h2 id="tpl-imp">${t("template-import-title")}</h2>
    <label class="field"><span>${t("template-file")}</span><input type="file" accept=".yaml,.yml,.json,.xlsx" onChange=${pick} /></label>
    <button type="button" disabled=${!file || action.busy} onClick=${() => void send("preview")}>${t("import-preview")}</button>
    ${checked && html`<div aria-live="polite">
      ${checked.summary && html`<p>${checked.summary}</p>`}
      ${problems.length > 0
        ? html`<h3>${t("import-problems")}</h3><ul class="error">${problems.map((p) => html`<li>${typeof p === "string" ? p : (p.text ?? p.message)}</li>`)}</ul>`
        : html`<button type="button" disabled=${action.busy} onClick=${() => void send("apply")}>${t("import-apply")}</button>`}
    </div>`}
    ${action.error && html`<p class="error" role="alert">${action.notFound ? t("template-import-in-chat") : action.error}</p>`}
  </section>`;
}
