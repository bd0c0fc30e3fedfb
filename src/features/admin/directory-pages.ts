import type { Translate } from "../../bot/i18n.ts";
import { orderAsTree } from "../agencies/agency-tree.ts";
import type { Agency } from "../agencies/agencies.table.ts";
import { KindCatalogue } from "../agencies/agency-kinds.ts";
import { membershipLabel } from "../people/membership-label.ts";
import type { PersonWithRoles } from "../people/people.repository.ts";
import { paginateBlocks } from "../../format/paginate-text.ts";

type AgencyRow = Pick<Agency, "id" | "code" | "name" | "kind" | "parentId" | "active">;

/** The hierarchy as indented lines, split into pages that fit in one message. */
export function agencyDirectoryPages(agencies: AgencyRow[], t: Translate, locale: string, kinds = new KindCatalogue([])): string[] {
  const lines = orderAsTree(agencies).map(({ agency: a, depth }) => {
    const inactive = a.active ? "" : ` ${t(locale, "admin-inactive-mark")}`;
    return `${"    ".repeat(depth)}• ${a.code} — ${a.name} (${kinds.label(a.kind, locale, (key) => t(locale, key))})${inactive}`;
  });
  return paginateBlocks(lines);
}

/** One block per person: the name, then one line per role. */
export function peopleDirectoryPages(
  people: PersonWithRoles[],
  agencies: Map<number, Pick<Agency, "code" | "name">>,
  t: Translate,
  locale: string,
): string[] {
  const blocks = people.map(({ person, memberships }) => {
    const head = [person.displayName, person.username ? `@${person.username}` : "", person.active ? "" : t(locale, "admin-inactive-mark")]
      .filter(Boolean)
      .join(" ");
    const roles =
      memberships.length === 0
        ? [`    ${t(locale, "admin-people-no-role")}`]
        : memberships.map((m) => `    ${membershipLabel(m, m.agencyId === null ? null : agencies.get(m.agencyId), t, locale)}`);
    return [`• ${head}`, ...roles].join("\n");
  });
  return paginateBlocks(blocks);
}
