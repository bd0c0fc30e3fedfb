import { periodLabel } from "../../format/period-label.ts";
import type { Coverage } from "./combined-reads.ts";
import type { T } from "./number-format.ts";

/** At most this many agencies are named as missing a month; the rest are counted. */
const NAMED = 5;

/** The months a combined period adds up, as people say them: "tháng 7–9/2026", else each month's name. */
export function coveredMonths(months: readonly string[], t: T): string {
  const parsed = months.map((k) => /^(\d{4})-(\d{2})$/.exec(k));
  const year = parsed[0]?.[1];
  const nums = parsed.map((m) => (m && m[1] === year ? Number(m[2]) : NaN));
  const consecutive = nums.length > 1 && nums.every((n, i) => Number.isInteger(n) && (i === 0 || n === nums[i - 1]! + 1));
  return consecutive
    ? t("summaries-coverage-range", { from: nums[0]!, to: nums.at(-1)!, year: year! })
    : months.map((k) => periodLabel(k, t)).join(", ");
}

/** The lines under a combined period's title: the months it covers, and who misses one of them. */
export function coverageLines(coverage: Coverage | undefined, t: T): string[] {
  if (!coverage) return [];
  const lines = [t("summaries-coverage-months", { months: coveredMonths(coverage.months, t) })];
  const missing = coverage.agenciesMissingMonths;
  if (missing.length > 0) {
    const named = missing
      .slice(0, NAMED)
      .map((m) => t("summaries-coverage-agency", { agency: m.agency.name, months: m.months.map((k) => periodLabel(k, t)).join(", ") }))
      .join("; ");
    const agencies = missing.length > NAMED ? t("summaries-coverage-more", { agencies: named, more: missing.length - NAMED }) : named;
    lines.push(t("summaries-coverage-missing", { count: missing.length, agencies }));
  }
  return lines;
}
