import { InlineKeyboard } from "grammy";
import type { BotContext } from "../../bot/context.ts";
import { periodLabel, inLocale } from "../../format/period-label.ts";
import { loadKindCatalogue } from "../agencies/agency-kinds.repository.ts";
import { encodeDigestButton, type DigestButton, type DigestPart, type DigestTarget } from "./digest-callback.ts";
import {
  formatFlagsPart, formatIndicatorsPart, formatMissingPart, formatSummaryDigest, formatTextPart, shortQuestionLabel,
} from "./digest-format.ts";
import { indicatorsOf, type Indicator } from "./indicators.ts";
import { agencyHistory, annualRanking, compareAgencies, type AgencyPeriodLine } from "./leader-queries.ts";
import { buildPeriodSummary, type PeriodSummary } from "./period-summary.ts";
import { formatAgencyDigest, formatComparisonDigest, formatRankingDigest } from "./query-digest.ts";
import { formatAgencyReport, formatComparison, formatRanking } from "./query-format.ts";
import { PROVINCE_WIDE, rankingInScope, type ScopedRanking } from "./ranking-scope.ts";
import { splitRichText, type RichText } from "./rich-text.ts";
import { findPeriodByToken, periodToken } from "./combined-periods.ts";
import { latestReportedPeriod, loadAnswers, type AgencyRow, type AnswerRow, type PeriodRow } from "./summaries.repository.ts";
import { formatSummary } from "./summary-format.ts";
import type { View } from "./summaries.replies.ts";
import { canSee } from "./visibility.ts";

/**
 * The short answers and the parts behind their buttons, as screens of one message: a digest first, and each
 * button edits that message into a part (paged when long) with a way back. Every screen is rebuilt from the
 * database under the viewer's scope on each press; nothing is kept between presses.
 */
export interface Screen {
  rich: RichText;
  keyboard: InlineKeyboard;
}

/** A part longer than this is paged (well under Telegram's 4,096, so a page reads on a phone). */
export const PAGE_CHARS = 3000;

const data = (target: DigestTarget, part: DigestPart, page = 0) => encodeDigestButton({ target, part, page });

/** The screen a button asks for, or undefined when what it names no longer exists or is outside the viewer's scope. */
export async function digestScreen(ctx: BotContext, v: View, b: DigestButton, note?: string): Promise<Screen | undefined> {
  switch (b.target.kind) {
    case "summary": {
      const period = await findPeriodByToken(ctx.deps.db, b.target.period, v.today);
      if (!period) return undefined;
      return summaryScreen(await buildPeriodSummary(ctx.deps.db, period, v.agencies, v.visibility), v, b, note);
    }
    case "ranking": {
      const sr = await scopedRanking(ctx, v, b.target.year);
      return sr && rankingScreen(sr.ranking, v, b);
    }
    case "compare": {
      const period = await findPeriodByToken(ctx.deps.db, b.target.period, v.today);
      const ind = period ? indicatorsOf(period.definition)[b.target.indicator] : undefined;
      if (!period || !ind) return undefined;
      const rows = await compareAgencies(ctx.deps.db, period, ind, v.agencies, v.visibility);
      const rich = b.part.kind === "full" ? formatComparison(period, ind, rows, v.locale, v.t) : formatComparisonDigest(period, ind, rows, v.locale, v.t, note);
      return paged(v, b, rich, (kb) => {
        kb.text(v.t("summaries-button-full"), data(b.target, { kind: "full" })).text(v.t("summaries-button-trend"), `summaries:trend:${periodToken(period)}:${b.target.kind === "compare" ? b.target.indicator : 0}`);
      });
    }
    case "agency": {
      const id = b.target.agencyId;
      const agency = v.agencies.find((a) => a.id === id);
      if (!agency || !canSee(v.visibility, agency.id)) return undefined;
      const d = await agencyData(ctx, v, agency);
      if (!d) return undefined;
      const kinds = await loadKindCatalogue(ctx.deps.db);
      const parent = agency.parentId !== null ? v.agencies.find((a) => a.id === agency.parentId) : undefined;
      const rich = b.part.kind === "full"
        ? formatAgencyReport(agency, parent, d.latest, d.history, d.keyIndicators, v.locale, v.t, kinds)
        : formatAgencyDigest(agency, d.latest, d.history, d.keyIndicators, v.locale, v.t, kinds);
      return paged(v, b, rich, (kb) => void kb.text(v.t("summaries-button-full"), data(b.target, { kind: "full" })));
    }
  }
}

function summaryScreen(s: PeriodSummary, v: View, b: DigestButton, note?: string): Screen | undefined {
  const target = b.target;
  const { t, locale } = v;
  const part = b.part;
  if (part.kind === "export") {
    const kb = new InlineKeyboard();
    for (const f of ["xlsx", "csv", "docx"] as const) kb.text(f.toUpperCase(), `summaries:export:${f}:${periodToken(s.period)}`);
    kb.row().text(t("summaries-button-back"), data(target, { kind: "digest" }));
    return { rich: { text: t("summaries-export-choose", { period: periodLabel(s.period.periodKey, t) }), entities: [] }, keyboard: kb };
  }
  const rich =
    part.kind === "indicators" ? formatIndicatorsPart(s, locale, t)
    : part.kind === "text" ? formatTextPart(s, part.question, locale, t)
    : part.kind === "flags" ? formatFlagsPart(s, locale, t)
    : part.kind === "missing" ? formatMissingPart(s, locale, t)
    : part.kind === "full" ? formatSummary(s, locale, t)
    : formatSummaryDigest(s, locale, t, note);
  if (!rich) return undefined;
  return paged(v, b, rich, (kb) => {
    const total = s.completion.find((c) => c.kind === null)!;
    kb.text(t("summaries-button-indicators"), data(target, { kind: "indicators" }));
    if (total.missing > 0) kb.text(t("summaries-button-missing", { count: total.missing }), data(target, { kind: "missing" }));
    else if (total.late > 0) kb.text(t("summaries-button-late", { count: total.late }), data(target, { kind: "missing" }));
    kb.row();
    let inRow = 0;
    s.texts.forEach((tx, i) => {
      if (tx.items.length === 0) return;
      kb.text(t("summaries-button-count", { label: shortQuestionLabel(inLocale(tx.question.label, locale)), count: tx.items.length }), data(target, { kind: "text", question: i }));
      if (++inRow % 2 === 0) kb.row();
    });
    if (inRow % 2 === 1) kb.row();
    if (s.flags.length) kb.text(t("summaries-button-flags", { count: s.flags.length }), data(target, { kind: "flags" }));
    kb.text(t("summaries-button-chart"), data(target, { kind: "chart" })).row();
    kb.text(t("summaries-button-export"), data(target, { kind: "export" })).text(t("summaries-button-full"), data(target, { kind: "full" }));
  });
}

function rankingScreen(sr: ScopedRanking, v: View, b: DigestButton): Screen {
  const year = b.target.kind === "ranking" ? b.target.year : 0;
  const def = sr.ranking.periods[0]?.definition;
  const indicatorLabel = (key: string) => {
    const q = def?.questions.find((x) => x.key === key) ?? def?.derived.find((x) => x.key === key);
    return q ? inLocale(q.label, v.locale) : key;
  };
  const rich = b.part.kind === "full" ? formatRanking(year, sr, indicatorLabel, v.t, v.locale) : formatRankingDigest(year, sr, v.t, v.locale);
  return paged(v, b, rich, (kb) => {
    kb.text(v.t("summaries-button-full"), data(b.target, { kind: "full" }));
    if (sr.rows.length) kb.text(v.t("summaries-button-chart"), data(b.target, { kind: "chart" }));
  });
}

/**
 * The digest with its own buttons (`digestButtons`), or a part paged: "‹ 2/3 ›" when it has several pages,
 * and "‹ Tóm tắt" back to the digest.
 */
function paged(v: View, b: DigestButton, rich: RichText, digestButtons: (kb: InlineKeyboard) => void): Screen {
  const kb = new InlineKeyboard();
  if (b.part.kind === "digest") {
    digestButtons(kb);
    return { rich, keyboard: kb };
  }
  const pages = splitRichText(rich, PAGE_CHARS);
  const page = Math.min(Math.max(b.page, 0), pages.length - 1);
  if (pages.length > 1) {
    if (page > 0) kb.text("‹", data(b.target, b.part, page - 1));
    kb.text(v.t("summaries-page", { page: page + 1, pages: pages.length }), data(b.target, b.part, page));
    if (page < pages.length - 1) kb.text("›", data(b.target, b.part, page + 1));
    kb.row();
  }
  kb.text(v.t("summaries-button-back"), data(b.target, { kind: "digest" }));
  return { rich: pages[page] ?? rich, keyboard: kb };
}

/** The year's ranking computed over the whole province, then cut to what the viewer may see. */
export async function scopedRanking(ctx: BotContext, v: View, year: number): Promise<{ ranking: ScopedRanking; period: PeriodRow } | undefined> {
  const main = await latestReportedPeriod(ctx.deps.db, undefined, v.today);
  if (!main) return undefined;
  const r = await annualRanking(ctx.deps.db, main.templateId, year, v.today, v.agencies, PROVINCE_WIDE);
  return { ranking: rankingInScope(r, v.visibility), period: main };
}

/** What /agency shows of one agency: its latest report, its recent periods and the indicators that matter most. */
export async function agencyData(
  ctx: BotContext,
  v: View,
  agency: AgencyRow,
): Promise<{ latest: { period: PeriodRow; answers: AnswerRow[] } | undefined; history: AgencyPeriodLine[]; keyIndicators: Indicator[] } | undefined> {
  const db = ctx.deps.db;
  const main = await latestReportedPeriod(db, undefined, v.today);
  if (!main) return undefined;
  const def = main.definition;
  const all = indicatorsOf(def);
  const ranked = def.ranking.indicators.map((r) => all.find((i) => i.key === r.key)).filter((i): i is Indicator => !!i);
  const keyIndicators = ranked.length ? ranked : all.slice(0, 4);
  const keys = [...new Set(keyIndicators.flatMap((i) => (i.aggregate === "share" ? [i.numerator!, i.denominator!] : [i.key])))];
  const history = await agencyHistory(db, main.templateId, agency.id, keys, v.today, 6);
  const latestLine = history.find((h) => h.status !== "missing");
  const latest = latestLine ? { period: latestLine.period, answers: await loadAnswers(db, latestLine.period.id, [agency.id]) } : undefined;
  return { latest, history, keyIndicators };
}
