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
  const agencies = useGet<{ agencies: AgencyOption[] }>("admin/agencies");
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
      : html`<ul class="people">${people.data.people.map((p) => html`<${PersonCard} key=${p.id} person=${p} agencies=${agencies.data?.agencies ?? []} onChanged=${people.reload} />`)}</ul>`)}
    <${InviteForm} user=${user} agencies=${agencies.data?.agencies} />
  </section>`;
}

type AgencyOption = { id: number; name: string; active: boolean };

/** Which roles take an agency: a reporter always, a leader optionally (province-wide without), the others never. */
const AGENCY_RULE: Record<string, "required" | "optional" | "none"> = { reporter: "required", leader: "optional", admin: "none", coordinator: "none" };

/** "reporter:12" → "Người báo cáo · Sở X"; "leader" → "Lãnh đạo". */
function roleText(ref: string, agencies: Map<number, string>): string {
  const [role = "", agency] = ref.split(":");
  const name = agency ? agencies.get(Number(agency)) : undefined;
  return name ? `${t(`role-${role}`)} · ${name}` : t(`role-${role}`);
}

function PersonCard({ person, agencies, onChanged }: { person: Person; agencies: AgencyOption[]; onChanged: () => void }) {
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState("");
  const [role, setRole] = useState<string>("leader");
  const [agencyId, setAgencyId] = useState("");
  const names = new Map(agencies.map((a) => [a.id, a.name]));
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
  const rule = AGENCY_RULE[role] ?? "none";
  const ref = rule !== "none" && agencyId ? `${role}:${agencyId}` : role;
  const errorId = `person-${person.id}-error`;
  const formId = `person-${person.id}-add`;
  return html`<li class="card person" data-testid=${`person-${person.id}`}>
    <h2 class="person-name">${person.name} ${!person.active && html`<span class="badge status-missing">${t("inactive")}</span>`}</h2>
    <p class="muted">${person.agency ?? t("no-agency")}</p>
    <h3>${t("roles")}</h3>
    <ul class="roles">
      ${person.roles.map(
        (r) => html`<li><span>${roleText(r, names)}</span>
          <button type="button" class="secondary small" disabled=${busy} aria-label=${t("role-remove-named", { role: roleText(r, names) })}
            onClick=${() => void act("roles", { remove: [r] }, t("role-removed", { name: person.name, role: roleText(r, names) }))}>${t("role-remove")}</button></li>`,
      )}
    </ul>
    <form class="inline-form" aria-labelledby=${formId} aria-describedby=${error ? errorId : undefined}
      onSubmit=${(e: Event) => (e.preventDefault(), void act("roles", { add: [ref] }, t("role-added", { name: person.name, role: roleText(ref, names) })))}>
      <span id=${formId} class="sr-only">${t("role-add")}</span>
      <label class="field"><span>${t("invite-role")}</span>
        <select value=${role} onChange=${(e: Event) => setRole((e.target as HTMLSelectElement).value)}>
          ${ROLES.map((r) => html`<option value=${r}>${t(`role-${r}`)}</option>`)}
        </select>
      </label>
      ${rule !== "none" && html`<label class="field"><span>${t("invite-agency")}</span>
        <select value=${agencyId} required=${rule === "required"} onChange=${(e: Event) => setAgencyId((e.target as HTMLSelectElement).value)}>
          <option value="">${rule === "required" ? "–" : t("whole-province")}</option>
          ${agencies.filter((a) => a.active).map((a) => html`<option value=${String(a.id)}>${a.name}</option>`)}
        </select>
      </label>`}
      <button type="submit" disabled=${busy || (rule === "required" && !agencyId)}>${t("role-add")}</button>
    </form>
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

function InviteForm({ user, agencies }: { user: User; agencies: AgencyOption[] | undefined }) {
  const [agencyId, setAgencyId] = useState("");
  const [role, setRole] = useState("reporter");
  const [link, setLink] = useState("");
  const [error, setError] = useState("");
  const submit = async (e: Event) => {
    e.preventDefault();
    setError("");
    try {
      const answer = await post<{ link: string | null; code: string }>("admin/invitations", { agencyId: agencyId ? Number(agencyId) : null, role });
      // Without the bot's username (BOT_USERNAME) there is no deep link; the code is typed as /start <code>.
      setLink(answer.link ?? `/start ${answer.code}`);
      announce(t("invite-made"));
    } catch (err) {
      setError(errorText(err as Error));
    }
  };
  const list = agencies?.filter((a) => a.active) ?? user.agencies;
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
