// The period's exports, as the chat's /export gives them: Excel, Word, CSV.
import { html } from "htm/preact";
import type { User } from "../api.ts";
import { PeriodPicker } from "../components/period-picker.ts";
import { navigate, type Route } from "../router.ts";
import { t } from "../strings.ts";
import { usePeriodParam } from "./dashboard.ts";

const FORMATS = ["xlsx", "docx", "csv"] as const;

export function ExportsPage({ route }: { user: User; route: Route }) {
  const [asked, periods] = usePeriodParam(route);
  const period = asked || periods.data?.current || "";
  return html`<section aria-labelledby="exp-title">
    <div class="page-head">
      <h1 id="exp-title">${t("exports-title")}</h1>
      <${PeriodPicker} periods=${periods.data} value=${period} onChange=${(p: string) => navigate("exports", { period: p })} />
    </div>
    <ul class="card links">
      ${FORMATS.map((f) => html`<li><a href=${`/console/api/export/${f}?period=${encodeURIComponent(period)}`} download>${t(`export-${f}`)}</a></li>`)}
    </ul>
  </section>`;
}
