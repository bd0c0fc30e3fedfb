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

const BASE_CONFIG = {
  font: FONT,
  background: "white",
  title: { fontSize: 16, anchor: "start" as const, offset: 12 },
  axis: { labelFontSize: 12, titleFontSize: 12, labelLimit: 260 },
  legend: { labelFontSize: 12, titleFontSize: 12, orient: "bottom" as const },
  view: { stroke: null },
};

export async function renderChart(raw: TopLevelSpec): Promise<Buffer> {
  // resvg refuses an SVG with a control character anywhere (an agency name stored before names were checked).
  const spec = JSON.parse(JSON.stringify(raw), (_k, v: unknown) => (typeof v === "string" ? withoutUnusable(v) : v)) as TopLevelSpec;
  const compiled = compile({ ...spec, config: { ...BASE_CONFIG, ...(spec.config ?? {}) } } as TopLevelSpec, { logger: vega.logger(vega.Error) }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none", logLevel: vega.Error });
  try {
    const svg = await view.toSVG();
    const png = new Resvg(svg, {
      background: "white",
      fitTo: { mode: "zoom", value: 2 },
      font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: FONT },
    })
      .render()
      .asPng();
    return Buffer.from(png);
  } finally {
    view.finalize();
  }
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

/** One indicator over periods, with its values labelled; the subtitle says how agencies were combined. */
export function trendChartSpec(title: string, points: readonly { period: string; value: number; label: string }[], subtitle: string): TopLevelSpec {
  return {
    title: { text: title, subtitle, subtitleFontSize: 12 },
    width: 600,
    height: 300,
    data: { values: points.map((p, i) => ({ ...p, i })) },
    encoding: {
      x: { field: "period", type: "ordinal", title: null, sort: null, axis: { labelAngle: -40 } },
      y: { field: "value", type: "quantitative", title: null },
    },
    layer: [
      { mark: { type: "line", point: true, color: "#1565c0" } },
      { mark: { type: "text", dy: -10, fontSize: 11 }, encoding: { text: { field: "label", type: "nominal" } } },
    ],
  } as TopLevelSpec;
}

/** Horizontal bars of the ranking, best at the top. */
export function rankingChartSpec(title: string, rows: readonly { name: string; score: number; label: string }[], xTitle: string): TopLevelSpec {
  return {
    title,
    width: 520,
    height: { step: 22 },
    data: { values: rows.map((r, i) => ({ ...r, i })) },
    encoding: {
      y: { field: "name", type: "nominal", title: null, sort: null, axis: { labelLimit: 360 } },
      x: { field: "score", type: "quantitative", title: xTitle, scale: { domain: [0, 100] } },
    },
    layer: [
      { mark: { type: "bar", color: "#1565c0" } },
      { mark: { type: "text", align: "left", dx: 4, fontSize: 11 }, encoding: { text: { field: "label", type: "nominal" } } },
    ],
  } as TopLevelSpec;
}
