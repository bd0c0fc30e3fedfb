import { TELEGRAM_CALLBACK_DATA_BYTES } from "../../bot/telegram-limits.ts";

/**
 * The buttons under a short answer (digest) and its parts, as typed values. Encoded
 * `sd:<target>:<part>:<page>` (at most ~30 bytes, well under Telegram's 64). Decoding refuses anything
 * else; the handler re-checks the viewer's role and scope and re-loads what the button names on every press.
 */
export type DigestTarget =
  | { kind: "summary"; period: string }
  | { kind: "agency"; agencyId: number }
  | { kind: "ranking"; year: number }
  | { kind: "compare"; period: string; indicator: number };

/**
 * What the message shows: the digest itself, a part of it, the full text, the export menu or the chart
 * (the chart is sent as a photo; everything else edits the message).
 */
export type DigestPart =
  | { kind: "digest" }
  | { kind: "indicators" }
  | { kind: "text"; question: number }
  | { kind: "flags" }
  | { kind: "missing" }
  | { kind: "full" }
  | { kind: "export" }
  | { kind: "chart" };

export interface DigestButton {
  target: DigestTarget;
  part: DigestPart;
  page: number;
}

export const DIGEST_PREFIX = "sd:";

const PART_CODE = { digest: "d", indicators: "i", flags: "f", missing: "m", full: "x", export: "e", chart: "g" } as const;
const CODE_PART = Object.fromEntries(Object.entries(PART_CODE).map(([k, c]) => [c, k])) as Record<string, Exclude<DigestPart["kind"], "text">>;

function encodeTarget(t: DigestTarget): string {
  switch (t.kind) {
    case "summary":
      return `s${t.period}`;
    case "agency":
      return `a${t.agencyId}`;
    case "ranking":
      return `r${t.year}`;
    case "compare":
      return `c${t.period}~${t.indicator}`;
  }
}

export function encodeDigestButton(b: DigestButton): string {
  const part = b.part.kind === "text" ? `t${b.part.question}` : PART_CODE[b.part.kind];
  const data = `${DIGEST_PREFIX}${encodeTarget(b.target)}:${part}:${b.page}`;
  if (Buffer.byteLength(data, "utf8") > TELEGRAM_CALLBACK_DATA_BYTES) throw new Error("digest button data over 64 bytes");
  return data;
}

/** A period as buttons name it (`periodToken`): a period id, or for a combined one the id of a month and the longer key. */
const PERIOD = String.raw`\d{1,9}(?:\.\d{4}(?:-Q[1-4]|-H[12]|-9M)?)?`;
const PATTERN = new RegExp(String.raw`^sd:(?:s(${PERIOD})|a(\d{1,9})|r(\d{4})|c(${PERIOD})~(\d{1,3})):(?:([dimfxeg])|t(\d{1,3})):(\d{1,4})$`);

/** The button, or undefined for anything this codec did not write (an old layout, a forged press). */
export function decodeDigestButton(data: string): DigestButton | undefined {
  const m = PATTERN.exec(data);
  if (!m) return undefined;
  const target: DigestTarget =
    m[1] !== undefined ? { kind: "summary", period: m[1] }
    : m[2] !== undefined ? { kind: "agency", agencyId: Number(m[2]) }
    : m[3] !== undefined ? { kind: "ranking", year: Number(m[3]) }
    : { kind: "compare", period: m[4]!, indicator: Number(m[5]) };
  const part: DigestPart = m[6] !== undefined ? { kind: CODE_PART[m[6]]! } : { kind: "text", question: Number(m[7]) };
  return { target, part, page: Number(m[8]) };
}
