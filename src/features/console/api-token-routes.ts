import { Hono } from "hono";
import { membershipsOf } from "../../bot/roles.ts";
import type { BotDeps } from "../../bot/context.ts";
import { listAgencies } from "../agencies/agencies.repository.ts";
import { issueApiToken, listApiTokens, revokeApiToken } from "./api-tokens.repository.ts";
import { fail, type ConsoleEnv } from "./console-app.ts";

/** Admins issue, list and revoke the read-only API's tokens (as /apitoken does in chat). */
export function tokenAdminRoutes(deps: BotDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.use("/api-tokens/*", async (c, next) => {
    if (membershipsOf(c.get("viewer"), "admin").length === 0) return fail(c, 403, c.get("tr")("console-error-forbidden"));
    await next();
  });
  app.use("/api-tokens", async (c, next) => {
    if (membershipsOf(c.get("viewer"), "admin").length === 0) return fail(c, 403, c.get("tr")("console-error-forbidden"));
    await next();
  });

  app.get("/api-tokens", async (c) => {
    const rows = await listApiTokens(deps.db);
    const names = new Map((await listAgencies(deps.db)).map((a) => [a.id, a.name]));
    return c.json({
      tokens: rows.map((r) => ({
        id: r.id,
        name: r.name,
        scope: r.agencyId === null ? null : { id: r.agencyId, name: names.get(r.agencyId) ?? null },
        createdAt: r.createdAt.toISOString(),
        lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
        revokedAt: r.revokedAt?.toISOString() ?? null,
      })),
    });
  });

  app.post("/api-tokens", async (c) => {
    const b = ((await c.req.json().catch(() => null)) ?? {}) as { name?: unknown; agencyId?: unknown };
    const name = typeof b.name === "string" ? b.name.trim() : "";
    if (!name) return fail(c, 400, c.get("tr")("console-error-invalid"));
    const agencyId = typeof b.agencyId === "number" ? b.agencyId : null;
    if (agencyId !== null && !(await listAgencies(deps.db)).some((a) => a.id === agencyId)) return fail(c, 404, c.get("tr")("console-error-not-found"));
    const { token, row } = await issueApiToken(deps.db, { name, agencyId, actorPersonId: c.get("viewer").person!.id, now: deps.clock.now() });
    return c.json({ id: row.id, token });
  });

  app.post("/api-tokens/:id{[0-9]{1,9}}/revoke", async (c) => {
    const done = await revokeApiToken(deps.db, { id: Number(c.req.param("id")), actorPersonId: c.get("viewer").person!.id, now: deps.clock.now() });
    return done ? c.json({ ok: true }) : fail(c, 404, c.get("tr")("console-error-not-found"));
  });
  return app;
}
