import type { FilingSnapshot } from "./submissions.repository.ts";

/**
 * The snapshot the save just produced, handed to the reload that follows the rewind within the same update,
 * which would otherwise read back what was just written (and the one /report just read, to the conversation
 * it enters). Taken once; any other path reads the database.
 */
const handoffs = new Map<string, { snap: FilingSnapshot; at: number }>();
const HANDOFF_MS = 2_000;
export function handOffFiling(snap: FilingSnapshot, personId: number): void {
  if (handoffs.size > 10_000) handoffs.clear();
  handoffs.set(`${snap.submissionId}:${personId}`, { snap, at: performance.now() });
}
export function takeHandoff(submissionId: number, personId: number): FilingSnapshot | undefined {
  const key = `${submissionId}:${personId}`;
  const h = handoffs.get(key);
  handoffs.delete(key);
  return h && performance.now() - h.at < HANDOFF_MS ? h.snap : undefined;
}
