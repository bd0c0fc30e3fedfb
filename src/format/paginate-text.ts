import { clip } from "../bot/telegram-limits.ts";

/** Pages leave room for a title line. */
export const PAGE_MAX_CHARS = 3_500;
export const PAGE_MAX_BLOCKS = 30;

/**
 * Splits blocks of text (one agency, one person with their roles) into pages that each stay under
 * the character limit, never splitting a block unless it alone is too long.
 */
export function paginateBlocks(blocks: string[], maxChars = PAGE_MAX_CHARS, maxBlocks = PAGE_MAX_BLOCKS): string[] {
  const pages: string[] = [];
  let current: string[] = [];
  let size = 0;
  for (const raw of blocks) {
    const block = clip(raw, maxChars);
    if (current.length > 0 && (size + 1 + block.length > maxChars || current.length >= maxBlocks)) {
      pages.push(current.join("\n"));
      current = [];
      size = 0;
    }
    size += (current.length > 0 ? 1 : 0) + block.length;
    current.push(block);
  }
  if (current.length > 0) pages.push(current.join("\n"));
  return pages;
}

/** A page number taken from callback data, clamped to the pages that exist. */
export function clampPage(page: number, pageCount: number): number {
  if (!Number.isInteger(page) || page < 0) return 0;
  return Math.min(page, Math.max(0, pageCount - 1));
}
