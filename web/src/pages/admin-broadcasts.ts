// Coordinators: a broadcast composed with its preview, sent through the outbox, then its delivery and
// acknowledgement figures.
import { html } from "htm/preact";
import { useState } from "preact/hooks";
import { ApiError, post, type User } from "../api.ts";
import { useAction } from "../components/action-state.ts";
import { LoadState } from "../components/status.ts";
import { useGet } from "../load-state.ts";
import type { Route } from "../router.ts";
import { formatDateTime, formatNumber, t } from "../strings.ts";

interface BroadcastRow {
  id: number;
  text: string;
  createdAt: string;
  audience?: string;
  total: number;
  delivered: number;
  failed: number;
  acknowledged: number;
}

const AUDIENCES = ["reporters", "leaders", "all"] as const;

export function AdminBroadcastsPage(_: { user: User; route: Route }) {
  const list = useGet<{ broadcasts: BroadcastRow[] }>("admin/broadcasts");
  const [text, setText] = useState("");
  const [audience, setAudience] = useState<string>("reporters");
  const [preview, setPreview] = useState<{ preview: string; recipients: number } | undefined>(undefined);
  const action = useAction();
  const showPreview = async (e: Event) => {
    e.preventDefault();
    setPreview(await action.run(() => post<{ preview: string; recipients: number }>("admin/broadcasts/preview", { text, audience })));
  };
  const send = async () => {
    const sent = await action.run(() => post("admin/broadcasts", { text, audience }), t("broadcast-sent"));
    if (sent) {
      setText("");
      setPreview(undefined);
      list.reload();
    }
  };
  // A server without the broadcasts endpoints: say where the work is done instead of showing a broken form.
  if (list.error instanceof ApiError && list.error.status === 404)
    return html`<section aria-labelledby="bc-title"><h1 id="bc-title">${t("broadcasts-title")}</h1><p class="card">${t("broadcasts-in-chat")}</p></section>`;
  return html`<section aria-labelledby="bc-title">
    <h1 id="bc-title">${t("broadcasts-title")}</h1>
    <form class="card" onSubmit=${showPreview}>
      <h2>${t("broadcast-compose")}</h2>
      <label class="field"><span>${t("broadcast-text")}</span>
        <textarea rows="5" required value=${text} onInput=${(e: Event) => (setText((e.target as HTMLTextAreaElement).value), setPreview(undefined))}></textarea>
      </label>
      <label class="field"><span>${t("broadcast-audience")}</span>
        <select value=${audience} onChange=${(e: Event) => (setAudience((e.target as HTMLSelectElement).value), setPreview(undefined))}>
          ${AUDIENCES.map((a) => html`<option value=${a}>${t(`audience-${a}`)}</option>`)}
        </select>
      </label>
      <button type="submit" disabled=${!text.trim() || action.busy}>${t("preview")}</button>
    </form>
    ${preview && html`<section class="card" aria-labelledby="bc-prev">
      <h2 id="bc-prev">${t("preview")}</h2>
      <p class="bubble">${preview.preview}</p>
      <p>${t("broadcast-recipients", { n: formatNumber(preview.recipients) })}</p>
      <button type="button" disabled=${action.busy} onClick=${() => void send()}>${t("broadcast-send")}</button>
    </section>`}
    ${action.error && html`<p class="error" role="alert">${action.error}</p>`}
    <${LoadState} loading=${list.loading} error=${list.error} />
    <div class="table-wrap card"><table>
      <caption>${t("broadcast-status")}</caption>
      <thead><tr><th scope="col">${t("col-sent-at")}</th><th scope="col">${t("broadcast-text")}</th><th scope="col">${t("col-delivered")}</th><th scope="col">${t("col-acknowledged")}</th></tr></thead>
      <tbody>${(list.data?.broadcasts ?? []).map(
        (b) => html`<tr><td>${formatDateTime(b.createdAt)}</td><td class="clip">${b.text}</td>
          <td>${formatNumber(b.delivered)}/${formatNumber(b.total)}${b.failed ? ` (${t("failed-n", { n: formatNumber(b.failed) })})` : ""}</td>
          <td>${formatNumber(b.acknowledged)}</td></tr>`,
      )}</tbody>
    </table></div>
  </section>`;
}
