import { describe, expect, it } from "vitest";
import { createTranslate } from "../../../src/bot/i18n.ts";
import { KindCatalogue } from "../../../src/features/agencies/agency-kinds.ts";
import { rankingChartRows, rankingChartSpec, renderSvg, trendChartSpec, wrapWords } from "../../../src/features/summaries/charts.ts";
import { decodeDigestButton, encodeDigestButton, type DigestButton } from "../../../src/features/summaries/digest-callback.ts";
import { DIGEST_MAX_CHARS, formatSummaryDigest, formatTextPart } from "../../../src/features/summaries/digest-format.ts";
import { formatChange, formatValue } from "../../../src/features/summaries/number-format.ts";
import type { PeriodSummary } from "../../../src/features/summaries/period-summary.ts";
import type { AgencyRow } from "../../../src/features/summaries/summaries.repository.ts";
import { flagText } from "../../../src/features/summaries/summary-format.ts";
import { TEST_TEMPLATE } from "./summaries-fixture.ts";

const translate = createTranslate("vi");
const t = (key: string, args?: Record<string, string | number>) => translate("vi", key, args);
const LONG = "Sở Lao động – Thương binh và Xã hội tỉnh Thử Nghiệm";
const agency = (i: number, name = `${LONG} số ${i}`): AgencyRow => ({ id: i, code: `A${i}`, name, kind: "department", parentId: null, active: true });

/** A province of 120 agencies with long names: 40 missing, 30 late, long free texts, 300 flags. */
function bigSummary(): PeriodSummary {
  const all = Array.from({ length: 120 }, (_, i) => agency(i + 1));
  const q = (key: string) => TEST_TEMPLATE.questions.find((x) => x.key === key)!;
  const figure = (total: number, previousTotal: number) => ({ byKind: [], total, previousTotal });
  return {
    period: { id: 1, templateId: TEST_TEMPLATE.id, periodKey: "2026-10", startsOn: "2026-10-01", cutoffOn: "2026-10-31", deadlineOn: "2026-11-05", status: "closed", definition: TEST_TEMPLATE },
    previous: { id: 0, templateId: TEST_TEMPLATE.id, periodKey: "2026-09", startsOn: "2026-09-01", cutoffOn: "2026-09-30", deadlineOn: "2026-10-05", status: "closed", definition: TEST_TEMPLATE },
    completion: [{ kind: null, required: 120, onTime: 50, late: 30, missing: 40 }],
    kinds: new KindCatalogue([]),
    missing: all.slice(0, 40),
    late: all.slice(40, 70),
    indicators: ["docs_pct", "services", "total", "online", "budget", "disbursed"].map((key) => ({
      key, question: q(key), aggregate: q(key).aggregate as "sum" | "avg", figure: figure(1_234_567, 1_000_000), reporting: 80,
    })),
    derived: TEST_TEMPLATE.derived.map((d) => ({ key: d.key, label: d.label, figure: figure(91.2, 88) })),
    choices: [],
    texts: [{ key: "difficulties", question: q("difficulties"), items: all.slice(0, 80).map((a, i) => ({ agency: a, text: i % 2 ? "Thiếu kinh phí." : `Khó khăn riêng ${"rất dài ".repeat(100)}` })) }],
    flags: all.map((a) => ({ type: "outlier" as const, agency: a, key: "total", value: 1000, median: 100 })),
  };
}

describe("the digest of /summary", () => {
  it("fits one phone screen however large the province: ≤ 1,500 characters and ≤ 20 lines", () => {
    const { text } = formatSummaryDigest(bigSummary(), "vi", t, "Không có kỳ báo cáo riêng cho quý III/2026; hiển thị kỳ gần nhất trong khoảng đó: tháng 9/2026.");
    expect(text.length).toBeLessThanOrEqual(DIGEST_MAX_CHARS);
    expect(text.split("\n").length).toBeLessThanOrEqual(20);
    // Too many to name: counts only (the "Chưa nộp (40)" button lists them).
    expect(text).toContain("chưa nộp 40");
    expect(text).not.toContain("Chưa nộp: ");
    expect(text).toContain("Khó khăn, vướng mắc: 80 đơn vị nêu.");
    expect(text).toContain("Cảnh báo số liệu: 120.");
    // Rates carry "%", changes of rates are in percentage points, and no bare arrows.
    expect(text).toContain("• Tỷ lệ hồ sơ trực tuyến (%): 91,2%, tăng 3,2 điểm phần trăm");
    expect(text).not.toMatch(/[↑↓→]|điểm %|\)\s*\(/);
  });

  it("groups identical answers of several agencies under one line", () => {
    const { text } = formatTextPart(bigSummary(), 0, "vi", t)!;
    expect(text).toContain("• 40 đơn vị (");
    expect(text.match(/Thiếu kinh phí\./g)).toHaveLength(1);
  });
});

describe("wording", () => {
  it("says changes in words, rates with % and points as 'điểm phần trăm'", () => {
    expect(formatChange(34, 30, "integer", "vi", t)).toBe("tăng 4 (+13,3%)");
    expect(formatChange(10, 50, "share", "vi", t)).toBe("giảm 40 điểm phần trăm");
    expect(formatChange(5, 5, "integer", "vi", t)).toBe("không đổi");
  });

  it("writes amounts in the unit the column names, and flags without double brackets", () => {
    expect(formatValue(2_000_000_000, "money", "vi", t, "Kinh phí được giao (đồng)")).toBe("2.000.000.000 đồng");
    expect(formatValue(2_000_000_000, "money", "vi", t, "Kinh phí được giao (triệu đồng)")).toBe("2.000 triệu đồng");
    expect(formatValue(2_000_000_000, "money", "vi", t, "Kinh phí được giao")).toBe("2 tỷ đồng");
    const def = {
      ...TEST_TEMPLATE,
      questions: TEST_TEMPLATE.questions.map((q) => (q.type === "money" ? { ...q, label: { ...q.label, vi: `${q.label.vi} (đồng)` } } : q)),
    };
    const text = flagText({ type: "contradiction", agency: agency(1), key: "disb_rate", numerator: 2_000_000_000, denominator: 1_000_000_000 }, def, "vi", t);
    expect(text).toBe("Tỷ lệ giải ngân mâu thuẫn: Kinh phí đã giải ngân là 2.000.000.000 đồng, lớn hơn Kinh phí được giao là 1.000.000.000 đồng.");
  });
});

describe("digest buttons", () => {
  const cases: DigestButton[] = [
    { target: { kind: "summary", period: "999999999.2026-Q3" }, part: { kind: "text", question: 999 }, page: 9999 },
    { target: { kind: "agency", agencyId: 12 }, part: { kind: "full" }, page: 0 },
    { target: { kind: "ranking", year: 2026 }, part: { kind: "chart" }, page: 0 },
    { target: { kind: "compare", period: "999999999.2026-H2", indicator: 999 }, part: { kind: "digest" }, page: 3 },
  ];

  it("round-trips every button within Telegram's 64 bytes", () => {
    for (const b of cases) {
      const data = encodeDigestButton(b);
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
      expect(decodeDigestButton(data)).toEqual(b);
    }
  });

  it("refuses anything it did not write", () => {
    for (const bad of ["sd:s1:d", "sd:s1:z:0", "sd:s-1:d:0", "sd:r26:d:0", "sd:s1:d:0:extra", "sd:c1:d:0", "xx:s1:d:0", `sd:s${"1".repeat(12)}:d:0`])
      expect(decodeDigestButton(bad), bad).toBeUndefined();
  });
});

describe("charts", () => {
  it("formats numbers the Vietnamese way on axes and labels", async () => {
    const svg = await renderSvg(trendChartSpec("Số hồ sơ", [
      { period: "tháng 9/2026", value: 2113, label: formatValue(2113, "integer", "vi", t) },
      { period: "tháng 10/2026", value: 1200, label: "1.200", note: t("summaries-trend-incomplete", { count: 5 }) },
    ], "Tổng"));
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(texts).toContain("2.113");
    expect(texts.some((x) => /^\d{1,3}(\.\d{3})+$/.test(x!) && x !== "2.113" && x !== "1.200")).toBe(true);
    expect(texts.some((x) => /^\d,\d{3}$/.test(x!))).toBe(false);
    expect(texts).toContain("thiếu 5 đơn vị");
  });

  it("shows the top and the bottom of a long ranking with whole names wrapped, never cut", async () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({ rank: i + 1, name: i === 39 ? LONG : `Sở số ${i + 1}`, score: 100 - i * 2.5 }));
    const { shown, cut } = rankingChartRows(rows, 40, "vi");
    expect(cut).toBe(true);
    expect(shown).toHaveLength(30);
    expect(shown[0]!.name).toBe("1/40. Sở số 1");
    expect(shown.at(-1)!.name.replace(/\n/g, " ")).toBe(`40/40. ${LONG}`);
    expect(wrapWords(LONG, 34).every((l) => l.length <= 34)).toBe(true);
    const svg = await renderSvg(rankingChartSpec("Xếp hạng", shown, "Điểm"));
    expect(svg).not.toContain("…");
    for (const line of wrapWords(`40/40. ${LONG}`, 34)) expect(svg).toContain(line);
    expect(svg).toContain("2,5");
  });
});
