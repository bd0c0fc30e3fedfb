// Coordinators: people, their roles (add/remove), deactivation and reactivation, invitations.
import { html } from "htm/preact";
import { useState } from "preact/hooks";
import { post, query, type User } from "../api.ts";
import { announce } from "../components/announce.ts";
import { errorText, LoadState } from "../components/status.ts";
import { useGet } from "../load-state.ts";
import type { Route } from "../router.ts";
import { t } from "../strings.ts";

interface Person {
  id: number;
  name: string;
  telegramId: string | number | null;
  agency: string | null;
  roles: string[];
  active: boolean;
}

export const ROLES = ["admin", "coordinator", "leader", "reporter"] as const;

export function AdminPeoplePage({ user }: { user: User; route: Route }) {
  const [q, setQ] = useState("");
  const [typed, setTyped] = useState("");
  const people = useGet<{ people: Person[] }>(`admin/people${query({ q })}`);
  return html`<section aria-labelledby="people-title">
    <h1 id="people-title">${t("people-title")}</h1>
    <form class="filters card" role="search" onSubmit=${(e: Event) => (e.preventDefault(), setQ(typed))}>
      <label class="field"><span>${t("search")}</span>
        <input type="search" name="q" value=${typed} onInput=${(e: Event) => setTyped((e.target as HTMLInputElement).value)} />
      </label>
      <button type="submit">${t("search")}</button>
    </form>
    <${LoadState} loading=${people.loading} error=${people.error} />
    ${people.data && (people.data.people.length === 0
      ? html`<p class="muted">${t("none")}</p>`
      : html`<ul class="people">${people.data.people.map((p) => html`<${PersonCard} key=${p.id} person=${p} onChanged=${people.reload} />`)}</ul>`)}
    <${InviteForm} user=${user} />
  </section>`;
}

function PersonCard({ person, onChanged }: { person: Person; onChanged: () => void }) {
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState("");
  const act = async (path: string, body: unknown, done: string) => {
    setBusy(true);
    setError("");
    try {
      await post(`admin/people/${person.id}/${path}`, body);
      announce(done);
      onChanged();
    } catch (err) {
      setError(errorText(err as Error));
    } finally {
      setBusy(false);
    }
  };
  const toggle = (role: string, on: boolean) =>
    act("roles", on ? { add: [role] } : { remove: [role] }, t(on ? "role-added" : "role-removed", { name: person.name, role: t(`role-${role}`) }));
  const errorId = `person-${person.id}-error`;
  return html`<li class="card person" data-testid=${`person-${person.id}`}>
    <h2 class="person-name">${person.name} ${!person.active && html`<span class="badge status-missing">${t("inactive")}</span>`}</h2>
    <p class="muted">${person.agency ?? t("no-agency")}</p>
    <fieldset disabled=${busy} aria-describedby=${error ? errorId : undefined}>
      <legend>${t("roles")}</legend>
      <ul class="choices">
        ${ROLES.map(
          (r) => html`<li><label><input type="checkbox" name=${`role-${person.id}`} value=${r} checked=${person.roles.includes(r)}
            onChange=${(e: Event) => void toggle(r, (e.target as HTMLInputElement).checked)} /> ${t(`role-${r}`)}</label></li>`,
        )}
      </ul>
    </fieldset>
    ${person.active
      ? html`<details>
          <summary>${t("deactivate")}</summary>
          <form onSubmit=${(e: Event) => (e.preventDefault(), void act("deactivate", { reason }, t("deactivated", { name: person.name })))}>
            <label class="field"><span>${t("deactivate-reason")}</span>
              <input required value=${reason} onInput=${(e: Event) => setReason((e.target as HTMLInputElement).value)} />
            </label>
            <button type="submit" class="danger" disabled=${busy}>${t("deactivate")}</button>
          </form>
        </details>`
      : html`<button type="button" class="secondary" disabled=${busy} onClick=${() => void act("reactivate", {}, t("reactivated", { name: person.name }))}>${t("reactivate")}</button>`}
    ${error && html`<p class="error" role="alert" id=${errorId}>${error}</p>`}
  </li>`;
}

function InviteForm({ user }: { user: User }) {
  const agencies = useGet<{ agencies: { id: number; name: string; active: boolean }[] }>("admin/agencies");
  const [agencyId, setAgencyId] = useState("");
  const [role, setRole] = useState("reporter");
  const [link, setLink] = useState("");
  const [error, setError] = useState("");
  const submit = async (e: Event) => {
    e.preventDefault();
    setError("");
    try {
      const answer = await post<{ link: string }>("admin/invitations", { agencyId: agencyId ? Number(agencyId) : null, role });
      setLink(answer.link);
      announce(t("invite-made"));
    } catch (err) {
      setError(errorText(err as Error));
    }
  };
  const list = agencies.data?.agencies.filter((a) => a.active) ?? user.agencies;
  return html`<section class="card" aria-labelledby="invite-title">
    <h2 id="invite-title">${t("invite-title")}</h2>
    <form onSubmit=${submit}>
      <label class="field"><span>${t("invite-agency")}</span>
        <select value=${agencyId} onChange=${(e: Event) => setAgencyId((e.target as HTMLSelectElement).value)}>
          <option value="">${t("no-agency")}</option>
          ${list.map((a) => html`<option value=${String(a.id)}>${a.name}</option>`)}
        </select>
      </label>
      <label class="field"><span>${t("invite-role")}</span>
        <select value=${role} onChange=${(e: Event) => setRole((e.target as HTMLSelectElement).value)}>
          ${ROLES.map((r) => html`<option value=${r}>${t(`role-${r}`)}</option>`)}
        </select>
      </label>
      <button type="submit">${t("invite-make")}</button>
    </form>
    ${link && html`<p><label class="field"><span>${t("invite-link")}</span><input readonly value=${link} onFocus=${(e: Event) => (e.target as HTMLInputElement).select()} /></label></p>`}
    ${error && html`<p class="error" role="alert">${error}</p>`}
  </section>`;
}
