import { Hono } from "hono";
import type { BotDeps } from "../../bot/context.ts";
import { periodLabel, inLocale } from "../../format/period-label.ts";
import { closedAgencyIds } from "../agencies/agency-lifecycle.ts";
import { loadKindCatalogue } from "../agencies/agency-kinds.repository.ts";
import type { AnswerWords } from "../reports/format-answer.ts";
import { formatAnswer } from "../reports/format-answer.ts";
import { findIndicator, indicatorsOf, type Indicator } from "../summaries/indicators.ts";
import { agencyHistory, annualRanking, compareAgencies, indicatorTrend, resolvePeriod } from "../summaries/leader-queries.ts";
import { formatChange, formatNumber, formatValue, kindLabel } from "../summaries/number-format.ts";
import { buildPeriodSummary } from "../summaries/period-summary.ts";
import { flagText } from "../summaries/summary-format.ts";
import { loadAnswers, loadSubmissionStatuses, periodsBetween } from "../summaries/summaries.repository.ts";
import { canSee, mayAggregate, requiredBy, scopeOf } from "../summaries/visibility.ts";
import { hasRole } from "../../bot/roles.ts";
import { AGENCY_ROLES } from "../summaries/visibility.ts";
import { fail, type ConsoleContext, type ConsoleEnv, type Tr } from "./console-app.ts";
import { loadLeaderView, periodFor, type LeaderView } from "./leader-view.ts";
import { exportFile, EXPORT_FORMATS, type ExportFormat } from "./export-files.ts";

export type DashboardStatus = "on-time" | "late" | "missing" | "returned" | "draft";

export function answerWords(t: Tr): AnswerWords {
  return { yes: t("report-yes"), no: t("report-no"), skipped: t("report-skipped"), photo: t("report-photo"), file: t("report-file") };
}

/** The leaders' pages: the same queries as /summary, /agency, /compare, /ranking, /trend and /export. */
export function leaderRoutes(deps: BotDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();

  /** The view, refused (403) unless the person may see summaries over several agencies, as in chat. */
  const aggregateView = async (c: ConsoleContext): Promise<LeaderView | undefined> => {
    const v = await loadLeaderView(deps, c.get("viewer"), c.get("locale"), c.get("tr"));
    return mayAggregate(c.get("viewer"), v.visibility) ? v : undefined;
  };

  app.get("/periods", async (c) => {
    if (!hasRole(c.get("viewer"), ...AGENCY_ROLES)) return fail(c, 403, c.get("tr")("console-error-forbidden"));
    const v = await loadLeaderView(deps, c.get("viewer"), c.get("locale"), c.get("tr"));
    const current = (await resolvePeriod(deps.db, { kind: "latest" }, v.today)).period;
    const periods = current ? await periodsBetween(deps.db, current.templateId, "0001-01-01", "9999-12-31") : [];
    return c.json({
      periods: periods.slice(0, 120).map((p) => ({
        key: p.periodKey,
        label: periodLabel(p.periodKey, v.t),
        title: inLocale(p.definition.title, v.locale),
        status: p.status === "open" ? "open" : "closed",
        deadline: p.deadlineOn,
      })),
      current: current?.periodKey ?? null,
    });
  });

  app.get("/dashboard", async (c) => {
    const v = await aggregateView(c);
    if (!v) return fail(c, 403, c.get("tr")("console-error-forbidden"));
    const period = await periodFor(deps, v, c.req.query("period"));
    if (!period) return fail(c, 404, v.t("console-error-no-period"));
    return c.json(await dashboard(deps, v, period));
  });

  app.get("/agencies/:id{[0-9]{1,9}}", async (c) => {
    const viewer = c.get("viewer");
    if (!hasRole(viewer, ...AGENCY_ROLES)) return fail(c, 403, c.get("tr")("console-error-forbidden"));
    const v = await loadLeaderView(deps, viewer, c.get("locale"), c.get("tr"));
    const agency = v.agencies.find((a) => a.id === Number(c.req.param("id")));
    if (!agency) return fail(c, 404, v.t("console-error-not-found"));
    if (!canSee(v.visibility, agency.id)) return fail(c, 403, v.t("console-error-forbidden"));
    const period = await periodFor(deps, v, c.req.query("period"));
    if (!period) return fail(c, 404, v.t("console-error-no-period"));
    const def = period.definition;
    const statuses = await loadSubmissionStatuses(deps.db, period.id, [agency.id]);
    const answers = await loadAnswers(deps.db, period.id, [agency.id]);
    const byKey = new Map(answers.map((a) => [a.key, a.value]));
    const s = statuses[0];
    const words = answerWords(v.t);
    const all = indicatorsOf(def);
    const ranked = def.ranking.indicators.map((r) => all.find((i) => i.key === r.key)).filter((i): i is Indicator => !!i);
    const keyIndicators = ranked.length ? ranked : all.slice(0, 4);
    const keys = [...new Set(keyIndicators.flatMap((i) => (i.aggregate === "share" ? [i.numerator!, i.denominator!] : [i.key])))];
    const history = await agencyHistory(deps.db, period.templateId, agency.id, keys, v.today, 12);
    return c.json({
      agency: { id: agency.id, name: agency.name, kind: agency.kind },
      report: s
        ? {
            status: statusOf(s),
            answers: def.questions
              .filter((q) => byKey.has(q.key))
              .map((q) => ({ key: q.key, label: inLocale(q.label, v.locale), formatted: formatAnswer(q, byKey.get(q.key) as never, v.locale, words) })),
          }
        : null,
      history: history.map((h) => ({ period: h.period.periodKey, label: periodLabel(h.period.periodKey, v.t), status: h.status })),
      trend: keyIndicators.map((ind) => ({
        indicator: ind.key,
        label: inLocale(ind.label, v.locale),
        points: [...history].reverse().map((h) => {
          const value = ind.aggregate === "share"
            ? ratio(h.values.get(ind.numerator!), h.values.get(ind.denominator!))
            : h.values.get(ind.key);
          return { period: h.period.periodKey, label: periodLabel(h.period.periodKey, v.t), value: value ?? null };
        }),
      })),
    });
  });

  app.get("/compare", async (c) => {
    const v = await aggregateView(c);
    if (!v) return fail(c, 403, c.get("tr")("console-error-forbidden"));
    const period = await periodFor(deps, v, c.req.query("period"));
    if (!period) return fail(c, 404, v.t("console-error-no-period"));
    const ids = (c.req.query("agencies") ?? "").split(",").filter((x) => /^\d{1,9}$/.test(x)).map(Number).slice(0, 20);
    const chosen = ids.map((id) => v.agencies.find((a) => a.id === id));
    if (chosen.some((a) => !a)) return fail(c, 404, v.t("console-error-not-found"));
    if (chosen.some((a) => !canSee(v.visibility, a!.id))) return fail(c, 403, v.t("console-error-forbidden"));
    const answers = await loadAnswers(deps.db, period.id, ids);
    const words = answerWords(v.t);
    const rows = period.definition.questions.map((q) => ({
      key: q.key,
      label: inLocale(q.label, v.locale),
      values: ids.map((id) => {
        const a = answers.find((x) => x.agencyId === id && x.key === q.key);
        return a ? formatAnswer(q, a.value as never, v.locale, words) : null;
      }),
    }));
    return c.json({ period: { key: period.periodKey, label: periodLabel(period.periodKey, v.t) }, agencies: chosen.map((a) => ({ id: a!.id, name: a!.name })), rows });
  });

  app.get("/ranking", async (c) => {
    const v = await aggregateView(c);
    if (!v) return fail(c, 403, c.get("tr")("console-error-forbidden"));
    const period = await periodFor(deps, v, c.req.query("period"));
    if (!period) return fail(c, 404, v.t("console-error-no-period"));
    const year = Number(period.periodKey.slice(0, 4));
    const r = await annualRanking(deps.db, period.templateId, year, v.today, v.agencies, v.visibility);
    const def = period.definition;
    const label = (key: string) => {
      const ind = indicatorsOf(def).find((i) => i.key === key);
      return ind ? inLocale(ind.label, v.locale) : key;
    };
    const weights = r.rule.timelinessWeight + r.rule.indicators.reduce((s, i) => s + i.weight, 0) || 1;
    const share = (w: number) => formatNumber((100 * w) / weights, v.locale, 0);
    const explanation = [
      v.t("summaries-ranking-periods", { count: r.periods.length }),
      v.t("summaries-ranking-how-timeliness", { weight: r.rule.timelinessWeight, share: share(r.rule.timelinessWeight) }),
      ...r.rule.indicators.map((i) =>
        v.t(i.direction === "lower" ? "summaries-ranking-how-indicator-lower" : "summaries-ranking-how-indicator", { indicator: label(i.key), weight: i.weight, share: share(i.weight) }),
      ),
      v.t("summaries-ranking-how-total"),
    ].join("\n");
    return c.json({
      year,
      explanation,
      rows: r.rows.map((row) => ({ rank: row.rank, id: row.agency.id, name: row.agency.name, score: row.total, scoreFormatted: formatNumber(row.total, v.locale, 1) })),
      total: r.rows.length,
    });
  });

  app.get("/trend", async (c) => {
    const v = await aggregateView(c);
    if (!v) return fail(c, 403, c.get("tr")("console-error-forbidden"));
    const period = await periodFor(deps, v, c.req.query("period"));
    if (!period) return fail(c, 404, v.t("console-error-no-period"));
    const ind = findIndicator(period.definition, c.req.query("indicator") ?? "") ?? indicatorsOf(period.definition)[0];
    if (!ind) return fail(c, 404, v.t("console-error-not-found"));
    const months = Math.min(60, Math.max(2, Number(c.req.query("months")) || 12));
    const points = await indicatorTrend(deps.db, period.templateId, ind, v.today, v.visibility, months);
    return c.json({
      indicator: ind.key,
      label: inLocale(ind.label, v.locale),
      indicators: indicatorsOf(period.definition).map((i) => ({ key: i.key, label: inLocale(i.label, v.locale) })),
      points: points.map((p) => ({
        period: p.period.periodKey,
        label: periodLabel(p.period.periodKey, v.t),
        value: p.value ?? null,
        formatted: p.value === undefined ? null : formatValue(p.value, ind.type, v.locale, v.t),
      })),
    });
  });

  app.get("/export/:format{xlsx|docx|csv}", async (c) => {
    const v = await aggregateView(c);
    if (!v) return fail(c, 403, c.get("tr")("console-error-forbidden"));
    const format = c.req.param("format") as ExportFormat;
    if (!EXPORT_FORMATS.has(format)) return fail(c, 404, v.t("console-error-not-found"));
    const period = await periodFor(deps, v, c.req.query("period"));
    if (!period) return fail(c, 404, v.t("console-error-no-period"));
    const file = await exportFile(deps, v, period, format);
    return new Response(file.body as BodyInit, {
      headers: { "content-type": file.type, "content-disposition": `attachment; filename="${file.name}"`, "cache-control": "no-store" },
    });
  });

  return app;
}

const ratio = (n: number | undefined, d: number | undefined) => (n !== undefined && d !== undefined && d > 0 ? (100 * n) / d : undefined);

function statusOf(s: { reported: boolean; onTime: boolean | null; status: string }): DashboardStatus {
  if (s.status === "returned") return "returned";
  if (!s.reported) return "draft";
  return s.onTime === false ? "late" : "on-time";
}

/** The dashboard of one period: what /summary says, as data, with every required agency's state. */
export async function dashboard(deps: Pick<BotDeps, "db">, v: LeaderView, period: Awaited<ReturnType<typeof periodFor>> & object) {
  const s = await buildPeriodSummary(deps.db, period, v.agencies, v.visibility);
  const def = period.definition;
  const visible = (id: number) => canSee(v.visibility, id);
  const required = requiredBy(def.agencies, v.agencies, { cutoffOn: period.cutoffOn, closed: await closedAgencyIds(deps.db, period.id) }).filter((a) => visible(a.id));
  const statuses = new Map((await loadSubmissionStatuses(deps.db, period.id, scopeOf(v.visibility))).map((r) => [r.agencyId, r]));
  const kinds = s.kinds ?? (await loadKindCatalogue(deps.db));
  const total = s.completion.find((x) => x.kind === null) ?? { required: 0, onTime: 0, late: 0, missing: 0 };
  const agencies = required.map((a) => {
    const st = statuses.get(a.id);
    const status: DashboardStatus = st ? statusOf(st) : "missing";
    const at = st?.reported ? st.submittedAt : null;
    return {
      id: a.id,
      name: a.name,
      kind: a.kind,
      kindLabel: kindLabel(a.kind, v.t, kinds, v.locale),
      status,
      submittedAt: at === null || at === undefined ? null : new Date(at).toISOString(),
    };
  });
  const unitOf = (type: string) => (type === "percent" || type === "share" ? "%" : type === "money" ? "VND" : "");
  const indicator = (key: string, label: { vi: string; en: string }, type: Parameters<typeof formatValue>[1], cur: number | undefined, prev: number | undefined) => ({
    key,
    label: inLocale(label, v.locale),
    value: cur ?? null,
    formatted: cur === undefined ? "—" : formatValue(cur, type, v.locale, v.t),
    change: cur !== undefined && prev !== undefined ? cur - prev : null,
    changeFormatted: formatChange(cur, prev, type, v.locale, v.t) || null,
    unit: unitOf(type),
  });
  const grouped = (items: { agency: { name: string }; text: string }[]) => {
    const byText = new Map<string, string[]>();
    for (const i of items) byText.set(i.text, [...(byText.get(i.text) ?? []), i.agency.name]);
    return [...byText].map(([text, names]) => ({ agencies: names, text }));
  };
  const isProposal = (key: string) => /propos|de_xuat|kien_nghi/.test(key);
  return {
    period: { key: period.periodKey, label: periodLabel(period.periodKey, v.t), deadline: period.deadlineOn },
    scopeLabel: v.visibility.all ? v.t("console-scope-province") : v.t("console-scope-agencies", { count: required.length }),
    completion: {
      required: total.required,
      filed: total.onTime + total.late,
      onTime: total.onTime,
      late: total.late,
      missing: total.missing,
      returned: agencies.filter((a) => a.status === "returned").length,
    },
    agencies,
    indicators: [
      ...s.derived.map((d) => indicator(d.key, d.label, "share", d.figure.total, d.figure.previousTotal)),
      ...s.indicators.map((i) => indicator(i.key, i.question.label, i.question.type, i.figure.total, i.figure.previousTotal)),
    ],
    difficulties: s.texts.filter((x) => !isProposal(x.key)).flatMap((x) => grouped(x.items).map((g) => ({ ...g, question: inLocale(x.question.label, v.locale) }))),
    proposals: s.texts.filter((x) => isProposal(x.key)).flatMap((x) => grouped(x.items).map((g) => ({ ...g, question: inLocale(x.question.label, v.locale) }))),
    warnings: s.flags.map((f) => ({ agency: f.agency.name, text: flagText(f, def, v.locale, v.t) })),
  };
}
