import type { Ranking } from "./leader-queries.ts";
import { canSee, type Visibility } from "./visibility.ts";

/**
 * A ranking as one viewer may see it. The scores are always computed province-wide (indicators scaled
 * across every ranked agency), so an agency head's agency keeps its real place ("hạng 25/30 toàn tỉnh")
 * instead of coming first in a ranking rescaled inside their one-agency scope. The head sees the rows of
 * their own agencies with their province-wide rank, and of the others only the top score and the median.
 */
export interface ScopedRanking {
  ranking: Ranking;
  /** The rows the viewer may see, with their province-wide rank. */
  rows: Ranking["rows"];
  /** How many agencies the province ranks. */
  total: number;
  /** The whole province is visible. */
  all: boolean;
  topScore: number | undefined;
  medianScore: number | undefined;
}

export function rankingInScope(provinceWide: Ranking, visibility: Visibility): ScopedRanking {
  const scores = provinceWide.rows.map((r) => r.total).sort((a, b) => a - b);
  const mid = scores.length / 2;
  const median = scores.length === 0 ? undefined : scores.length % 2 ? scores[Math.floor(mid)] : (scores[mid - 1]! + scores[mid]!) / 2;
  return {
    ranking: provinceWide,
    rows: visibility.all ? provinceWide.rows : provinceWide.rows.filter((r) => canSee(visibility, r.agencyId)),
    total: provinceWide.rows.length,
    all: visibility.all,
    topScore: scores.at(-1),
    medianScore: median,
  };
}

/** The visibility of the whole province: what a ranking is computed over, whoever asks. */
export const PROVINCE_WIDE: Visibility = { all: true, agencyIds: new Set(), aggregate: true };
