/**
 * Numbers as people type them in Vietnam: "1.500.000" (dots group thousands), "1,5" (comma is the
 * decimal mark), but also "1.5" and "1,500,000" from English keyboards. Pure, no I/O.
 */

export type SingleSeparator = "decimal" | "thousands-if-grouped";

/**
 * Parses one number token. `single` decides what one lone separator means: "1.500" is 1500 for whole
 * quantities (integers, money) but 1.5 for decimals and percentages. Undefined when it is not a number.
 */
export function parseVnNumber(raw: string, single: SingleSeparator): number | undefined {
  const text = raw.trim().replace(/\s+/g, "");
  if (!/^[-+]?\d[\d.,]*$/.test(text) || /[.,]$/.test(text)) return undefined;
  const sign = text.startsWith("-") ? -1 : 1;
  const body = text.replace(/^[-+]/, "");
  const dots = count(body, ".");
  const commas = count(body, ",");
  let normalized: string | undefined;
  if (dots === 0 && commas === 0) normalized = body;
  else if (dots > 0 && commas > 0) {
    // Both marks: the last one is the decimal mark, the other groups thousands.
    const decimal = body.lastIndexOf(".") > body.lastIndexOf(",") ? "." : ",";
    const group = decimal === "." ? "," : ".";
    if (count(body, decimal) !== 1) return undefined;
    const [intPart, frac] = body.split(decimal) as [string, string];
    if (!isGrouped(intPart, group)) return undefined;
    normalized = `${intPart.split(group).join("")}.${frac}`;
  } else {
    const mark = dots > 0 ? "." : ",";
    const n = dots + commas;
    if (n > 1) {
      // Several of one mark can only be thousands groups.
      if (!isGrouped(body, mark)) return undefined;
      normalized = body.split(mark).join("");
    } else if (single === "thousands-if-grouped" && isGrouped(body, mark)) {
      normalized = body.split(mark).join("");
    } else {
      normalized = body.replace(mark, ".");
    }
  }
  const value = Number(normalized);
  return Number.isFinite(value) ? sign * value : undefined;
}

function count(s: string, ch: string): number {
  return s.split(ch).length - 1;
}

/** "1.500.000": a head of 1–3 digits, then groups of exactly three. */
function isGrouped(s: string, mark: string): boolean {
  const parts = s.split(mark);
  return /^\d{1,3}$/.test(parts[0]!) && parts.slice(1).every((p) => /^\d{3}$/.test(p));
}
