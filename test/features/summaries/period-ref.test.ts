import { describe, expect, it } from "vitest";
import { parsePeriodRef, parseRankingYear } from "../../../src/features/summaries/period-ref.ts";

const TODAY = "2026-11-20";
const key = (text: string) => {
  const r = parsePeriodRef(text, TODAY).ref;
  return r?.kind === "key" ? r.key : r?.kind;
};

describe("period references", () => {
  it.each([
    ["tháng 11", "2026-11"],
    ["thang 12", "2025-12"],
    ["tháng 3 năm 2025", "2025-03"],
    ["tháng 11/2026", "2026-11"],
    ["11/2026", "2026-11"],
    ["2026-07", "2026-07"],
    ["quý 3 năm 2026", "2026-Q3"],
    ["quý 4", "2026-Q4"],
    ["quý IV", "2026-Q4"],
    ["Q3/2025", "2025-Q3"],
    ["2026-Q2", "2026-Q2"],
    ["6 tháng đầu năm", "2026-H1"],
    ["6 tháng cuối năm 2025", "2025-H2"],
    ["9 tháng", "2026-9M"],
    ["9 tháng năm 2025", "2025-9M"],
    ["năm 2026", "2026"],
    ["cả năm 2025", "2025"],
    ["kỳ này", "current"],
    ["KỲ TRƯỚC", "previous"],
    ["this period", "current"],
    ["last period", "previous"],
  ])("%s → %s", (text, expected) => {
    expect(key(text)).toBe(expected);
  });

  it("leaves what is not a period", () => {
    expect(parsePeriodRef("so sánh tỷ lệ hồ sơ trực tuyến tháng 10", TODAY)).toEqual({
      ref: { kind: "key", cadence: "monthly", key: "2026-10" },
      rest: "so sanh ty le ho so truc tuyen",
    });
    expect(parsePeriodRef("tháng 13", TODAY).ref).toBeUndefined();
  });

  it("reads a year for the ranking, and tells a slip from no year at all", () => {
    expect(parseRankingYear("2025", TODAY)).toEqual({ year: 2025 });
    expect(parseRankingYear("năm 2026", TODAY)).toEqual({ year: 2026 });
    expect(parseRankingYear("", TODAY)).toEqual({});
    expect(parseRankingYear("0026", TODAY)).toEqual({ badYear: "0026" });
    expect(parseRankingYear("năm 0026", TODAY)).toEqual({ badYear: "0026" });
    expect(parseRankingYear("26", TODAY)).toEqual({ badYear: "26" });
    expect(parseRankingYear("2101", TODAY)).toEqual({ badYear: "2101" });
  });

  it.each([
    ["năm 0026", "0026"],
    ["0026-11", "0026"],
    ["tháng 11/0026", "0026"],
    ["tháng 11 năm 1999", "1999"],
    ["quý 3 năm 0026", "0026"],
    ["2099-q1", undefined],
    ["6 tháng đầu năm 3026", "3026"],
    ["9 tháng năm 0026", "0026"],
    ["0026-h1", "0026"],
    ["0026", "0026"],
  ])("%s: a year no period can have is reported as %s, and no period is taken from it", (text, bad) => {
    const r = parsePeriodRef(text, TODAY);
    expect(r.badYear).toBe(bad);
    if (bad) expect(r.ref).toBeUndefined();
  });
});

describe("periods named relative to today, and phrases that name no period", () => {
  it.each([
    ["tháng này", "2026-11"],
    ["tháng trước", "2026-10"],
    ["quý này", "2026-Q4"],
    ["quý trước", "2026-Q3"],
    ["năm nay", "2026"],
    ["năm ngoái", "2025"],
    ["last month", "2026-10"],
  ])("%s → %s", (text, expected) => {
    expect(key(text)).toBe(expected);
  });

  it("reports tháng 13, quý 5 and 13/2026 as written, even beside a year", () => {
    expect(parsePeriodRef("tháng 13", TODAY).badPeriod).toBe("tháng 13");
    expect(parsePeriodRef("Tháng 13 năm 2026", TODAY).badPeriod).toBe("Tháng 13");
    expect(parsePeriodRef("tổng hợp quý 5", TODAY).badPeriod).toBe("quý 5");
    expect(parsePeriodRef("13/2026", TODAY).badPeriod).toBe("13/2026");
    expect(parsePeriodRef("tháng 12", TODAY).badPeriod).toBeUndefined();
    expect(parsePeriodRef("tháng 1 năm 2026", "2026-01-10")).toEqual({ ref: { kind: "key", cadence: "monthly", key: "2026-01" }, rest: "" });
  });
});
