import { inLocale, periodLabel } from "../../format/period-label.ts";
import { templateVersions } from "../templates/templates.table.ts";
import { eq } from "drizzle-orm";
import type { Translate } from "../../bot/i18n.ts";
import type { Db } from "../../db/client.ts";
import { loadKindCatalogue } from "../agencies/agency-kinds.repository.ts";
import { periods } from "../reports/reports.table.ts";
import type { Audience } from "./audience.ts";

/** The audience in words, for the preview and /broadcasts. */
export async function describeAudience(db: Db, t: Translate, locale: string, audience: Audience): Promise<string> {
  switch (audience.type) {
    case "all":
      return t(locale, "broadcast-describe-all");
    case "roles":
      return t(locale, "broadcast-describe-roles", { roles: audience.roles.map((r) => t(locale, `broadcast-role-${r}`)).join(", ") });
    case "kinds":
    {
      const catalogue = await loadKindCatalogue(db);
      return t(locale, "broadcast-describe-kinds", { kinds: audience.kinds.map((k) => catalogue.label(k, locale, (key) => t(locale, key))).join(", ") });
    }
    case "agencies":
      return t(locale, "broadcast-describe-agencies", { count: audience.agencyIds.length });
    case "overdue": {
      const [p] = await db
        .select({ key: periods.periodKey, definition: templateVersions.definition })
        .from(periods)
        .innerJoin(templateVersions, eq(templateVersions.id, periods.templateVersionId))
        .where(eq(periods.id, audience.periodId));
      const period = p ? `${inLocale(p.definition.title, locale)}, ${periodLabel(p.key, (key, args) => t(locale, key, args))}` : `#${audience.periodId}`;
      return t(locale, "broadcast-describe-overdue", { period });
    }
  }
}
