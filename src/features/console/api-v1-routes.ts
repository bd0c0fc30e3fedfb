import { Hono } from "hono";
import type { BotDeps } from "../../bot/context.ts";
import { localDateTime } from "../../time/calendar-date.ts";
import type { Membership } from "../people/people.table.ts";
import { resolvePeriod } from "../summaries/leader-queries.ts";
import { loadAgencies, loadAnswers, loadSubmissionStatuses, periodsBetween } from "../summaries/summaries.repository.ts";
import { canSee, scopeOf, visibilityOf, type Visibility } from "../summaries/visibility.ts";
import type { ApiToken } from "./api-tokens.table.ts";
import { findLiveApiToken, recordApiTokenUse } from "./api-tokens.repository.ts";
import { dashboard } from "./leader-routes.ts";
import { periodFor, type LeaderView } from "./leader-view.ts";
import { OPENAPI_DOCUMENT } from "./openapi.ts";

interface ApiEnv {
  Variables: { token: ApiToken };
}

/**
 * A token's scope as a leader's: the whole province, or its agency with everything under it (and the history
 * of agencies merged into them), by the same `visibilityOf` as the chat.
 */
export function tokenVisibility(token: Pick<ApiToken, "agencyId">, agencies: Parameters<typeof visibilityOf>[1]): Visibility {
  return visibilityOf([{ role: "leader", agencyId: token.agencyId } as Membership], agencies);
}

/** The read-only API for other systems: Bearer tokens issued by an admin, each use audited. */
export function apiV1Routes(deps: BotDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const today = () => localDateTime(deps.clock.now(), deps.config.REPORT_TIMEZONE).date;

  app.get("/openapi.json", (c) => c.json(OPENAPI_DOCUMENT));

  app.use("*", async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    const token = m ? await findLiveApiToken(deps.db, m[1]!) : undefined;
    if (!token) {
      c.header("WWW-Authenticate", 'Bearer realm="itbot"');
      return c.json({ error: "missing, unknown or revoked token" }, 401);
    }
    if (c.req.method !== "GET") return c.json({ error: "read-only API" }, 405);
    await recordApiTokenUse(deps.db, token, `${c.req.method} ${c.req.path}${new URL(c.req.url).search}`, deps.clock.now());
    c.set("token", token);
    await next();
  });

  const viewOf = async (token: ApiToken, lang: string | undefined): Promise<LeaderView> => {
    const agencies = await loadAgencies(deps.db);
    const locale = lang === "en" ? "en" : "vi";
    return { agencies, visibility: tokenVisibility(token, agencies), today: today(), locale, t: (key, args) => deps.t(locale, key, args) };
  };

  app.get("/agencies", async (c) => {
    const v = await viewOf(c.get("token"), undefined);
    return c.json({
      agencies: v.agencies
        .filter((a) => canSee(v.visibility, a.id))
        .map((a) => ({ id: a.id, code: a.code, name: a.name, kind: a.kind, parentId: a.parentId, active: a.active, successorId: a.successorId ?? null })),
    });
  });

  app.get("/periods", async (c) => {
    const main = (await resolvePeriod(deps.db, { kind: "latest" }, today())).period;
    const rows = main ? await periodsBetween(deps.db, main.templateId, "0001-01-01", "9999-12-31") : [];
    return c.json({
      periods: rows.map((p) => ({ templateId: p.templateId, key: p.periodKey, status: p.status, startsOn: p.startsOn, cutoffOn: p.cutoffOn, deadlineOn: p.deadlineOn })),
    });
  });

  app.get("/submissions", async (c) => {
    const v = await viewOf(c.get("token"), undefined);
    const period = await periodFor(deps, v, c.req.query("period"));
    if (!period) return c.json({ error: "no such period" }, 404);
    const scope = scopeOf(v.visibility);
    const [statuses, answers] = await Promise.all([loadSubmissionStatuses(deps.db, period.id, scope), loadAnswers(deps.db, period.id, scope)]);
    const byAgency = new Map<number, Record<string, unknown>>();
    for (const a of answers) byAgency.set(a.agencyId, { ...(byAgency.get(a.agencyId) ?? {}), [a.key]: a.value });
    return c.json({
      period: { templateId: period.templateId, key: period.periodKey },
      submissions: statuses
        .filter((s) => s.reported)
        .map((s) => ({
          agencyId: s.agencyId,
          status: s.status,
          onTime: s.onTime,
          submittedAt: s.submittedAt === null ? null : new Date(s.submittedAt).toISOString(),
          answers: byAgency.get(s.agencyId) ?? {},
        })),
    });
  });

  app.get("/summaries", async (c) => {
    const v = await viewOf(c.get("token"), c.req.query("lang"));
    const period = await periodFor(deps, v, c.req.query("period"));
    if (!period) return c.json({ error: "no such period" }, 404);
    return c.json(await dashboard(deps, v, period));
  });

  app.notFound((c) => c.json({ error: "not found" }, 404));
  return app;
}
