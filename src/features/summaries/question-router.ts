import type { IsoDate } from "../calendar/calendar-date.ts";
import { parsePeriodRef, type PeriodRef } from "./period-ref.ts";
import { foldText } from "./text-match.ts";

/** What a plain-language question asks for; each maps onto one of the feature's commands. */
export type Question =
  | { intent: "missing"; period: PeriodRef }
  | { intent: "summary"; period: PeriodRef }
  | { intent: "compare"; indicator: string; period: PeriodRef }
  | { intent: "trend"; indicator: string }
  | { intent: "ranking"; year: number | undefined }
  | { intent: "completion-chart"; period: PeriodRef }
  | { intent: "export"; format: "xlsx" | "csv" | "docx"; period: PeriodRef }
  | { intent: "agency"; query: string }
  /** A year no period can have ("xếp hạng năm 0026"): told so, never guessed or sent to the database. */
  | { intent: "bad-year"; text: string }
  | { intent: "unknown" };

const has = (s: string, ...words: string[]) => words.some((w) => ` ${s} `.includes(` ${w} `));
/** Removes question filler so what remains names an indicator or an agency. */
const FILLER =
  /\b(cho (toi|em|anh|chi) (biet|xem)|xem|hay|vui long|giup|duoc khong|the nao|ra sao|nhu the nao|bao nhieu|la gi|please|show( me)?|what is|how is)\b/g;
const clean = (s: string) => s.replace(FILLER, " ").replace(/[?.!]/g, " ").replace(/\s+/g, " ").trim();

/**
 * Routes an everyday question ("đơn vị nào chưa báo cáo tháng 11", "tóm tắt quý 3 năm 2026",
 * "so sánh tỷ lệ hồ sơ trực tuyến", "xếp hạng năm 2026") to an intent. Pure: diacritics are folded.
 */
export function routeQuestion(text: string, today: IsoDate): Question {
  const { ref, rest, badYear } = parsePeriodRef(text, today);
  if (badYear !== undefined) return { intent: "bad-year", text: badYear };
  const period: PeriodRef = ref ?? { kind: "latest" };
  const s = rest;
  const all = foldText(text);

  if (has(s, "xep hang", "thi dua", "ranking", "rank", "bang xep hang")) {
    const year = ref?.kind === "key" ? Number(ref.key.slice(0, 4)) : undefined;
    return { intent: "ranking", year };
  }
  if (/\b(chua (bao cao|nop|gui)|con thieu|thieu bao cao|khong (bao cao|nop)|missing|not (yet )?report(ed)?|has not reported|have not reported)\b/.test(s))
    return { intent: "missing", period };
  const exportFormat = /\b(xlsx|excel)\b/.test(s) ? "xlsx" : /\bcsv\b/.test(s) ? "csv" : /\b(docx|word|du thao|van ban)\b/.test(s) ? "docx" : undefined;
  if (exportFormat && /\b(xuat|tai|export|download|file|tep|du thao)\b/.test(s)) return { intent: "export", format: exportFormat, period };
  const trend = /\b(xu huong|dien bien|bien dong|trend|qua cac ky|theo thoi gian)\b/;
  if (trend.test(s)) {
    const indicator = clean(s.replace(trend, " ").replace(/\b(bieu do|chart|cua|ve)\b/g, " "));
    return { intent: "trend", indicator };
  }
  const compare = /\b(so sanh|compare|xep theo|dung dau|cao nhat|thap nhat)\b/;
  if (compare.test(s)) {
    const indicator = clean(s.replace(compare, " ").replace(/\b(cac don vi|giua cac don vi|don vi|ve|agencies|by|on)\b/g, " "));
    return { intent: "compare", indicator, period };
  }
  if (/\b(bieu do|chart|do thi)\b/.test(s)) return { intent: "completion-chart", period };
  const agency = /\b(?:bao cao|tinh hinh|ket qua|lich su|report|history)(?: cua| of)? ((?:so|ban|ubnd|uy ban|huyen|thanh pho|tp|thi xa|xa|phuong|van phong|thanh tra|ban quan ly|department|district) .+)$/.exec(s);
  if (agency) return { intent: "agency", query: clean(agency[1]!) };
  const english = /\b(?:report|history|status) of (.+)$/.exec(s);
  if (english) return { intent: "agency", query: clean(english[1]!) };
  if (/\b(tom tat|tong hop|tong ket|summary|summarise|summarize|tinh hinh chung|bao cao chung|ket qua chung|hoan thanh|completion)\b/.test(s) || (ref && clean(s) === ""))
    return { intent: "summary", period };
  if (ref && has(all, "bao cao", "report")) return { intent: "summary", period };
  return { intent: "unknown" };
}
