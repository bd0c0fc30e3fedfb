import { Hono } from "hono";
import type { BotDeps } from "../../bot/context.ts";
import { hasRole } from "../../bot/roles.ts";
import { inLocale, periodLabel } from "../../format/period-label.ts";
import { agencyOptions, audienceKinds, audienceRecipients, overduePeriodOptions, parseAudience, reportingToday, type Audience } from "../broadcasts/audience.ts";
import { broadcastPayload, contentProblem, type BroadcastContent } from "../broadcasts/broadcast-message.ts";
import { broadcastFigures, createBroadcast, getBroadcast, recentBroadcasts, undelivered, unacknowledged } from "../broadcasts/broadcasts.repository.ts";
import { describeAudience } from "../broadcasts/describe-audience.ts";
import { fail, type ConsoleContext, type ConsoleEnv } from "./console-app.ts";

const MAX_AGENCIES = 2000;
const MAX_KINDS = 50;
const LIST_LIMIT = 30;

/**
 * Broadcasts from the console: the chat's /broadcast choices of audience, the same preview (the very payload the
 * recipients get), and the same `createBroadcast` (one outbox row per recipient and its audit entry, in one
 * transaction); /broadcasts' delivery and acknowledgement figures, with who has not acknowledged.
 * Coordinators only, as in chat. Text only: photos and files are sent from the chat.
 */
export function broadcastRoutes(deps: BotDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.use("*", async (c, next) => {
    if (!hasRole(c.get("viewer"), "coordinator")) return fail(c, 403, c.get("tr")("console-error-forbidden"));
    await next();
  });
  const today = () => reportingToday(deps.clock.now(), deps.config.REPORT_TIMEZONE);

  /** The composed broadcast from the body, or the reason it cannot go out (in the person's language). */
  const composed = async (c: ConsoleContext) => {
    const t = c.get("tr");
    const b = ((await c.req.json().catch(() => null)) ?? {}) as { text?: unknown; audience?: unknown; requireAck?: unknown };
    const audience = parseAudience(b.audience);
    const tooMany = (audience?.type === "agencies" && audience.agencyIds.length > MAX_AGENCIES) || (audience?.type === "kinds" && audience.kinds.length > MAX_KINDS);
    if (typeof b.text !== "string" || !audience || tooMany)
      return { error: fail(c, 400, t("console-error-invalid")) };
    if ((audience.type === "roles" && audience.roles.length === 0) || (audience.type === "kinds" && audience.kinds.length === 0) || (audience.type === "agencies" && audience.agencyIds.length === 0))
      return { error: fail(c, 422, t("broadcast-pick-none")) };
    const content: BroadcastContent = { text: b.text.trim(), entities: null, mediaKind: null, mediaFileId: null };
    const problem = contentProblem(content);
    if (problem) return { error: fail(c, 422, t(problem.key, problem.args)) };
    const recipients = await audienceRecipients(deps.db, audience, { today: today(), excludePersonId: c.get("viewer").person!.id });
    if (recipients.length === 0) return { error: fail(c, 422, t("broadcast-no-recipients")) };
    return { content, audience, requireAck: b.requireAck === true, recipients };
  };

  // What the compose form offers: the chat's audience choices.
  app.get("/broadcasts/options", async (c) => {
    const locale = c.get("locale");
    const t = c.get("tr");
    const kinds = await audienceKinds(deps.db);
    const agencies = await agencyOptions(deps.db);
    const periods = await overduePeriodOptions(deps.db, today());
    return c.json({
      roles: (["admin", "coordinator", "leader", "reporter"] as const).map((r) => ({ code: r, label: t(`broadcast-role-${r}`) })),
      kinds: kinds.map((k) => ({ code: k.code, label: k.label(locale, (key) => t(key)) })),
      agencies: agencies.map((a) => ({ id: a.id, name: a.name, people: a.people })),
      periods: periods.map((p) => ({ id: p.id, label: `${inLocale(p.title, locale)} ${periodLabel(p.periodKey, t)}`, overdue: p.overdue })),
    });
  });

  app.post("/broadcasts/preview", async (c) => {
    const p = await composed(c);
    if ("error" in p) return p.error;
    const t = c.get("tr");
    const payload = broadcastPayload(p.content, { broadcastId: null, ackLabel: p.requireAck ? t("broadcast-ack-button") : undefined });
    const audienceText = await describeAudience(deps.db, deps.t, c.get("locale"), p.audience);
    return c.json({
      preview: { text: String(payload.params.text ?? ""), button: p.requireAck ? t("broadcast-ack-button") : null },
      recipients: p.recipients.length,
      audience: audienceText,
      summary: t("broadcast-preview-summary", { count: p.recipients.length, audience: audienceText }),
    });
  });

  app.post("/broadcasts", async (c) => {
    const p = await composed(c);
    if ("error" in p) return p.error;
    const made = await createBroadcast(deps.db, {
      content: p.content,
      audience: p.audience,
      requireAck: p.requireAck,
      createdBy: c.get("viewer").person!.id,
      recipients: p.recipients,
      wording: { ackLabel: (l) => deps.t(l, "broadcast-ack-button") },
      now: deps.clock.now(),
    });
    deps.logger.info({ broadcast: made.id, recipients: made.total, audience: p.audience.type }, "broadcast queued from the console");
    return c.json({ ok: true, id: made.id, total: made.total });
  });

  app.get("/broadcasts", async (c) => {
    const rows = await recentBroadcasts(deps.db, LIST_LIMIT);
    const figures = await broadcastFigures(deps.db, rows.map((b) => b.id));
    const locale = c.get("locale");
    return c.json({
      broadcasts: await Promise.all(
        rows.map(async (b) => {
          const f = figures.get(b.id)!;
          return {
            id: b.id,
            text: b.text,
            media: b.mediaKind ?? null,
            createdAt: b.createdAt.toISOString(),
            audience: await describeAudienceSafe(deps, locale, b.audience),
            requireAck: b.requireAck,
            total: f.total,
            delivered: f.sent,
            failed: f.failed,
            pending: f.pending,
            acknowledged: f.acked,
          };
        }),
      ),
    });
  });

  app.get("/broadcasts/:id{[0-9]{1,9}}", async (c) => {
    const b = await getBroadcast(deps.db, Number(c.req.param("id")));
    if (!b) return fail(c, 404, c.get("tr")("console-error-not-found"));
    const f = (await broadcastFigures(deps.db, [b.id])).get(b.id)!;
    const pending = b.requireAck ? await unacknowledged(deps.db, b.id) : [];
    const failed = await undelivered(deps.db, b.id);
    return c.json({
      id: b.id,
      text: b.text,
      createdAt: b.createdAt.toISOString(),
      audience: await describeAudienceSafe(deps, c.get("locale"), b.audience),
      requireAck: b.requireAck,
      figures: { total: f.total, delivered: f.sent, failed: f.failed, pending: f.pending, acknowledged: f.acked },
      unacknowledged: pending.map((p) => ({ name: p.name, agencies: p.agencies })),
      undelivered: failed.map((u) => ({ name: u.name, status: u.status })),
    });
  });

  return app;
}

async function describeAudienceSafe(deps: BotDeps, locale: string, raw: unknown): Promise<string> {
  const a: Audience | undefined = parseAudience(raw);
  return a ? describeAudience(deps.db, deps.t, locale, a) : "";
}
