import type { TemplateDefinition } from "../templates/template-definition.ts";
import { indicatorsOf } from "./indicators.ts";
import { foldText } from "./text-match.ts";

/**
 * The words a question can use, built from data: the template's indicators (labels in both languages, key,
 * declared synonyms), the agencies (full names, names without "UBND", short forms such as "sở tttt", a
 * commune's bare place name) and the agency kinds. Pure: no database, no Telegram.
 */
export interface QuestionLexicon {
  indicators: LexiconIndicator[];
  /** Every agency alias, longest first, with the agency codes it names. */
  agencyAliases: { alias: string; codes: string[] }[];
  kindAliases: { alias: string; code: string }[];
  /** Text questions holding difficulties and proposals. */
  textKeys: { difficulties: string[]; proposals: string[] };
  /** For the language model and the "understood" line: what each code and key is called. */
  agencyNames: Map<string, string>;
  indicatorLabels: Map<string, { vi: string; en: string }>;
  kindNames: Map<string, string>;
  /** The template's title, and its title without "báo cáo", as leaders may name the report. */
  titles: string[];
}

export interface LexiconIndicator {
  key: string;
  /** Folded phrases, each a list of words. */
  phrases: string[][];
  /** A rate or share ("tỷ lệ …", "… (%)"): preferred when the question says "tỷ lệ", not otherwise. */
  rate: boolean;
  direction: "higher" | "lower";
}

export interface LexiconAgency {
  code: string;
  name: string;
  kind: string;
  active: boolean;
}

export interface LexiconKind {
  code: string;
  names: string[];
}

/** Folded, with dots, dashes and slashes as spaces ("TP. Biên Hòa" → "tp bien hoa"). */
export const norm = (s: string): string => foldText(s).replace(/[./%-]+/g, " ").replace(/\s+/g, " ").trim();

const UNIT = /\((?:%|đồng|dong|vnd|người|nguoi)\)/giu;

/** What leaders call each well-known kind, besides the names stored in the kind catalogue. */
const KIND_WORDS: Record<string, string[]> = {
  department: ["so ban nganh", "cac so ban nganh", "cac so nganh", "so nganh", "cac so", "khoi so", "cap so", "departments"],
  commune: ["xa phuong", "cac xa phuong", "phuong xa", "cac xa", "cac phuong", "cap xa", "khoi xa", "communes"],
  district: ["cac huyen", "cap huyen", "quan huyen", "districts"],
};

const PLACE_PREFIX = /^(?:ubnd |uy ban nhan dan )?(xa|phuong|thi tran|dac khu|huyen|quan|thi xa|thanh pho|tp) (.+)$/;
const VA = new Set(["va"]);

export function buildLexicon(def: TemplateDefinition, agencies: readonly LexiconAgency[], kinds: readonly LexiconKind[]): QuestionLexicon {
  const ranking = new Map(def.ranking.indicators.map((i) => [i.key, i.direction]));
  const indicatorLabels = new Map<string, { vi: string; en: string }>();
  const labelWords = new Set<string>();
  const indicators = indicatorsOf(def).map((ind): LexiconIndicator => {
    indicatorLabels.set(ind.key, ind.label);
    const source = def.questions.find((q) => q.key === ind.key) ?? def.derived.find((d) => d.key === ind.key);
    const texts = [ind.label.vi, ind.label.en, ind.key.replace(/_/g, " "), ...(source?.synonyms ?? [])];
    const phrases = texts.map((t) => norm(t.replace(UNIT, " "))).filter(Boolean).map((t) => t.split(" "));
    for (const p of phrases.slice(0, 1)) labelWords.add(p.join(" "));
    const rate = ind.type === "share" || ind.type === "percent" || /^ty le /.test(norm(ind.label.vi));
    return { key: ind.key, phrases, rate, direction: ranking.get(ind.key) ?? "higher" };
  });

  const textQuestions = def.questions.filter((q) => q.type === "long-text" || q.type === "short-text");
  const textOf = (re: RegExp) => textQuestions.filter((q) => re.test(norm(`${q.label.vi} ${q.label.en} ${q.key} ${(q.synonyms ?? []).join(" ")}`))).map((q) => q.key);

  const byAlias = new Map<string, { codes: string[]; active: boolean }>();
  const add = (alias: string, a: LexiconAgency) => {
    if (alias.split(" ").length < 2 && !/^[a-z]+\d*$/.test(alias)) return;
    const cur = byAlias.get(alias);
    if (!cur || (a.active && !cur.active)) byAlias.set(alias, { codes: [a.code], active: a.active });
    else if (cur.active === a.active && !cur.codes.includes(a.code)) cur.codes.push(a.code);
  };
  const inLabels = (words: string) => [...labelWords].some((l) => ` ${l} `.includes(` ${words} `));
  for (const a of agencies) {
    const full = norm(a.name);
    add(full, a);
    const code = norm(a.code);
    if (code.includes(" ")) add(code, a);
    const noCommittee = full.replace(/^(?:ubnd|uy ban nhan dan) /, "");
    if (noCommittee !== full) add(noCommittee, a);
    const place = PLACE_PREFIX.exec(full);
    if (place) {
      const [, level, rest] = place as unknown as [string, string, string];
      add(`${level} ${rest}`, a);
      if (level === "thanh pho") add(`tp ${rest}`, a);
      if (a.active && rest.split(" ").length >= 2) add(`ubnd ${rest}`, a);
      if (a.active && rest.split(" ").length >= 2 && !inLabels(rest)) add(rest, a);
    }
    const dept = /^(so|ban|chi cuc|thanh tra|van phong) (.+)$/.exec(noCommittee);
    if (dept) {
      const [, head, rest] = dept as unknown as [string, string, string];
      const words = rest.split(" ").filter((w) => !VA.has(w));
      if (words.length >= 2) add(`${head} ${words.map((w) => w[0]).join("")}`, a);
      if (words.length !== rest.split(" ").length) add(`${head} ${words.join(" ")}`, a);
      // "Khoa học và Công nghệ" → "sở kh cn", "sở khoa học"; "Văn hóa, Thể thao và Du lịch" → "sở vh tt dl", "sở văn hóa".
      const original = a.name.replace(/^(?:UBND|Ủy ban nhân dân)\s+/iu, "").split(/\s+/).slice(head.split(" ").length).join(" ");
      const segments = original.split(/,|–|-|\s+và\s+|\s+va\s+/iu).map(norm).filter(Boolean);
      if (segments.length >= 2) {
        add(`${head} ${segments.map((g) => g.split(" ").map((w) => w[0]).join("")).join(" ")}`, a);
        if (head === "so" && a.active && segments[0]!.split(" ").length >= 2) add(`${head} ${segments[0]}`, a);
      }
      if (head === "so" && a.active)
        for (const bare of new Set([rest, words.join(" ")])) if (bare.split(" ").length >= 2 && !inLabels(bare)) add(bare, a);
    }
  }
  const agencyAliases = [...byAlias].map(([alias, v]) => ({ alias, codes: v.codes })).sort((x, y) => y.alias.length - x.alias.length);

  const kindAliases: { alias: string; code: string }[] = [];
  // A one-word kind name ("Tỉnh") is left out: its word is too common in questions ("toàn tỉnh", "tình hình").
  for (const k of kinds)
    for (const n of [...k.names.map(norm), ...(KIND_WORDS[k.code] ?? [])]) if (n.includes(" ")) kindAliases.push({ alias: n, code: k.code });
  kindAliases.sort((x, y) => y.alias.length - x.alias.length);

  return {
    indicators,
    agencyAliases,
    kindAliases,
    textKeys: { difficulties: textOf(/\b(kho khan|vuong mac|difficult)/), proposals: textOf(/\b(de xuat|kien nghi|propos|recommend)/) },
    agencyNames: new Map(agencies.map((a) => [a.code, a.name])),
    indicatorLabels,
    kindNames: new Map(kinds.map((k) => [k.code, k.names[0] ?? k.code])),
    titles: [...new Set([def.title.vi, def.title.en].map(norm).flatMap((t) => [t, t.replace(/^(?:bao cao|report) /, "")]))]
      .filter((t) => t.includes(" "))
      .sort((x, y) => y.length - x.length),
  };
}
