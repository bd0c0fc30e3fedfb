import type { T } from "./number-format.ts";
import type { AgencyRow } from "./summaries.repository.ts";
import { canSee, type Visibility } from "./visibility.ts";

/**
 * What a summary or an export covers, said as it is: "Toàn tỉnh" only for a province-wide viewer; for an
 * agency head their agency ("UBND huyện Xuân Lộc", or "… và đơn vị trực thuộc" when it has children in scope).
 * `agency` is the agency at the top of the scope when there is one, so a head's DOCX is that agency's report.
 */
export interface ScopeLabel {
  all: boolean;
  text: string;
  agency?: AgencyRow;
  /** The scope is that one agency (no subordinate agencies): figures are its own, not a count of agencies. */
  single: boolean;
}

export function scopeLabelOf(visibility: Visibility, agencies: readonly AgencyRow[], t: T): ScopeLabel {
  if (visibility.all) return { all: true, text: t("summaries-kind-all"), single: false };
  // Merged agencies' history follows their successor; they are not part of what the scope is called.
  const inScope = agencies.filter((a) => canSee(visibility, a.id) && a.successorId == null);
  const tops = inScope.filter((a) => a.parentId === null || !canSee(visibility, a.parentId));
  const single = inScope.length === 1;
  if (tops.length === 1) {
    const agency = tops[0]!;
    return { all: false, agency, single, text: t(single ? "summaries-scope-agency" : "summaries-scope-subtree", { agency: agency.name }) };
  }
  return { all: false, single: false, text: tops.map((a) => a.name).join(", ") };
}
