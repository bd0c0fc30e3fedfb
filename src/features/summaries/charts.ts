import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { withoutUnusable } from "../../bot/user-text.ts";

/**
 * Charts are Vega-Lite specs rendered to SVG by Vega (no browser, no canvas) and rasterised by resvg
 * with the DejaVu fonts shipped in the dejavu-fonts-ttf package, so Vietnamese diacritics render
 * on any machine, including a slim container without system fonts.
 */
const FONT_DIR = join(dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")), "ttf");
const FONT_FILES = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"].map((f) => join(FONT_DIR, f));
const FONT = "DejaVu Sans";

/** Vietnamese number format on every axis and label the chart formats itself ("1.200", "12,5"). */
const VI_NUMBERS = { decimal: ",", thousands: ".", grouping: [3], currency: ["", " đ"] };
const EN_NUMBERS = { decimal: ".", thousands: ",", grouping: [3], currency: ["$", ""] };

const BASE_CONFIG = {
  font: FONT,
  background: "white",
  title: { fontSize: 16, anchor: "start" as const, offset: 12 },
  axis: { labelFontSize: 12, titleFontSize: 12, labelLimit: 260 },
  legend: { labelFontSize: 12, titleFontSize: 12, orient: "bottom" as const },
  view: { stroke: null },
};

/** The chart as SVG (what tests read: the numbers and names exactly as drawn). `locale` picks the number format. */
export async function renderSvg(raw: TopLevelSpec, locale = "vi"): Promise<string> {
  // resvg refuses an SVG with a control character anywhere (an agency name stored before names were checked).
  const spec = JSON.parse(JSON.stringify(raw), (_k, v: unknown) => (typeof v === "string" ? withoutUnusable(v) : v)) as TopLevelSpec;
  const config = { ...BASE_CONFIG, locale: { number: locale === "en" ? EN_NUMBERS : VI_NUMBERS }, ...(spec.config ?? {}) };
  const compiled = compile({ ...spec, config } as TopLevelSpec, { logger: vega.logger(vega.Error) }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none", logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export async function renderChart(raw: TopLevelSpec, locale = "vi"): Promise<Buffer> {
  const svg = await renderSvg(raw, locale);
  const png = new Resvg(svg, {
    background: "white",
    fitTo: { mode: "zoom", value: 2 },
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: FONT },
  })
    .render()
    .asPng();
  return Buffer.from(png);
}

export interface CompletionBar {
  group: string;
  status: string;
  count: number;
  /** Stacking order: on time, late, missing. */
  order: number;
}

/** Stacked bars per agency kind: on time, late, missing. */
export function completionChartSpec(title: string, bars: readonly CompletionBar[], statusTitle: string, countTitle: string): TopLevelSpec {
  const statuses = [...new Map(bars.map((b) => [b.order, b.status])).entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]);
  return {
    title,
    width: 560,
    height: { step: 44 },
    data: { values: bars.map((b) => ({ ...b })) },
    mark: { type: "bar" },
    encoding: {
      y: { field: "group", type: "nominal", title: null, sort: null },
      x: { field: "count", type: "quantitative", title: countTitle, stack: "zero", axis: { tickMinStep: 1 } },
      color: {
        field: "status",
        type: "nominal",
        title: statusTitle,
        scale: { domain: statuses, range: ["#2e7d32", "#f9a825", "#c62828"] },
      },
      order: { field: "order", type: "quantitative" },
      tooltip: null,
    },
  } as TopLevelSpec;
}

/**
 * One indicator over periods, with its values labelled; the subtitle says how agencies were combined. A point
 * whose period is incomplete (`note`, e.g. "thiếu 5 đơn vị") is drawn hollow in orange with the note under
 * its value, so a month still being filed does not read as a fall.
 */
export function trendChartSpec(
  title: string,
  points: readonly { period: string; value: number; label: string; note?: string }[],
  subtitle: string,
): TopLevelSpec {
  return {
    title: { text: title, subtitle, subtitleFontSize: 12 },
    width: 600,
    height: 300,
    data: { values: points.map((p, i) => ({ ...p, i, note: p.note ?? "", incomplete: p.note ? 1 : 0 })) },
    encoding: {
      x: { field: "period", type: "ordinal", title: null, sort: null, axis: { labelAngle: -40 } },
      y: { field: "value", type: "quantitative", title: null, scale: { zero: false, nice: true } },
    },
    layer: [
      { mark: { type: "line", color: "#1565c0" } },
      {
        mark: { type: "point", filled: true, size: 60 },
        encoding: { color: { field: "incomplete", type: "nominal", scale: { domain: [0, 1], range: ["#1565c0", "#ef6c00"] }, legend: null } },
      },
      { mark: { type: "text", dy: -12, fontSize: 11 }, encoding: { text: { field: "label", type: "nominal" } } },
      { mark: { type: "text", dy: 16, fontSize: 11, color: "#ef6c00" }, encoding: { text: { field: "note", type: "nominal" } } },
    ],
  } as TopLevelSpec;
}

/** Bars in the ranking chart: all when there are at most this many, else the top and the bottom half each. */
export const RANKING_CHART_ROWS = 30;
/** Characters per line of a wrapped agency name in the ranking chart. */
const NAME_LINE = 34;

/** Words into lines of at most `width` characters (a longer word stands alone); never cut. */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let cur = "";
  for (const w of text.split(/\s+/).filter(Boolean)) {
    if (cur && cur.length + 1 + w.length > width) {
      lines.push(cur);
      cur = w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) lines.push(cur);
  return lines;
}

export interface RankingBar {
  /** The agency's whole name, wrapped: lines joined by "\n" (the axis splits them). */
  name: string;
  score: number;
  label: string;
}

/**
 * The bars of a ranking chart, best first: all of them when they fit, else the top and the bottom
 * RANKING_CHART_ROWS / 2 (which leaders most want), each name prefixed with its rank out of `total`.
 */
export function rankingChartRows(rows: readonly { rank: number; name: string; score: number }[], total: number, locale: string): { shown: RankingBar[]; cut: boolean } {
  const cut = rows.length > RANKING_CHART_ROWS;
  const half = RANKING_CHART_ROWS / 2;
  const picked = cut ? [...rows.slice(0, half), ...rows.slice(-half)] : rows;
  const fmt = new Intl.NumberFormat(locale === "en" ? "en-US" : "vi-VN", { maximumFractionDigits: 1 });
  return {
    cut,
    shown: picked.map((r) => ({ name: wrapWords(`${r.rank}/${total}. ${r.name}`, NAME_LINE).join("\n"), score: r.score, label: fmt.format(r.score) })),
  };
}

/** Horizontal bars of the ranking, best at the top, whole names on as many lines as they need. */
export function rankingChartSpec(title: string, rows: readonly RankingBar[], xTitle: string): TopLevelSpec {
  const lines = Math.max(1, ...rows.map((r) => r.name.split("\n").length));
  return {
    title,
    width: 420,
    height: { step: 10 + 14 * lines },
    data: { values: rows.map((r, i) => ({ ...r, i })) },
    encoding: {
      y: { field: "name", type: "nominal", title: null, sort: null, axis: { labelLimit: 0, labelExpr: "split(datum.label, '\\n')", labelLineHeight: 14 } },
      x: { field: "score", type: "quantitative", title: xTitle, scale: { domain: [0, 100] } },
    },
    layer: [
      { mark: { type: "bar", color: "#1565c0" } },
      { mark: { type: "text", align: "left", dx: 4, fontSize: 11 }, encoding: { text: { field: "label", type: "nominal" } } },
    ],
  } as TopLevelSpec;
}
