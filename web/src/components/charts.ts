// Small inline SVG charts drawn with preact: a line over periods, and a stacked completion bar. Each has a
// text alternative (role="img" + aria-label); the pages show the same figures in a table beside it.
import { html } from "htm/preact";
import { formatNumber } from "../strings.ts";

export interface ChartPoint {
  label: string;
  value: number | null;
  incomplete?: number;
}

const W = 320;
const H = 140;
const PAD = { left: 44, right: 8, top: 10, bottom: 22 };

export function LineChart({ points, title }: { points: ChartPoint[]; title: string }) {
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  if (values.length === 0) return null;
  const min = Math.min(0, ...values);
  const max = Math.max(...values, min + 1);
  const x = (i: number) => PAD.left + (points.length <= 1 ? 0 : (i * (W - PAD.left - PAD.right)) / (points.length - 1));
  const y = (v: number) => PAD.top + (H - PAD.top - PAD.bottom) * (1 - (v - min) / (max - min));
  const segments: string[] = [];
  let current: string[] = [];
  points.forEach((p, i) => {
    if (p.value === null) {
      if (current.length) segments.push(current.join(" "));
      current = [];
    } else current.push(`${x(i).toFixed(1)},${y(p.value).toFixed(1)}`);
  });
  if (current.length) segments.push(current.join(" "));
  const first = points[0]!;
  const last = points[points.length - 1]!;
  return html`<svg class="chart" viewBox=${`0 0 ${W} ${H}`} role="img" aria-label=${title}>
    <line class="axis" x1=${PAD.left} y1=${H - PAD.bottom} x2=${W - PAD.right} y2=${H - PAD.bottom} />
    <text class="tick" x=${PAD.left - 4} y=${y(max) + 4} text-anchor="end">${formatNumber(max)}</text>
    <text class="tick" x=${PAD.left - 4} y=${y(min) + 4} text-anchor="end">${formatNumber(min)}</text>
    <text class="tick" x=${PAD.left} y=${H - 6}>${first.label}</text>
    <text class="tick" x=${W - PAD.right} y=${H - 6} text-anchor="end">${last.label}</text>
    ${segments.map((s) => html`<polyline class="line" points=${s} />`)}
    ${points.map((p, i) =>
      p.value === null
        ? null
        : html`<circle class=${p.incomplete ? "dot incomplete" : "dot"} cx=${x(i)} cy=${y(p.value)} r="2.5"><title>${p.label}: ${formatNumber(p.value)}</title></circle>`,
    )}
  </svg>`;
}

export interface BarPart {
  key: string;
  label: string;
  value: number;
}

/** One horizontal bar split into parts (on time, late, missing, …). */
export function StackedBar({ parts, title }: { parts: BarPart[]; title: string }) {
  const total = parts.reduce((s, p) => s + p.value, 0);
  if (total === 0) return null;
  let at = 0;
  return html`<svg class="bar" viewBox="0 0 100 8" preserveAspectRatio="none" role="img" aria-label=${title}>
    ${parts.map((p) => {
      const width = (p.value / total) * 100;
      const rect = html`<rect class=${`part-${p.key}`} x=${at} y="0" width=${width} height="8"><title>${p.label}: ${formatNumber(p.value)}</title></rect>`;
      at += width;
      return rect;
    })}
  </svg>`;
}
