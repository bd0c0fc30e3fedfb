import { foldForSearch } from "../agencies/agency-tree.ts";

/** The agency search's folding (no diacritics, lower case), with punctuation also turned into spaces. */
export function foldText(s: string): string {
  return foldForSearch(s)
    .replace(/[^\p{L}\p{N}/%.-]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Words that carry no meaning for matching an indicator or agency name. */
const STOP_WORDS = new Set(["cua", "cac", "va", "so", "ty", "le", "the", "of", "and", "in", "nhung", "nao", "ve", "theo", "trong", "ky"]);

/**
 * How well `query` names a candidate label (0 = not at all): the share of the query's meaningful words
 * found in the label, with a bonus when the folded query is a substring of the label.
 */
export function matchScore(query: string, label: string): number {
  const q = foldText(query);
  const l = foldText(label);
  if (!q) return 0;
  if (l === q) return 3;
  const words = q.split(" ").filter((w) => w && !STOP_WORDS.has(w));
  const labelWords = new Set(l.split(" "));
  const all = words.length ? words : q.split(" ");
  const hits = all.filter((w) => labelWords.has(w)).length;
  const share = hits / all.length;
  return (l.includes(q) ? 1 : 0) + share;
}
