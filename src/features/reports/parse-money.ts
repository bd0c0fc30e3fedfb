import { parseVnNumber } from "./parse-number.ts";

/**
 * Amounts in VND as people write them: "1.500.000", "1500000 đồng", "1,5 tỷ", "200 triệu", "200tr",
 * "2 tỷ 300 triệu", "500k", and the spoken "1 tỷ 2" (1,2 tỷ) or "5 triệu 25" (5,25 triệu): a bare number after a
 * unit is the digits that follow it. Returns whole đồng, or why it could not be read.
 */
export type MoneyParse = { ok: true; value: number } | { ok: false; reason: "format" | "fraction" };

const UNITS: Array<[RegExp, number]> = [
  [/^(tỷ|tỉ|ty|ti)$/, 1e9],
  [/^(triệu|trieu|tr)$/, 1e6],
  [/^(nghìn|nghin|ngàn|ngan|k)$/, 1e3],
];

const CURRENCY = /\s*(đồng|dong|vnđ|vnd|đ)\.?$/;
const TOKEN = /(\d[\d.,]*)\s*([a-zàáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]*)/gy;

export function parseMoney(raw: string): MoneyParse {
  const text = raw.normalize("NFC").toLowerCase().trim().replace(CURRENCY, "").trim();
  if (!text) return { ok: false, reason: "format" };
  // "1 500 000": spaces grouping thousands.
  if (/^\d{1,3}( \d{3})+$/.test(text)) return parseMoney(text.replace(/ /g, ""));
  const tokens: Array<{ num: string; mult: number | undefined }> = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < text.length) {
    while (text[pos] === " ") pos++;
    if (pos >= text.length) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(text);
    if (!m || m[0].length === 0) return { ok: false, reason: "format" };
    const unit = m[2] ?? "";
    let mult: number | undefined;
    if (unit) {
      mult = UNITS.find(([re]) => re.test(unit))?.[1];
      if (mult === undefined) return { ok: false, reason: "format" };
    }
    tokens.push({ num: m[1]!, mult });
    pos = TOKEN.lastIndex;
  }
  if (tokens.length === 0) return { ok: false, reason: "format" };

  // A bare number is the whole amount; with units, every part needs one and they must go down ("2 tỷ 300 triệu").
  if (tokens.length === 1 && tokens[0]!.mult === undefined) {
    const v = parseVnNumber(tokens[0]!.num, "thousands-if-grouped");
    return v === undefined || v < 0 ? { ok: false, reason: "format" } : whole(v);
  }
  let total = 0;
  let last = Infinity;
  const tail = tokens.at(-1)!;
  if (tokens.length >= 2 && tail.mult === undefined) {
    // "1 tỷ 2": up to three digits, read as the fraction of the unit before them ("2" → 0,2; "25" → 0,25).
    if (!/^\d{1,3}$/.test(tail.num)) return { ok: false, reason: "format" };
    const unit = tokens.at(-2)!.mult;
    if (unit === undefined || unit < 1e6) return { ok: false, reason: "format" };
    total += (Number(tail.num) / 10 ** tail.num.length) * unit;
    tokens.pop();
  }
  for (const t of tokens) {
    if (t.mult === undefined || t.mult >= last) return { ok: false, reason: "format" };
    // "1.500 triệu": a dot before exactly three digits groups thousands, as in any Vietnamese amount; "1,5 tỷ"
    // and "1.5 tỷ" (one or two digits after the mark) are decimals.
    const v = parseVnNumber(t.num, /^\d{1,3}(\.\d{3})+$/.test(t.num) ? "thousands-if-grouped" : "decimal");
    if (v === undefined || v < 0) return { ok: false, reason: "format" };
    total += v * t.mult;
    last = t.mult;
  }
  return whole(total);
}

function whole(v: number): MoneyParse {
  const r = Math.round(v);
  if (Math.abs(v - r) > 1e-6) return { ok: false, reason: "fraction" };
  if (!Number.isSafeInteger(r)) return { ok: false, reason: "format" };
  return { ok: true, value: r };
}
