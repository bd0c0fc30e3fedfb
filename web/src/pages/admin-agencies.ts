// Coordinators: the agencies as a tree, search, and a CSV import shown as a preview before it is applied.
import { html } from "htm/preact";
import { useMemo, useState } from "preact/hooks";
import { post, query, type User } from "../api.ts";
import { announce } from "../components/announce.ts";
import { errorText, LoadState } from "../components/status.ts";
import { useGet } from "../load-state.ts";
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
  return html`<section aria-labelledby="ag-title">
    <h1 id="ag-title">${t("agencies-admin-title")}</h1>
    <form class="filters card" role="search" onSubmit=${(e: Event) => (e.preventDefault(), setQ(typed))}>
      <label class="field"><span>${t("search")}</span>
        <input type="search" value=${typed} onInput=${(e: Event) => setTyped((e.target as HTMLInputElement).value)} />
      </label>
      <button type="submit">${t("search")}</button>
    </form>
    <${LoadState} loading=${agencies.loading} error=${agencies.error} />
    ${agencies.data && html`<div class="card"><ul class="tree" role="tree" aria-label=${t("agencies-admin-title")}>${roots.map((n) => html`<${Node} node=${n} />`)}</ul></div>`}
    <${ImportForm} onApplied=${agencies.reload} />
  </section>`;
}

function Node({ node }: { node: TreeNode }) {
  const label = html`<span class=${node.active ? "" : "inactive"}>${node.name}</span>
    <span class="muted"> · ${node.kindLabel ?? node.kind} · ${t("people-count", { n: formatNumber(node.people) })}${node.active ? "" : ` · ${t("inactive")}`}</span>`;
  if (node.children.length === 0) return html`<li role="treeitem">${label}</li>`;
  return html`<li role="treeitem" aria-expanded="true"><details open><summary>${label}</summary>
    <ul role="group">${node.children.map((c) => html`<${Node} node=${c} />`)}</ul></details></li>`;
}

interface ImportPreview {
  changes?: { kind?: string; action?: string; code?: string; name?: string; text?: string }[];
  problems?: { line?: number; text?: string; message?: string; kind?: string }[];
  summary?: string;
}

function ImportForm({ onApplied }: { onApplied: () => void }) {
  const [csv, setCsv] = useState("");
  const [preview, setPreview] = useState<ImportPreview | undefined>(undefined);
  const [error, setError] = useState("");
  const run = async (step: "preview" | "apply") => {
    setError("");
    try {
      const answer = await post<ImportPreview>(`admin/agencies/import/${step}`, { csv });
      if (step === "apply") {
        setPreview(undefined);
        setCsv("");
        announce(t("import-applied"));
        onApplied();
      } else setPreview(answer);
    } catch (err) {
      setError(errorText(err as Error));
    }
  };
  const readFile = async (e: Event) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (file) setCsv(await file.text());
  };
  const problems = preview?.problems ?? [];
  return html`<section class="card" aria-labelledby="imp-title">
    <h2 id="imp-title">${t("import-title")}</h2>
    <p class="muted">${t("import-help")}</p>
    <label class="field"><span>${t("import-file")}</span><input type="file" accept=".csv,text/csv" onChange=${readFile} /></label>
    <label class="field"><span>${t("import-text")}</span>
      <textarea rows="5" value=${csv} onInput=${(e: Event) => (setCsv((e.target as HTMLTextAreaElement).value), setPreview(undefined))}></textarea>
    </label>
    <button type="button" disabled=${!csv.trim()} onClick=${() => void run("preview")}>${t("import-preview")}</button>
    ${preview && html`<div class="preview" aria-live="polite">
      ${preview.summary && html`<p>${preview.summary}</p>`}
      ${(preview.changes ?? []).length > 0 && html`<h3>${t("import-changes")}</h3>
        <ul>${preview.changes!.map((c) => html`<li>${c.text ?? [c.action ?? c.kind, c.code, c.name].filter(Boolean).join(" · ")}</li>`)}</ul>`}
      ${problems.length > 0
        ? html`<h3>${t("import-problems")}</h3><ul class="error">${problems.map((p) => html`<li>${p.line ? `${t("line", { n: p.line })}: ` : ""}${p.text ?? p.message ?? p.kind}</li>`)}</ul>`
        : html`<button type="button" onClick=${() => void run("apply")}>${t("import-apply")}</button>`}
    </div>`}
    ${error && html`<p class="error" role="alert">${error}</p>`}
  </section>`;
}
