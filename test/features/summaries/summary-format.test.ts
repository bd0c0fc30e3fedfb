import { KindCatalogue } from "../../../src/features/agencies/agency-kinds.ts";
import { describe, expect, it } from "vitest";
import { createTranslate } from "../../../src/bot/i18n.ts";
import type { PeriodSummary, QualityFlag } from "../../../src/features/summaries/period-summary.ts";
import { FLAGS_IN_CHAT, formatSummary } from "../../../src/features/summaries/summary-format.ts";
import { TEST_TEMPLATE } from "./summaries-fixture.ts";

const t = createTranslate("vi");
const tr = (key: string, args?: Record<string, string | number>) => t("vi", key, args);

function summaryWithFlags(n: number): PeriodSummary {
  const flags: QualityFlag[] = Array.from({ length: n }, (_, i) => ({
    type: "outlier",
    agency: { id: i + 1, code: `A${i + 1}`, name: `Đơn vị số ${i + 1}`, kind: "department", parentId: null, active: true },
    key: "total",
    value: 1000 + i,
    median: 100,
  }));
  return {
    period: { id: 1, templateId: TEST_TEMPLATE.id, periodKey: "2026-10", startsOn: "2026-09-15", cutoffOn: "2026-10-14", deadlineOn: "2026-10-17", status: "closed", definition: TEST_TEMPLATE },
    previous: undefined,
    completion: [{ kind: null, required: n, onTime: n, late: 0, missing: 0 }],
    kinds: new KindCatalogue([]),
    missing: [],
    late: [],
    indicators: [],
    choices: [],
    derived: [],
    texts: [],
    flags,
  };
}

describe("the data-quality flags of /summary", () => {
  it("lists every flag when there are few", () => {
    const text = formatSummary(summaryWithFlags(3), "vi", tr).text;
    expect(text.match(/⚠/g)).toHaveLength(3);
    expect(text).not.toContain("cảnh báo khác");
  });

  it("lists the first ones and points to the XLSX sheet for the rest", () => {
    const text = formatSummary(summaryWithFlags(FLAGS_IN_CHAT + 7), "vi", tr).text;
    expect(text.match(/⚠/g)).toHaveLength(FLAGS_IN_CHAT);
    expect(text).toContain(`Đơn vị số ${FLAGS_IN_CHAT}:`);
    expect(text).not.toContain(`Đơn vị số ${FLAGS_IN_CHAT + 1}:`);
    expect(text).toContain(tr("summaries-flags-more", { count: 7 }));
  });
});
