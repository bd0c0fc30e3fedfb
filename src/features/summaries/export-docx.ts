import {
  AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlign, WidthType,
} from "docx";
import { formatValue, kindLabel, type T } from "./number-format.ts";
import { periodLabel } from "../../format/period-label.ts";
import type { PeriodSummary } from "./period-summary.ts";
import type { ScopeLabel } from "./scope-label.ts";

/**
 * A draft of the province's summary report in the administrative format of Decree 30/2020/ND-CP:
 * issuing body and national motto side by side, number and symbol and date left blank to fill in,
 * the title, the body, then recipients and signature block. Times New Roman 13 (14 for the title).
 */
const FONT = "Times New Roman";
const BODY = 26; // half-points: 13 pt
const TITLE = 28; // 14 pt
const MM = 56.7; // twips per millimetre
/** A4 minus the margins (30 mm left, 15 mm right), in twips. */
const CONTENT_WIDTH = Math.round(165 * MM);

const NO_BORDERS = {
  top: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  bottom: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  left: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  right: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  insideHorizontal: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  insideVertical: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
};

interface RunOpts {
  bold?: boolean;
  italics?: boolean;
  size?: number;
  underline?: boolean;
}
const runStyle = (o: RunOpts) => ({ font: FONT, size: o.size ?? BODY, bold: o.bold, italics: o.italics, underline: o.underline ? {} : undefined });
const run = (text: string, o: RunOpts = {}) => new TextRun({ text, ...runStyle(o) });
/** Text that may hold several lines (a reporter's list of points): one run per line, a line break between. */
const lines = (text: string, o: RunOpts = {}) =>
  text.split(/\r\n|\r|\n/).map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, ...runStyle(o) }));
const para = (children: TextRun[], o: { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; after?: number; indent?: boolean } = {}) =>
  new Paragraph({
    children,
    alignment: o.align ?? AlignmentType.JUSTIFIED,
    spacing: { after: o.after ?? 120, line: 288 },
    indent: o.indent ? { firstLine: Math.round(10 * MM) } : undefined,
  });
const centered = (text: string, o: RunOpts = {}, after = 0) => para([run(text, o)], { align: AlignmentType.CENTER, after });

export interface DocxContext {
  locale: string;
  /** Translates with the organisation's names (governing body, issuer, number prefix, place): see organisation.ts. */
  t: T;
  /** What the figures cover; an agency head's document is their agency's report, not the province's. */
  scope?: ScopeLabel;
}

export async function buildDocx(s: PeriodSummary, c: DocxContext): Promise<Buffer> {
  const { t, locale } = c;
  const def = s.period.definition;
  const label = (l: { vi: string; en: string }) => (locale === "en" ? l.en : l.vi);
  const year = s.period.periodKey.slice(0, 4);
  const period = periodLabel(s.period.periodKey, t);
  const own = c.scope && !c.scope.all ? c.scope : undefined;

  const header = new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: [Math.round(CONTENT_WIDTH * 0.42), Math.round(CONTENT_WIDTH * 0.58)],
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          new TableCell({
            width: { size: 42, type: WidthType.PERCENTAGE },
            borders: NO_BORDERS,
            children: [
              centered(t("summaries-docx-governing-body"), { size: 24 }),
              centered(own?.agency ? own.agency.name.toLocaleUpperCase("vi") : t("summaries-docx-issuer"), { bold: true, size: 24 }),
              centered("————", {}, 120),
              centered(t("summaries-docx-number")),
            ],
          }),
          new TableCell({
            width: { size: 58, type: WidthType.PERCENTAGE },
            borders: NO_BORDERS,
            children: [
              centered(t("summaries-docx-motto-1"), { bold: true, size: 24 }),
              centered(t("summaries-docx-motto-2"), { bold: true }),
              centered("——————————", {}, 120),
              centered(t("summaries-docx-place-date", { year }), { italics: true }),
            ],
          }),
        ],
      }),
    ],
  });

  const total = s.completion.find((x) => x.kind === null)!;
  const body: (Paragraph | Table)[] = [
    header,
    centered("", {}, 240),
    centered(t("summaries-docx-kind"), { bold: true, size: TITLE }),
    centered(`${label(def.title)} ${period}`, { bold: true, size: TITLE }),
    ...(own ? [centered(own.text, { bold: true, size: TITLE })] : []),
    centered("————", {}, 240),
    para([run(own ? t("summaries-docx-intro-agency", { agency: own.text, period }) : t("summaries-docx-intro", { period }))], { indent: true }),
    para([run(t("summaries-docx-section-completion"), { bold: true })]),
  ];
  if (own?.agency && total.required <= 1) {
    // One agency: its own filing, not "Tổng số đơn vị phải báo cáo: 1".
    const status = total.missing ? "missing" : total.late ? "late" : "on-time";
    body.push(para([run(t("summaries-docx-completion-agency", { agency: own.agency.name, status: t(`summaries-status-${status}`).toLocaleLowerCase("vi") }))], { indent: true }));
  } else {
    body.push(para(
      [run(t("summaries-docx-completion", {
        required: total.required, reported: total.onTime + total.late, onTime: total.onTime, late: total.late, missing: total.missing,
      }))],
      { indent: true },
    ));
    for (const k of s.completion.filter((x) => x.kind !== null))
      body.push(para([run(`- ${kindLabel(k.kind, t, s.kinds, locale)}: ${t("summaries-completion-kind", { reported: k.onTime + k.late, required: k.required, late: k.late, missing: k.missing })}`)], { indent: true }));
    if (s.missing.length) body.push(para([run(`${t("summaries-missing-named")} ${s.missing.map((a) => a.name).join(", ")}.`)], { indent: true }));
    if (s.late.length) body.push(para([run(`${t("summaries-late-named")} ${s.late.map((a) => a.name).join(", ")}.`)], { indent: true }));
  }

  body.push(para([run(t("summaries-docx-section-indicators"), { bold: true })]));
  body.push(indicatorTable(s, c));

  let section = 3;
  const roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];
  for (const tx of s.texts) {
    body.push(para([run(`${roman[section - 1] ?? section}. ${label(tx.question.label).toLocaleUpperCase("vi")}`, { bold: true })], { after: 120 }));
    section++;
    if (tx.items.length === 0) body.push(para([run(t("summaries-docx-none"))], { indent: true }));
    for (const item of tx.items) body.push(para([run(`- ${item.agency.name}: `, { bold: true }), ...lines(item.text)], { indent: true }));
  }
  body.push(para([run(own ? t("summaries-docx-closing-agency", { agency: own.text }) : t("summaries-docx-closing"))], { indent: true, after: 240 }));
  body.push(signature(c));

  const doc = new Document({
    creator: "IT-plan report bot",
    title: `${label(def.title)} ${period}`,
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: Math.round(210 * MM), height: Math.round(297 * MM) },
            margin: { top: Math.round(20 * MM), bottom: Math.round(20 * MM), left: Math.round(30 * MM), right: Math.round(15 * MM) },
          },
        },
        children: body,
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}

function indicatorTable(s: PeriodSummary, c: DocxContext): Table {
  const { t, locale } = c;
  const label = (l: { vi: string; en: string }) => (locale === "en" ? l.en : l.vi);
  const kinds = [...new Set(s.completion.filter((x) => x.kind !== null).map((x) => x.kind!))];
  const rest = kinds.length + 2;
  const widths = [Math.round(CONTENT_WIDTH * 0.08), Math.round(CONTENT_WIDTH * 0.36)];
  const other = Math.floor((CONTENT_WIDTH - widths[0]! - widths[1]!) / rest);
  for (let i = 0; i < rest; i++) widths.push(other);
  let col = 0;
  const cell = (text: string, o: RunOpts & { align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}) =>
    new TableCell({
      width: { size: widths[col++ % widths.length]!, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      children: [new Paragraph({ alignment: o.align ?? AlignmentType.LEFT, children: [run(text, { size: 24, ...o })] })],
    });
  const headers = [
    t("summaries-col-no"), t("summaries-col-indicator"), ...kinds.map((k) => kindLabel(k, t, s.kinds, locale)), c.scope?.text ?? t("summaries-kind-all"),
    s.previous ? periodLabel(s.previous.periodKey, t) : t("summaries-col-previous"),
  ];
  const rows: TableRow[] = [new TableRow({ tableHeader: true, children: headers.map((h) => cell(h, { bold: true, align: AlignmentType.CENTER })) })];
  let no = 1;
  const num = (v: number | undefined, type: Parameters<typeof formatValue>[1], unitLabel?: string) => (v === undefined ? "" : formatValue(v, type, locale, t, unitLabel));
  for (const ind of s.indicators) {
    const type = ind.question.type;
    rows.push(new TableRow({
      children: [
        cell(String(no++), { align: AlignmentType.CENTER }),
        cell(label(ind.question.label)),
        ...kinds.map((k) => cell(num(ind.figure.byKind.find((x) => x.kind === k)?.value, type, label(ind.question.label)), { align: AlignmentType.RIGHT })),
        cell(num(ind.figure.total, type, label(ind.question.label)), { align: AlignmentType.RIGHT, bold: true }),
        cell(num(ind.figure.previousTotal, type, label(ind.question.label)), { align: AlignmentType.RIGHT }),
      ],
    }));
  }
  for (const d of s.derived) {
    rows.push(new TableRow({
      children: [
        cell(String(no++), { align: AlignmentType.CENTER }),
        cell(label(d.label)),
        ...kinds.map((k) => cell(num(d.figure.byKind.find((x) => x.kind === k)?.value, "share"), { align: AlignmentType.RIGHT })),
        cell(num(d.figure.total, "share"), { align: AlignmentType.RIGHT, bold: true }),
        cell(num(d.figure.previousTotal, "share"), { align: AlignmentType.RIGHT }),
      ],
    }));
  }
  return new Table({ width: { size: CONTENT_WIDTH, type: WidthType.DXA }, columnWidths: widths, rows });
}

function signature(c: DocxContext): Table {
  const { t } = c;
  const small = (text: string, o: RunOpts = {}) => new Paragraph({ children: [run(text, { size: 22, ...o })] });
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: [Math.round(CONTENT_WIDTH / 2), Math.round(CONTENT_WIDTH / 2)],
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          new TableCell({
            width: { size: 50, type: WidthType.PERCENTAGE },
            borders: NO_BORDERS,
            children: [
              small(t("summaries-docx-recipients"), { bold: true, italics: true, size: 24 }),
              small(t("summaries-docx-recipient-1")),
              small(t("summaries-docx-recipient-2")),
              small(t("summaries-docx-recipient-3")),
            ],
          }),
          new TableCell({
            width: { size: 50, type: WidthType.PERCENTAGE },
            borders: NO_BORDERS,
            children: [
              centered(t("summaries-docx-signer-title"), { bold: true }),
              centered(t("summaries-docx-signer-hint"), { italics: true }, 1200),
              centered(t("summaries-docx-signer-name"), { bold: true }),
            ],
          }),
        ],
      }),
    ],
  });
}
