import { Hono } from "hono";
import type { BotDeps } from "../../bot/context.ts";
import { hasRole } from "../../bot/roles.ts";
import type { AgencyKind } from "../agencies/agencies.table.ts";
import { loadKindCatalogue } from "../agencies/agency-kinds.repository.ts";
import { mergeAgencies, type MergeTarget } from "../agencies/agency-lifecycle.ts";
import { localDateTime, parseVnDate } from "../../time/calendar-date.ts";
import { fail, type ConsoleEnv } from "./console-app.ts";

const MAX_PREDECESSORS = 50;

/**
 * Merging agencies from the console: several predecessors into an existing agency or a new one from an effective
 * date, through /reorg's `mergeAgencies` (one transaction, every predecessor audited with the successor).
 * Coordinators only, as /reorg.
 */
export function agencyMergeRoutes(deps: BotDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.use("*", async (c, next) => {
    if (!hasRole(c.get("viewer"), "coordinator")) return fail(c, 403, c.get("tr")("console-error-forbidden"));
    await next();
  });

  app.post("/merge", async (c) => {
    const t = c.get("tr");
    const b = ((await c.req.json().catch(() => null)) ?? {}) as { predecessorIds?: unknown; into?: Record<string, unknown>; effectiveOn?: unknown };
    const ids = Array.isArray(b.predecessorIds) && b.predecessorIds.every((x) => Number.isInteger(x)) ? (b.predecessorIds as number[]) : undefined;
    const effectiveOn = typeof b.effectiveOn === "string" ? (/^\d{4}-\d{2}-\d{2}$/.test(b.effectiveOn) ? b.effectiveOn : parseVnDate(b.effectiveOn)) : undefined;
    if (!ids || ids.length === 0 || ids.length > MAX_PREDECESSORS || !effectiveOn || !b.into || typeof b.into !== "object") return fail(c, 400, t("console-error-invalid"));
    let into: MergeTarget;
    if (Number.isInteger(b.into.existingId)) into = { existingId: b.into.existingId as number };
    else {
      const { code, name, kind, parentId } = b.into;
      if (typeof code !== "string" || typeof name !== "string" || !name.trim() || typeof kind !== "string" || !(parentId === null || parentId === undefined || Number.isInteger(parentId)))
        return fail(c, 400, t("console-error-invalid"));
      if (!(await loadKindCatalogue(deps.db)).has(kind)) return fail(c, 422, t("console-error-invalid"));
      into = { code: code.trim(), name: name.trim().slice(0, 200), kind: kind as AgencyKind, parentId: (parentId as number | null | undefined) ?? null };
    }
    const r = await mergeAgencies(deps.db, {
      predecessorIds: ids,
      into,
      effectiveOn,
      today: localDateTime(deps.clock.now(), deps.config.REPORT_TIMEZONE).date,
      actorPersonId: c.get("viewer").person!.id,
      at: deps.clock.now(),
    });
    if (!r.ok) return fail(c, 422, t(`reorg-error-${r.reason}`), { reason: r.reason });
    return c.json({ ok: true, successor: { id: r.value.id, name: r.value.name, code: r.value.code }, effectiveOn });
  });
  return app;
}
