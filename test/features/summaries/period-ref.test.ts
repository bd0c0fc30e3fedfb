import { describe, expect, it } from "vitest";
import { parsePeriodRef, parseRankingYear } from "../../../src/features/summaries/period-ref.ts";
import { routeQuestion } from "../../../src/features/summaries/question-router.ts";

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

describe("everyday questions", () => {
  it.each([
    ["đơn vị nào chưa báo cáo tháng 11", { intent: "missing", period: { kind: "key", cadence: "monthly", key: "2026-11" } }],
    ["Don vi nao chua nop bao cao ky nay?", { intent: "missing", period: { kind: "current" } }],
    ["tóm tắt quý 3 năm 2026", { intent: "summary", period: { kind: "key", cadence: "quarterly", key: "2026-Q3" } }],
    ["tổng hợp kỳ trước", { intent: "summary", period: { kind: "previous" } }],
    ["báo cáo tháng 10", { intent: "summary", period: { kind: "key", cadence: "monthly", key: "2026-10" } }],
    ["tháng 9?", { intent: "summary", period: { kind: "key", cadence: "monthly", key: "2026-09" } }],
    ["xếp hạng năm 0026", { intent: "bad-year", text: "0026" }],
    ["tóm tắt tháng 11/0026", { intent: "bad-year", text: "0026" }],
    ["so sánh tỷ lệ hồ sơ trực tuyến", { intent: "compare", indicator: "ty le ho so truc tuyen", period: { kind: "latest" } }],
    ["xếp hạng năm 2026", { intent: "ranking", year: 2026 }],
    ["bảng xếp hạng thi đua", { intent: "ranking", year: undefined }],
    ["xu hướng số dịch vụ công trực tuyến", { intent: "trend", indicator: "so dich vu cong truc tuyen" }],
    ["biểu đồ tháng 10", { intent: "completion-chart", period: { kind: "key", cadence: "monthly", key: "2026-10" } }],
    ["xuất excel tháng 10", { intent: "export", format: "xlsx", period: { kind: "key", cadence: "monthly", key: "2026-10" } }],
    ["tải file word", { intent: "export", format: "docx", period: { kind: "latest" } }],
    ["tình hình Sở Tài chính", { intent: "agency", query: "so tai chinh" }],
    ["báo cáo của huyện Xuân Lộc", { intent: "agency", query: "huyen xuan loc" }],
    ["hôm nay trời đẹp", { intent: "unknown" }],
    ["which agencies have not reported this period", { intent: "missing", period: { kind: "current" } }],
  ])("%s", (text, expected) => {
    expect(routeQuestion(text, TODAY)).toEqual(expected);
  });
});
