import { Hono } from "hono";
import type { BotDeps } from "../../bot/context.ts";
import { hasRole } from "../../bot/roles.ts";
import { applyAgencyImport, listAgencies } from "../agencies/agencies.repository.ts";
import { loadKindCatalogue } from "../agencies/agency-kinds.repository.ts";
import { planAgencyImport, type ImportPlan } from "../agencies/agency-import.ts";
import { fail, type ConsoleContext, type ConsoleEnv } from "./console-app.ts";

/**
 * The agencies file (CSV, the columns of `npm run cli -- import-agencies`) previewed, then applied: the same
 * `planAgencyImport` checks and the same `applyAgencyImport` (all or nothing, one audit entry per agency changed).
 */
export function agencyImportRoutes(deps: BotDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.use("*", async (c, next) => {
    if (!hasRole(c.get("viewer"), "coordinator")) return fail(c, 403, c.get("tr")("console-error-forbidden"));
    await next();
  });

  const plan = async (c: ConsoleContext) => {
    const b = ((await c.req.json().catch(() => null)) ?? {}) as { csv?: unknown };
    if (typeof b.csv !== "string" || b.csv.length === 0) return { error: fail(c, 400, c.get("tr")("console-error-invalid")) };
    const existing = await listAgencies(deps.db);
    const codeOf = new Map(existing.map((a) => [a.id, a.code]));
    const result: ImportPlan = planAgencyImport(
      b.csv,
      existing.map((a) => ({ code: a.code, parentCode: a.parentId === null ? null : (codeOf.get(a.parentId) ?? null) })),
      (await loadKindCatalogue(deps.db)).list().map((k) => k.code),
    );
    if (!result.ok) {
      const t = c.get("tr");
      const problems = result.problems.map((p) => ({
        line: p.line,
        message: t("admin-cli-problem-line", {
          line: p.line,
          message: t(`admin-cli-problem-${p.problem}`, { detail: p.detail, first: p.firstLine ?? "", values: p.values ?? "", columns: p.columns ?? "", max: p.max ?? "" }),
        }),
      }));
      return { error: fail(c, 422, t("console-error-invalid"), { problems }) };
    }
    const byCode = new Map(existing.map((a) => [a.code, a]));
    const changes = result.rows.map((r) => {
      const now = byCode.get(r.code);
      const parent = now?.parentId == null ? null : (codeOf.get(now.parentId) ?? null);
      const change = !now ? "create" : now.name !== r.name || now.kind !== r.kind || parent !== r.parentCode ? "update" : "unchanged";
      return { line: r.line, code: r.code, name: r.name, kind: r.kind, parentCode: r.parentCode, change, ...(now && change === "update" ? { before: { name: now.name, kind: now.kind, parentCode: parent } } : {}) };
    });
    return { result, changes };
  };

  app.post("/import/preview", async (c) => {
    const p = await plan(c);
    if ("error" in p) return p.error;
    return c.json({ changes: p.changes, counts: countOf(p.changes) });
  });

  app.post("/import/apply", async (c) => {
    const p = await plan(c);
    if ("error" in p) return p.error;
    if (!p.result.ok) return fail(c, 422, c.get("tr")("console-error-invalid"));
    const outcome = await applyAgencyImport(deps.db, p.result.rows, { actorPersonId: c.get("viewer").person!.id, at: deps.clock.now() }, p.result.kinds);
    return c.json({ ok: true, ...outcome });
  });
  return app;
}

function countOf(changes: { change: string }[]) {
  return { create: changes.filter((x) => x.change === "create").length, update: changes.filter((x) => x.change === "update").length, unchanged: changes.filter((x) => x.change === "unchanged").length };
}
