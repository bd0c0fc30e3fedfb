/** The hierarchy in reading order (parents before children, siblings by code), with each agency's depth. */

export interface TreeNode {
  id: number;
  code: string;
  parentId: number | null;
}

export function orderAsTree<T extends TreeNode>(agencies: T[]): { agency: T; depth: number }[] {
  const ids = new Set(agencies.map((a) => a.id));
  const children = new Map<number | null, T[]>();
  for (const a of agencies) {
    // A parent outside the list (inactive, filtered) makes the agency a root here.
    const parent = a.parentId !== null && ids.has(a.parentId) ? a.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(a);
    children.set(parent, list);
  }
  for (const list of children.values()) list.sort((x, y) => x.code.localeCompare(y.code));
  const out: { agency: T; depth: number }[] = [];
  const seen = new Set<number>();
  const walk = (parent: number | null, depth: number) => {
    for (const a of children.get(parent) ?? []) {
      if (seen.has(a.id)) continue;
      seen.add(a.id);
      out.push({ agency: a, depth });
      walk(a.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/**
 * The roots and every agency below them, as ids: the scope of a leader of those agencies.
 * Roots that are not in the list are kept (they may be filtered out, e.g. inactive); cycles end.
 */
export function subtreeIds(agencies: Iterable<{ id: number; parentId: number | null }>, roots: Iterable<number>): Set<number> {
  const children = new Map<number, number[]>();
  for (const a of agencies) {
    if (a.parentId === null) continue;
    const list = children.get(a.parentId);
    if (list) list.push(a.id);
    else children.set(a.parentId, [a.id]);
  }
  const seen = new Set<number>();
  const stack = [...roots];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return seen;
}

/** Lower case without Vietnamese diacritics, so "so y te" finds "Sở Y tế". */
export function foldForSearch(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** An exact code first, then names or codes that contain the query. */
export function searchAgencies<T extends { code: string; name: string }>(agencies: T[], query: string): T[] {
  const q = foldForSearch(query);
  if (!q) return [];
  const exact = agencies.filter((a) => foldForSearch(a.code) === q);
  if (exact.length > 0) return exact;
  return agencies.filter((a) => foldForSearch(a.name).includes(q) || foldForSearch(a.code).includes(q));
}
