import { describe, expect, it } from "vitest";
import { RichTextBuilder, splitRichText, type RichText } from "../../../src/features/summaries/rich-text.ts";

/** Every entity of the input must come out whole in exactly one part, with the same text under it. */
function entityTexts(r: RichText): string[] {
  return r.entities.map((e) => r.text.slice(e.offset, e.offset + e.length));
}

describe("splitting long messages", () => {
  it("leaves a short message alone", () => {
    const r = new RichTextBuilder().bold("Tiêu đề").line().line("một dòng").build();
    expect(splitRichText(r)).toEqual([r]);
  });

  it("cuts at line breaks, each part within the limit, entities rebased and intact", () => {
    const b = new RichTextBuilder();
    for (let i = 0; i < 300; i++) b.plain("• ").bold(`Đơn vị số ${i}`).line(`: khó khăn về đường truyền và thiết bị ${i}`);
    const input = b.build();
    const parts = splitRichText(input, 4096);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      expect(p.text.length).toBeLessThanOrEqual(4096);
      // Every part starts a line (the join below shows each ends one).
      expect(p.text.startsWith("• ")).toBe(true);
      for (const e of p.entities) expect(e.offset + e.length).toBeLessThanOrEqual(p.text.length);
    }
    expect(parts.map((p) => p.text).join("\n")).toBe(input.text);
    expect(parts.flatMap(entityTexts)).toEqual(entityTexts(input));
  });

  it("never cuts inside an entity even when a line break inside it would fit", () => {
    const boldBlock = "A\n".repeat(30).trimEnd();
    const input: RichText = { text: `${"x".repeat(50)}\n${boldBlock}\nkết thúc`, entities: [{ type: "bold", offset: 51, length: boldBlock.length }] };
    const parts = splitRichText(input, 80);
    expect(parts[0]!.text).toBe("x".repeat(50));
    expect(entityTexts(parts[1]!)).toEqual([boldBlock]);
  });

  it("breaks an over-long line at a space, and an entity longer than the limit only when it must", () => {
    const words = Array.from({ length: 100 }, (_, i) => `từ${i}`).join(" ");
    const parts = splitRichText({ text: words, entities: [] }, 100);
    for (const p of parts) expect(p.text.length).toBeLessThanOrEqual(100);
    expect(parts.map((p) => p.text).join("")).toBe(words);
    expect(parts.slice(0, -1).every((p) => p.text.endsWith(" "))).toBe(true);

    const huge: RichText = { text: "b".repeat(250), entities: [{ type: "bold", offset: 0, length: 250 }] };
    const hp = splitRichText(huge, 100);
    expect(hp.map((p) => p.text.length)).toEqual([100, 100, 50]);
    expect(hp.every((p) => p.entities.length === 1 && p.entities[0]!.offset === 0 && p.entities[0]!.length === p.text.length)).toBe(true);
  });

  it("does not split a surrogate pair", () => {
    const text = "😀".repeat(60);
    const parts = splitRichText({ text, entities: [{ type: "bold", offset: 0, length: text.length }] }, 51);
    for (const p of parts) expect(p.text.length % 2).toBe(0);
    expect(parts.map((p) => p.text).join("")).toBe(text);
  });
});
