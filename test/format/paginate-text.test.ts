import { describe, expect, it } from "vitest";
import { clip } from "../../src/bot/telegram-limits.ts";
import { clampPage, paginateBlocks } from "../../src/format/paginate-text.ts";

describe("text limits", () => {
  it("clip keeps short text, cuts long text to the limit with an ellipsis, never inside an emoji", () => {
    expect(clip("abc", 3)).toBe("abc");
    expect(clip("abcdef", 4)).toBe("abc…");
    const cut = clip("ab😀cd", 4);
    expect(cut).toBe("ab…");
    expect(cut.length).toBeLessThanOrEqual(4);
    expect(clip("x".repeat(5000), 4096)).toHaveLength(4096);
  });

  it("paginateBlocks keeps every block whole on pages under the limit", () => {
    const blocks = Array.from({ length: 50 }, (_, i) => `${i} ${"y".repeat(90)}`);
    const pages = paginateBlocks(blocks, 1000, 100);
    expect(pages.length).toBeGreaterThan(1);
    for (const p of pages) expect(p.length).toBeLessThanOrEqual(1000);
    expect(pages.join("\n").split("\n")).toEqual(blocks);
    expect(paginateBlocks(["z".repeat(2000)], 1000)).toEqual([`${"z".repeat(999)}…`]);
  });

  it("clampPage turns a forged page number into one that exists", () => {
    expect(clampPage(99999, 3)).toBe(2);
    expect(clampPage(-1, 3)).toBe(0);
    expect(clampPage(Number.NaN, 3)).toBe(0);
    expect(clampPage(1, 0)).toBe(0);
  });
});
