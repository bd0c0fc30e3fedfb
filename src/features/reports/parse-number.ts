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
  const text = withoutGroupSpaces(raw.trim());
  if (text === undefined) return undefined;
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

/**
 * "1 500 000" and "1 500,5": a space (also a no-break or narrow no-break one) may only group thousands: a head
 * of 1–3 digits, then groups of exactly three, then perhaps a decimal part. Any other space inside a number
 * ("12 5", "5 10") makes it unreadable rather than 125 or 510. Undefined when spaces are misplaced.
 */
function withoutGroupSpaces(text: string): string | undefined {
  if (!/\s/.test(text)) return text;
  const m = /^([-+]?)(\d{1,3}(?:[ \u00a0\u202f]\d{3})+)([.,]\d+)?$/.exec(text);
  if (!m) return undefined;
  // The mark after space-grouped thousands can only be the decimal one: "1 500,5" and "1 500.5" are 1500.5.
  return `${m[1]}${m[2]!.replace(/\D/g, "")}${m[3] ? `.${m[3].slice(1)}` : ""}`;
}

function count(s: string, ch: string): number {
  return s.split(ch).length - 1;
}

/** "1.500.000": a head of 1–3 digits, then groups of exactly three. */
function isGrouped(s: string, mark: string): boolean {
  const parts = s.split(mark);
  return /^\d{1,3}$/.test(parts[0]!) && parts.slice(1).every((p) => /^\d{3}$/.test(p));
}
