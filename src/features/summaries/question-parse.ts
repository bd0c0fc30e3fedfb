import type { IsoDate } from "../../time/calendar-date.ts";
import { parsePeriodRef } from "./period-ref.ts";
import { foldText } from "./text-match.ts";
import { norm, type QuestionLexicon } from "./question-lexicon.ts";
import { blankQuery, periodText, type QuestionIntent, type QuestionQuery } from "./question-query.ts";

/** What a question was read as: the query (none when its intent was not understood) and the words left over. */
export interface ParsedQuestion {
  query: QuestionQuery | undefined;
  /** Words that carried meaning but were not understood ("" when everything was). */
  leftover: string;
  /** A period phrase that names no period, or a year no period can have: the question is not answered. */
  problem?: { kind: "bad-period" | "bad-year"; text: string };
}

// Each pattern runs on folded text padded with spaces; a match is cut out so that what is left is what
// has not been understood yet.
const P = (words: string) => new RegExp(` (?:${words})(?= )`, "g");
const EXPORT_XLSX = P("xlsx|excel|bang tinh");
const EXPORT_CSV = P("csv");
const EXPORT_DOCX = P("docx|word|van ban word|file word|ban word");
const EXPORT_VERB = P("xuat|tai ve|tai|gui|export|download|file|tep|ban|dinh dang|dang|format");
const DEADLINE = P("het han nop|het han|han nop|thoi han nop|thoi han|han chot|han cuoi|deadline|due date|due|den han|phai nop truoc|han bao cao");
const WARNINGS = P(
  "dang ngo|bat thuong|canh bao|sai lech|mau thuan|nghi ngo|bat hop ly|chat luong so lieu|loi so lieu|suspicious|anomal\\w*|warnings?|outliers?|inconsisten\\w*|implausible",
);
const DIFFICULTIES = P("kho khan|vuong mac|tro ngai|difficult\\w*|obstacles?|problems?");
const PROPOSALS = P("de xuat|kien nghi|de nghi|proposals?|recommendations?");
const REPORTER = P(
  "ai (?:la )?(?:nguoi )?(?:bao cao|phu trach|nhap lieu|nhap|lam bao cao)|nguoi (?:bao cao|phu trach|nhap lieu|lam bao cao|nop)|can bo (?:bao cao|phu trach|dau moi)|dau moi|who (?:reports|files|is the reporter)|reporters?",
);
const LATE = P("da nop (?:tre|muon|cham)(?: han)?|nop (?:tre|muon|cham)(?: han)?|tre han|qua han|nop sau han|cham nop|cham tre|(?:filed |reported )?late|overdue");
const MISSING = P(
  "chua (?:nop|bao cao|gui|co bao cao|hoan thanh)(?: bao cao)?|con thieu|thieu bao cao|khong (?:nop|bao cao|gui)(?: bao cao)?|not (?:yet )?(?:filed|reported|submitted)|(?:have|has) not (?:filed|reported|submitted)|missing",
);
const ON_TIME = P("(?:nop |bao cao )?dung han|kip thoi|on time");
const FILED = P("da (?:nop|bao cao|gui|hoan thanh)(?: bao cao)?|(?:nop|gui|bao cao)(?: bao cao)? chua|hoan thanh bao cao|nop bao cao|nop roi|(?:have|has) (?:filed|reported|submitted)|filed|submitted|reported");
const COUNT = P("bao nhieu|may|so luong|how many|number of|dem");
const SHARE = P("ty le|phan tram|bao nhieu phan tram|share|percentage|percent|rate");
const RANKING = P("bang xep hang|xep hang|thi dua|diem thi dua|dung thu|xep thu|thu hang|hang|ranking|ranked|rank|standings?");
const TREND = P("xu huong|dien bien|bien dong|tang giam|tang hay giam|qua cac thang|qua cac ky|theo thang|theo thoi gian|trend|over time|evolution");
const CHART = P("bieu do|do thi|chart|graph");
const COMPARE = P("so sanh|doi chieu|compare|versus|vs");
const HIGH = P("cao nhat|nhieu nhat|lon nhat|highest|most|largest");
const LOW = P("thap nhat|it nhat|nho nhat|lowest|least|smallest");
const BEST = P("tot nhat|dan dau|dung dau|hang dau|xuat sac nhat|best|top|leading");
const WORST = P("kem nhat|te nhat|yeu nhat|xep cuoi bang|cuoi bang|xep cuoi|dung cuoi|bet|worst|bottom|cham nhat");
const SUMMARY = P("tom tat|tong hop|tong ket|tinh hinh chung|tinh hinh|ket qua chung|tong quan|summary|overview|summari[sz]e");
const AGENCY_REPORT = P("bao cao cua|lich su|history|report of|status of");
const KIND_QUESTION = / (so|xa|phuong|huyen) nao(?= )/;
const KIND_OF_WORD: Record<string, string> = { so: "department", xa: "commune", phuong: "commune", huyen: "district" };
const COUNT_OF = / (?:top (\d{1,2})(?: (so|xa|phuong|huyen))?|(\d{1,2}) (?:don vi|co quan|dia phuong|noi|agencies|units)|(\d{1,2}) (so|xa|phuong|huyen))(?= )/;
/** "6 tháng qua", "12 kỳ gần đây": how far back a trend goes, read before the period phrases take "6 tháng". */
const TREND_SPAN = / (?:(?:trong )?(\d{1,2}) (?:thang|ky|months?|periods?) (?:qua|gan day|gan nhat|vua qua|truoc|last|recent)|(?:the )?(?:last|past) (\d{1,2}) (?:months?|periods?))(?= )/;
const TREND_SPAN_BARE = / (\d{1,2}) (?:thang|ky|months?|periods?)(?! dau| cuoi| first| last)(?= )/;

/** Words that carry no meaning of their own in a question. */
const FILLER = new Set(
  (
    "cho toi em anh chi minh biet xem hay vui long giup duoc khong the nao ra sao nhu la gi bao nhieu co nhung cac cua va voi " +
    "don vi co quan hien tai hien nay bao cao so lieu chi tieu toan tinh nao ai dau bay gio a nhe oi nhi vay thi o trong ky nay ve theo " +
    "muc gia tri tong cong dat da roi chua khi bao gio ngay nop gui hoi sao hon voi giua tren duoi moi tung danh sach liet ke thong tin " +
    "ket qua so sanh cua ho lam ti tong gap binh quan trung please show me what is are the of which who how much many in for tell give list when was were " +
    "has have do does any there by to on at a an i we our all agency agencies unit units figures figure data report reports over from"
  ).split(" "),
);

interface Cutter {
  s: string;
}

function cut(c: Cutter, re: RegExp): boolean {
  re.lastIndex = 0;
  if (!re.test(c.s)) return false;
  c.s = c.s.replace(re, " ;");
  return true;
}

/**
 * Reads a plain-language question into one query, with the lexicon of this template, agencies and kinds.
 * Pure. A question whose intent is not understood has no query; words not understood are returned either way.
 */
export function parseQuestion(text: string, lex: QuestionLexicon, today: IsoDate): ParsedQuestion {
  let pre = ` ${foldText(text.replace(/%/g, " phan tram "))} `;
  let span: number | undefined;
  const spanMatch = TREND_SPAN.exec(pre) ?? (new RegExp(TREND.source).test(pre) ? TREND_SPAN_BARE.exec(pre) : null);
  if (spanMatch) {
    span = Number(spanMatch[1] ?? spanMatch[2]);
    pre = pre.replace(spanMatch[0], " ; ");
  }
  // The period is read from the text as written when it can be (its echo in an error keeps the accents).
  const period = parsePeriodRef(spanMatch ? pre : text, today);
  if (period.badYear !== undefined) return { query: undefined, leftover: "", problem: { kind: "bad-year", text: period.badYear } };
  if (period.badPeriod !== undefined) return { query: undefined, leftover: "", problem: { kind: "bad-period", text: period.badPeriod } };
  const c: Cutter = { s: ` ${norm(period.rest.replace(/%/g, " phan tram "))} ` };

  for (const title of lex.titles) c.s = c.s.split(` ${title} `).join(" ; ");
  // Agencies in the order they are named; the longest alias first, so "xã Long Thành" before "Long Thành".
  const named: { at: number; code: string }[] = [];
  for (const { alias, codes } of lex.agencyAliases) {
    const at = c.s.indexOf(` ${alias} `);
    if (at === -1) continue;
    c.s = c.s.split(` ${alias} `).join(` #${" ".repeat(Math.max(0, alias.length - 1))} `);
    for (const code of codes) if (!named.some((n) => n.code === code)) named.push({ at, code });
  }
  const agencies = named.sort((x, y) => x.at - y.at).map((n) => n.code);
  let kind: string | null = null;
  for (const { alias, code } of lex.kindAliases) {
    if (!c.s.includes(` ${alias} `)) continue;
    kind ??= code;
    c.s = c.s.split(` ${alias} `).join(" ; ");
  }
  const kindQuestion = KIND_QUESTION.exec(c.s);
  if (kindQuestion && lex.kindAliases.some((k) => k.code === KIND_OF_WORD[kindQuestion[1]!])) {
    kind ??= KIND_OF_WORD[kindQuestion[1]!]!;
    c.s = c.s.replace(kindQuestion[0], " ;");
  }
  let count: number | null = span ?? null;
  const countOf = COUNT_OF.exec(c.s);
  const topN = countOf?.[1] !== undefined;
  if (countOf) {
    count = Number(countOf[1] ?? countOf[3] ?? countOf[4]);
    const word = countOf[2] ?? countOf[5];
    const k = word ? KIND_OF_WORD[word] : undefined;
    if (k && lex.kindAliases.some((x) => x.code === k)) kind ??= k;
    c.s = c.s.replace(countOf[0], " ;");
  }
  const kindWord = / (xa|phuong|huyen)(?= )/.exec(c.s);
  if (kindWord && kind === null && lex.kindAliases.some((x) => x.code === KIND_OF_WORD[kindWord[1]!])) {
    kind = KIND_OF_WORD[kindWord[1]!]!;
    c.s = c.s.replace(kindWord[0], " ;");
  }

  const format = cut(c, EXPORT_XLSX) ? "xlsx" : cut(c, EXPORT_CSV) ? "csv" : cut(c, EXPORT_DOCX) ? "docx" : null;
  if (format) cut(c, EXPORT_VERB);
  const deadline = cut(c, DEADLINE);
  const warnings = cut(c, WARNINGS);
  const difficulties = cut(c, DIFFICULTIES);
  const proposals = cut(c, PROPOSALS);
  const reporter = cut(c, REPORTER);
  const late = cut(c, LATE);
  const missing = cut(c, MISSING);
  const onTime = cut(c, ON_TIME);
  const filed = cut(c, FILED);
  const counting = cut(c, COUNT);
  const status = late || missing || onTime || filed;
  const share = status && !reporter ? cut(c, SHARE) : SHARE.test(c.s);
  const ranking = cut(c, RANKING);
  const trend = cut(c, TREND);
  const chart = cut(c, CHART);
  const compare = cut(c, COMPARE);
  // "ít camera nhất", "nhiều chữ ký số nhất": the superlative around the indicator's words.
  let split: "highest" | "lowest" | undefined;
  const around = / (nhieu|cao|lon|it|thap|nho) ((?:\S+ ){1,8}?)nhat(?= )/.exec(c.s);
  if (around && !/ nhat /.test(` ${around[2]} `)) {
    split = ["it", "thap", "nho"].includes(around[1]!) ? "lowest" : "highest";
    c.s = c.s.replace(around[0], ` ${around[2]}`);
  }
  const literal = split ?? (cut(c, HIGH) ? "highest" : cut(c, LOW) ? "lowest" : undefined);
  const judged = cut(c, BEST) || topN ? "best" : cut(c, WORST) ? "worst" : undefined;
  const summary = cut(c, SUMMARY);
  const agencyReport = cut(c, AGENCY_REPORT);

  const found = matchIndicator(c.s, lex);
  const indicator = found?.key ?? null;
  const direction = lex.indicators.find((i) => i.key === indicator)?.direction ?? "higher";
  const order =
    literal ?? (judged === undefined ? null : (judged === "best") === (direction === "higher") ? "highest" : "lowest");

  const intent = ((): QuestionIntent | undefined => {
    if (format) return "export";
    if (deadline) return "deadline";
    if (warnings) return "warnings";
    if (difficulties) return "difficulties";
    if (proposals) return "proposals";
    if (reporter) return "agency-status";
    if (chart) return indicator ? "trend" : "chart";
    if (status) {
      if (agencies.length === 1 && !counting && !share) return "agency-status";
      if (share) return late || onTime ? "share-on-time" : "share-filed";
      if (late) return counting ? "count-late" : "late";
      if (missing) return counting ? "count-missing" : "missing";
      return counting ? "count-filed" : onTime ? "share-on-time" : "count-filed";
    }
    if (ranking) return "ranking";
    if (trend) return "trend";
    if (chart) return indicator ? "trend" : "chart";
    if (compare) return "compare";
    if (order) return indicator ? "top" : "ranking";
    if (count !== null && !indicator && agencies.length === 0) return "ranking";
    if (indicator) return agencies.length >= 2 ? "compare" : "value";
    if (agencies.length === 1 && (summary || agencyReport || c.s.trim().replace(/[#;\s]/g, "") === "" || / bao cao /.test(c.s))) return "agency";
    if (agencies.length >= 2) return "compare";
    if (summary || (period.ref && agencies.length === 0)) return "summary";
    if (/ (?:bao cao|report) /.test(c.s) && agencies.length === 0) return "summary";
    return undefined;
  })();

  const hits = new Set(found?.hits ?? []);
  const leftover = c.s
    .split(" ")
    .filter((w) => w && w !== "#" && w !== ";" && !FILLER.has(w) && !hits.has(w) && !/^\d+$/.test(w))
    .join(" ");
  if (!intent) return { query: undefined, leftover: leftover || norm(text) };
  const q = blankQuery(intent, period.ref ? periodText(period.ref) : "latest");
  q.agencies = agencies.slice(0, 10);
  q.kind = kind;
  q.indicator = indicator;
  q.order = intent === "top" || intent === "ranking" ? order : null;
  q.count = intent === "top" || intent === "ranking" || intent === "trend" ? count : null;
  q.format = format;
  return { query: q, leftover };
}

/** Words that name no indicator on their own. */
const WEAK = new Set([...FILLER, "ty", "le", "phan", "tram", "#", ";"]);

/**
 * The indicator whose label, key or synonyms share most words with what is left of the question; a rate
 * ("tỷ lệ …") only when the question asks for one. The words it used are understood.
 */
export function matchIndicator(rest: string, lex: QuestionLexicon): { key: string; hits: string[] } | undefined {
  const words = [...new Set(rest.split(" ").filter((w) => w && w !== "#" && w !== ";"))];
  const content = words.filter((w) => !WEAK.has(w) && !/^\d+$/.test(w));
  if (content.length === 0) return undefined;
  const asksRate = / (?:ty le|phan tram|share|rate|percentage) /.test(` ${rest} `);
  let best: { key: string; hits: string[]; score: number } | undefined;
  for (const ind of lex.indicators) {
    for (const phrase of ind.phrases) {
      const set = new Set(phrase);
      const hits = content.filter((w) => set.has(w));
      if (hits.length === 0) continue;
      const score = hits.length / content.length + (0.3 * hits.length) / set.size + (ind.rate ? (asksRate ? 0.2 : -0.5) : 0);
      const used = words.filter((w) => set.has(w));
      if (score > (best?.score ?? 0)) best = { key: ind.key, hits: [...used, ...(asksRate && ind.rate ? ["ty", "le", "phan", "tram"] : [])], score };
    }
  }
  return best && best.score >= 0.5 ? { key: best.key, hits: best.hits } : undefined;
}
