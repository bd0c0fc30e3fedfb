// Coordinators: the agencies as a tree, search, merging (as /reorg), and a CSV import shown as a preview before it is applied.
import { html } from "htm/preact";
import { useMemo, useState } from "preact/hooks";
import { ApiError, post, query, type User } from "../api.ts";
import { useAction } from "../components/action-state.ts";
import { announce } from "../components/announce.ts";
import { errorText, LoadState } from "../components/status.ts";
import { useGet } from "../load-state.ts";
import { MergeForm } from "./admin-agency-merge.ts";
import type { Route } from "../router.ts";
import { formatNumber, t } from "../strings.ts";

interface AgencyRow {
  id: number;
  name: string;
  kind: string;
  kindLabel?: string;
  parentId: number | null;
  active: boolean;
  people: number;
}

interface TreeNode extends AgencyRow {
  children: TreeNode[];
}

function tree(rows: AgencyRow[]): TreeNode[] {
  const nodes = new Map(rows.map((r) => [r.id, { ...r, children: [] as TreeNode[] }]));
  const roots: TreeNode[] = [];
  for (const n of nodes.values()) {
    const parent = n.parentId === null ? undefined : nodes.get(n.parentId);
    (parent ? parent.children : roots).push(n);
  }
  return roots;
}

export function AdminAgenciesPage(_: { user: User; route: Route }) {
  const [q, setQ] = useState("");
  const [typed, setTyped] = useState("");
  const agencies = useGet<{ agencies: AgencyRow[] }>(`admin/agencies${query({ q })}`);
  const roots = useMemo(() => tree(agencies.data?.agencies ?? []), [agencies.data]);
  const all = agencies.data?.agencies ?? [];
  return html`<section aria-labelledby="ag-title">
    <h1 id="ag-title">${t("agencies-admin-title")}</h1>
    <form class="filters card" role="search" onSubmit=${(e: Event) => (e.preventDefault(), setQ(typed))}>
      <label class="field"><span>${t("search")}</span>
        <input type="search" value=${typed} onInput=${(e: Event) => setTyped((e.target as HTMLInputElement).value)} />
      </label>
      <button type="submit">${t("search")}</button>
    </form>
    <${LoadState} loading=${agencies.loading} error=${agencies.error} />
    ${agencies.data && html`<div class="card"><ul class="tree" role="tree" aria-label=${t("agencies-admin-title")}>${roots.map((n) => html`<${Node} node=${n} all=${all} changed=${agencies.reload} />`)}</ul></div>`}
    ${agencies.data && !q && html`<${MergeForm} all=${all} onMerged=${agencies.reload} />`}
    <${ImportForm} onApplied=${agencies.reload} />
  </section>`;
}

function Node({ node, all, changed }: { node: TreeNode; all: AgencyRow[]; changed: () => void }) {
  const label = html`<span class=${node.active ? "" : "inactive"}>${node.name}</span>
    <span class="muted"> · ${node.kindLabel ?? node.kind} · ${t("people-count", { n: formatNumber(node.people) })}${node.active ? "" : ` · ${t("inactive")}`}</span>`;
  const actions = node.active ? html`<${AgencyActions} node=${node} all=${all} changed=${changed} />` : null;
  if (node.children.length === 0) return html`<li role="treeitem">${label}${actions}</li>`;
  return html`<li role="treeitem" aria-expanded="true"><details open><summary>${label}</summary>${actions}
    <ul role="group">${node.children.map((c) => html`<${Node} node=${c} all=${all} changed=${changed} />`)}</ul></details></li>`;
}

/** Rename, move under another agency, deactivate: the chat's reorganisation functions, audited the same way. */
function AgencyActions({ node, all, changed }: { node: TreeNode; all: AgencyRow[]; changed: () => void }) {
  const [name, setName] = useState(node.name);
  const [parent, setParent] = useState(node.parentId === null ? "" : String(node.parentId));
  const action = useAction();
  const run = (path: string, body: unknown, done: string) => void action.run(() => post(`admin/agencies/${node.id}/${path}`, body), done).then((r) => r && changed());
  return html`<details class="agency-actions">
    <summary>${t("agency-actions", { name: node.name })}</summary>
    <form class="inline-form" onSubmit=${(e: Event) => (e.preventDefault(), run("rename", { name }, t("agency-renamed")))}>
      <label class="field"><span>${t("agency-new-name")}</span><input required value=${name} onInput=${(e: Event) => setName((e.target as HTMLInputElement).value)} /></label>
      <button type="submit" class="secondary" disabled=${action.busy}>${t("agency-rename")}</button>
    </form>
    <form class="inline-form" onSubmit=${(e: Event) => (e.preventDefault(), run("move", { parentId: parent ? Number(parent) : null }, t("agency-moved")))}>
      <label class="field"><span>${t("agency-parent")}</span>
        <select value=${parent} onChange=${(e: Event) => setParent((e.target as HTMLSelectElement).value)}>
          <option value="">–</option>
          ${all.filter((a) => a.active && a.id !== node.id).map((a) => html`<option value=${String(a.id)}>${a.name}</option>`)}
        </select>
      </label>
      <button type="submit" class="secondary" disabled=${action.busy}>${t("agency-move")}</button>
    </form>
    <button type="button" class="danger" disabled=${action.busy} onClick=${() => run("deactivate", {}, t("agency-deactivated"))}>${t("deactivate")}</button>
    ${action.error && html`<p class="error" role="alert">${action.error}</p>`}
  </details>`;
}

interface ImportChange {
  line: number;
  code: string;
  name: string;
  change: "create" | "update" | "unchanged";
  before?: { name: string };
}

interface ImportPreview {
  changes: ImportChange[];
  counts: { create: number; update: number; unchanged: number };
}

function ImportForm({ onApplied }: { onApplied: () => void }) {
  const [csv, setCsv] = useState("");
  const [preview, setPreview] = useState<ImportPreview | undefined>(undefined);
  const [problems, setProblems] = useState<string[]>([]);
  const [error, setError] = useState("");
  const run = async (step: "preview" | "apply") => {
    setError("");
    setProblems([]);
    try {
      const answer = await post<ImportPreview>(`admin/agencies/import/${step}`, { csv });
      if (step === "apply") {
        setPreview(undefined);
        setCsv("");
        announce(t("import-applied"));
        onApplied();
      } else setPreview(answer);
    } catch (err) {
      // The file's problems, line by line, in the chat's words; nothing was changed.
      const listed = err instanceof ApiError && Array.isArray(err.body.problems) ? (err.body.problems as { message?: string }[]).map((p) => p.message ?? "") : [];
      if (listed.length) setProblems(listed);
      else setError(err instanceof ApiError && err.status === 404 ? t("agency-import-in-chat") : errorText(err as Error));
      setPreview(undefined);
    }
  };
  const readFile = async (e: Event) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (file) setCsv(await file.text());
  };
  const changed = (preview?.changes ?? []).filter((c) => c.change !== "unchanged");
  return html`<section class="card" aria-labelledby="imp-title">
    <h2 id="imp-title">${t("import-title")}</h2>
    <p class="muted">${t("import-help")}</p>
    <label class="field"><span>${t("import-file")}</span><input type="file" accept=".csv,text/csv" onChange=${readFile} /></label>
    <label class="field"><span>${t("import-text")}</span>
      <textarea rows="5" value=${csv} onInput=${(e: Event) => (setCsv((e.target as HTMLTextAreaElement).value), setPreview(undefined))}></textarea>
    </label>
    <button type="button" disabled=${!csv.trim()} onClick=${() => void run("preview")}>${t("import-preview")}</button>
    ${problems.length > 0 && html`<div role="alert"><h3>${t("import-problems")}</h3><ul class="error">${problems.map((p) => html`<li>${p}</li>`)}</ul></div>`}
    ${preview && html`<div class="preview" aria-live="polite">
      <p>${t("import-counts", { create: formatNumber(preview.counts.create), update: formatNumber(preview.counts.update), unchanged: formatNumber(preview.counts.unchanged) })}</p>
      ${changed.length > 0 && html`<h3>${t("import-changes")}</h3>
        <ul>${changed.map((c) => html`<li>${t("line", { n: c.line })}: ${c.code} · ${c.before && c.before.name !== c.name ? `${c.before.name} → ${c.name}` : c.name} (${t(`import-${c.change}`)})</li>`)}</ul>`}
      <button type="button" disabled=${changed.length === 0} onClick=${() => void run("apply")}>${t("import-apply")}</button>
    </div>`}
    ${error && html`<p class="error" role="alert">${error}</p>`}
  </section>`;
}
