// The frame around every page: title, who is signed in, the navigation the person's roles allow, the page.
import { html } from "htm/preact";
import type { User } from "../api.ts";
import { href, useRoute, type Route } from "../router.ts";
import { t } from "../strings.ts";
import { LiveStatus } from "./announce.ts";
import { AgencyPage } from "../pages/agency.ts";
import { ComparePage } from "../pages/compare.ts";
import { DashboardPage } from "../pages/dashboard.ts";
import { ExportsPage } from "../pages/exports.ts";
import { FilingPage } from "../pages/filing.ts";
import { RankingPage } from "../pages/ranking.ts";
import { TrendPage } from "../pages/trend.ts";
import { AdminAgenciesPage } from "../pages/admin-agencies.ts";
import { AdminPeoplePage } from "../pages/admin-people.ts";
import { AdminPeriodsPage } from "../pages/admin-periods.ts";
import { AdminTemplatesPage } from "../pages/admin-templates.ts";
import { AdminBroadcastsPage } from "../pages/admin-broadcasts.ts";

const isCoordinator = (u: User) => u.roles.includes("admin") || u.roles.includes("coordinator");
const isLeader = (u: User) => isCoordinator(u) || u.roles.includes("leader");
const isReporter = (u: User) => u.roles.includes("reporter");

interface Page {
  path: string;
  label: string;
  allowed: (u: User) => boolean;
  view: (props: { user: User; route: Route }) => unknown;
}

function pages(): Page[] {
  return [
    { path: "dashboard", label: t("nav-dashboard"), allowed: isLeader, view: DashboardPage },
    { path: "compare", label: t("nav-compare"), allowed: isLeader, view: ComparePage },
    { path: "ranking", label: t("nav-ranking"), allowed: isLeader, view: RankingPage },
    { path: "trend", label: t("nav-trend"), allowed: isLeader, view: TrendPage },
    { path: "exports", label: t("nav-exports"), allowed: isLeader, view: ExportsPage },
    { path: "filing", label: t("nav-filing"), allowed: isReporter, view: FilingPage },
    { path: "admin/agencies", label: t("nav-agencies"), allowed: isCoordinator, view: AdminAgenciesPage },
    { path: "admin/people", label: t("nav-people"), allowed: isCoordinator, view: AdminPeoplePage },
    { path: "admin/periods", label: t("nav-periods"), allowed: isCoordinator, view: AdminPeriodsPage },
    { path: "admin/templates", label: t("nav-templates"), allowed: isCoordinator, view: AdminTemplatesPage },
    { path: "admin/broadcasts", label: t("nav-broadcasts"), allowed: isCoordinator, view: AdminBroadcastsPage },
  ];
}

export function Shell({ user }: { user: User }) {
  const route = useRoute();
  const allowed = pages().filter((p) => p.allowed(user));
  const path = route.parts[0] === "agency" ? "agency" : route.parts.slice(0, route.parts[0] === "admin" ? 2 : 1).join("/");
  const page = path === "agency" && isLeader(user) ? undefined : (allowed.find((p) => p.path === path) ?? allowed[0]);
  const activePath = page?.path ?? path;
  return html`<a class="skip" href="#main" onClick=${skipToMain}>${t("skip-to-content")}</a>
    <header class="top">
      <p class="app-title">${t("app-title")}</p>
      <p class="who">${user.name}</p>
    </header>
    <nav class="tabs" aria-label=${t("nav-label")}>
      <ul>
        ${allowed.map(
          (p) => html`<li><a href=${href(p.path)} aria-current=${p.path === activePath ? "page" : undefined}>${p.label}</a></li>`,
        )}
      </ul>
    </nav>
    <main id="main" tabindex="-1">
      ${path === "agency" && isLeader(user)
        ? html`<${AgencyPage} user=${user} route=${route} />`
        : page
          ? html`<${page.view} user=${user} route=${route} />`
          : html`<p class="error" role="alert">${t("no-pages")}</p>`}
    </main>
    <${LiveStatus} />`;
}

/** The skip link moves focus to the page itself without touching the hash routes. */
function skipToMain(e: Event): void {
  e.preventDefault();
  document.getElementById("main")?.focus();
}
