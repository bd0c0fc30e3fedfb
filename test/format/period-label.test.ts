import { describe, expect, it } from "vitest";
import { createTranslate } from "../../src/bot/i18n.ts";
import { periodLabel } from "../../src/format/period-label.ts";

describe("periods as people read them", () => {
  const say = (locale: string) => {
    const t = createTranslate("vi");
    return (key: string) => periodLabel(key, (k, a) => t(locale, k, a));
  };
  it.each([
    ["2026-11", "tháng 11/2026", "November 2026"],
    ["2026-01", "tháng 1/2026", "January 2026"],
    ["2026-Q4", "quý IV/2026", "Q4 2026"],
    ["2026-Q1", "quý I/2026", "Q1 2026"],
    ["2026-H1", "6 tháng đầu năm 2026", "first half of 2026"],
    ["2026-H2", "6 tháng cuối năm 2026", "second half of 2026"],
    ["2026-9M", "9 tháng năm 2026", "first nine months of 2026"],
    ["2026", "năm 2026", "2026"],
    ["khao-sat-ha-tang", "khao-sat-ha-tang", "khao-sat-ha-tang"],
  ])("%s reads %s / %s", (key, vi, en) => {
    expect(say("vi")(key)).toBe(vi);
    expect(say("en")(key)).toBe(en);
  });
});
