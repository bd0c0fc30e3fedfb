// Coordinators: a broadcast composed with its preview (exactly what recipients get, and how many), sent through the
// chat's code and the outbox, then the recent broadcasts with delivery and acknowledgement status.
import { html } from "htm/preact";
import { useState } from "preact/hooks";
import { post, type User } from "../api.ts";
import { useAction } from "../components/action-state.ts";
import { AudiencePicker, type AudienceChoice, type AudienceOptions } from "../components/broadcast-audience.ts";
import { LoadState } from "../components/status.ts";
import { useGet } from "../load-state.ts";
import type { Route } from "../router.ts";
import { formatDateTime, formatNumber, t } from "../strings.ts";

interface BroadcastRow {
  id: number;
  text: string;
  createdAt: string;
  audience: string;
  requireAck: boolean;
  total: number;
  delivered: number;
  failed: number;
  pending: number;
  acknowledged: number;
}

interface Preview {
  preview: { text: string; button: string | null };
  recipients: number;
  summary: string;
}

export function AdminBroadcastsPage(_: { user: User; route: Route }) {
  const list = useGet<{ broadcasts: BroadcastRow[] }>("admin/broadcasts");
  const options = useGet<AudienceOptions>("admin/broadcasts/options");
  const [text, setText] = useState("");
  const [audience, setAudience] = useState<AudienceChoice>({ type: "all" });
  const [requireAck, setRequireAck] = useState(true);
  const [preview, setPreview] = useState<Preview | undefined>(undefined);
  const action = useAction();
  const body = () => ({ text, audience, requireAck });
  const changed = <T,>(set: (v: T) => void) => (v: T) => (set(v), setPreview(undefined));
  const showPreview = async (e: Event) => {
    e.preventDefault();
    setPreview(await action.run(() => post<Preview>("admin/broadcasts/preview", body())));
  };
  const send = async () => {
    const sent = await action.run(() => post<{ id: number; total: number }>("admin/broadcasts", body()), t("broadcast-sent"));
    if (sent) {
      setText("");
      setPreview(undefined);
      list.reload();
    }
  };
  return html`<section aria-labelledby="bc-title">
    <h1 id="bc-title">${t("broadcasts-title")}</h1>
    <form class="card" onSubmit=${showPreview} aria-labelledby="bc-compose">
      <h2 id="bc-compose">${t("broadcast-compose")}</h2>
      <${AudiencePicker} options=${options.data} value=${audience} onChange=${changed(setAudience)} />
      <label class="field"><span>${t("broadcast-text")}</span>
        <textarea rows="5" required maxlength="4096" value=${text} onInput=${(e: Event) => changed(setText)((e.target as HTMLTextAreaElement).value)}></textarea>
      </label>
      <label class="check"><input type="checkbox" checked=${requireAck} onChange=${() => changed(setRequireAck)(!requireAck)} /> ${t("broadcast-require-ack")}</label>
      <p class="muted">${t("broadcast-media-in-chat")}</p>
      <button type="submit" disabled=${!text.trim() || action.busy}>${t("preview")}</button>
    </form>
    ${preview && html`<section class="card" aria-labelledby="bc-prev" aria-live="polite">
      <h2 id="bc-prev">${t("broadcast-preview-title")}</h2>
      <div class="bubble" data-testid="broadcast-preview">${preview.preview.text}</div>
      ${preview.preview.button && html`<p><span class="inline-button">${preview.preview.button}</span></p>`}
      <p>${preview.summary}</p>
      <button type="button" disabled=${action.busy} onClick=${() => void send()}>${t("broadcast-send")}</button>
    </section>`}
    ${action.error && html`<p class="error" role="alert">${action.error}</p>`}
    <h2>${t("broadcast-status")}</h2>
    <${LoadState} loading=${list.loading} error=${list.error} />
    ${list.data && list.data.broadcasts.length === 0 && html`<p class="muted">${t("broadcast-none")}</p>`}
    ${(list.data?.broadcasts ?? []).map((b) => html`<${BroadcastCard} b=${b} key=${b.id} />`)}
  </section>`;
}

function BroadcastCard({ b }: { b: BroadcastRow }) {
  const [open, setOpen] = useState(false);
  const detail = useGet<{ unacknowledged: { name: string | null; agencies: string | null }[]; undelivered: { name: string | null; status: string }[] }>(
    open ? `admin/broadcasts/${b.id}` : undefined,
  );
  return html`<article class="card broadcast" aria-label=${`#${b.id}`}>
    <p class="muted">#${b.id} · ${formatDateTime(b.createdAt)} · ${b.audience}</p>
    <p class="clip-text">${b.text}</p>
    <p>${t("broadcast-figures", { sent: formatNumber(b.delivered), total: formatNumber(b.total), failed: formatNumber(b.failed), pending: formatNumber(b.pending) })}
      ${b.requireAck ? html`<br />${t("broadcast-acked", { acked: formatNumber(b.acknowledged), sent: formatNumber(b.delivered) })}` : ""}</p>
    <button type="button" class="secondary" aria-expanded=${open} onClick=${() => setOpen(!open)}>${t(open ? "broadcast-hide" : "broadcast-show")}</button>
    ${open && html`<div>
      <${LoadState} loading=${detail.loading} error=${detail.error} />
      ${detail.data && b.requireAck && html`<h3>${t("broadcast-unacked", { n: formatNumber(detail.data.unacknowledged.length) })}</h3>
        <ul>${detail.data.unacknowledged.map((p) => html`<li>${p.name ?? t("broadcast-unknown-person")}${p.agencies ? ` — ${p.agencies}` : ""}</li>`)}</ul>`}
      ${detail.data && detail.data.undelivered.length > 0 && html`<h3>${t("broadcast-undelivered", { n: formatNumber(detail.data.undelivered.length) })}</h3>
        <ul>${detail.data.undelivered.map((p) => html`<li>${p.name ?? t("broadcast-unknown-person")}</li>`)}</ul>`}
    </div>`}
  </article>`;
}
