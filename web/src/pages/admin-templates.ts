// Coordinators: the installed templates with their versions (which periods use each), each version's questions
// exactly as the chat shows them (the reporter's screen and its rules), the version that applies from now on or
// to a period nobody has started, and a new version imported from a file after a preview.
import { html } from "htm/preact";
import { useState } from "preact/hooks";
import { post, type User } from "../api.ts";
import { useAction } from "../components/action-state.ts";
import { announce } from "../components/announce.ts";
import { LoadState } from "../components/status.ts";
import { TelegramText, type Entity } from "../components/telegram-text.ts";
import { useGet } from "../load-state.ts";
import type { Route } from "../router.ts";
import { formatDateTime, formatNumber, t } from "../strings.ts";
import { TemplateImport } from "./admin-template-import.ts";

interface VersionRow {
  id: number;
  version: number;
  createdAt: string;
  questions: number;
  current: boolean;
  periods: string[];
}

interface TemplateSummary {
  id: string;
  title: string;
  versions: VersionRow[];
}

interface VersionPreview {
  screens: { key: string; text: string; entities: Entity[]; buttons: string[][] }[];
  periods: { id: number; label: string; usesThisVersion: boolean }[];
}

export function AdminTemplatesPage(_: { user: User; route: Route }) {
  const templates = useGet<{ templates: TemplateSummary[] }>("admin/templates");
  return html`<section aria-labelledby="tpl-title">
    <h1 id="tpl-title">${t("templates-title")}</h1>
    <${LoadState} loading=${templates.loading} error=${templates.error} />
    ${(templates.data?.templates ?? []).map(
      (tpl) => html`<section class="card" aria-label=${tpl.title} key=${tpl.id}>
        <h2>${tpl.title}</h2>
        <ul class="versions">${tpl.versions.map((v) => html`<${VersionItem} templateId=${tpl.id} v=${v} onChanged=${templates.reload} key=${v.id} />`)}</ul>
      </section>`,
    )}
    <${TemplateImport} onDone=${templates.reload} />
  </section>`;
}

function VersionItem({ templateId, v, onChanged }: { templateId: string; v: VersionRow; onChanged: () => void }) {
  const [open, setOpen] = useState(false);
  const preview = useGet<VersionPreview>(open ? `admin/templates/versions/${v.id}/preview` : undefined);
  const action = useAction();
  const [period, setPeriod] = useState("");
  const done = async (work: () => Promise<{ message: string }>) => {
    const r = await action.run(work);
    if (r) {
      announce(r.message);
      onChanged();
      preview.reload();
    }
  };
  const periods = (preview.data?.periods ?? []).filter((p) => !p.usesThisVersion);
  return html`<li>
    <strong>${t("version", { n: formatNumber(v.version) })}</strong>${v.current ? ` · ${t("version-current")}` : ""} · ${formatDateTime(v.createdAt)}${" · "}${t("questions-n", { n: formatNumber(v.questions) })}${v.periods.length ? ` · ${t("used-by", { periods: v.periods.join(", ") })}` : ""}
    <div class="actions">
      <button type="button" class="secondary" aria-expanded=${open} onClick=${() => setOpen(!open)}>${t(open ? "template-hide-questions" : "template-show-questions")}</button>
      ${!v.current && html`<button type="button" disabled=${action.busy} onClick=${() => void done(() => post(`admin/templates/${templateId}/current`, { version: v.version }))}>${t("template-use-version")}</button>`}
    </div>
    ${action.error && html`<p class="error" role="alert">${action.error}</p>`}
    ${open && html`<div>
      <${LoadState} loading=${preview.loading} error=${preview.error} />
      ${periods.length > 0 && html`<div class="field inline">
        <select aria-label=${t("template-period")} value=${period} onChange=${(e: Event) => setPeriod((e.target as HTMLSelectElement).value)}>
          <option value="">${t("template-period")}</option>
          ${periods.map((p) => html`<option value=${String(p.id)}>${p.label}</option>`)}
        </select>
        <button type="button" disabled=${!period || action.busy} onClick=${() => void done(() => post(`admin/templates/versions/${v.id}/period/${period}`, {}))}>${t("template-apply-period")}</button>
      </div>`}
      ${(preview.data?.screens ?? []).map(
        (s) => html`<div class="card screen" key=${s.key} data-testid=${`screen-${s.key}`}>
          <div class="bubble"><${TelegramText} text=${s.text} entities=${s.entities} /></div>
          ${s.buttons.map((row) => html`<p class="button-row">${row.map((b) => html`<span class="inline-button">${b}</span>`)}</p>`)}
        </div>`,
      )}
    </div>`}
  </li>`;
}
