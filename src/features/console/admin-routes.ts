import { Hono } from "hono";
import { eq } from "drizzle-orm";
import type { BotDeps } from "../../bot/context.ts";
import { hasRole, membershipsOf } from "../../bot/roles.ts";
import { periodLabel } from "../../format/period-label.ts";
import { recordAudit } from "../../audit/audit.repository.ts";
import { listAgencies } from "../agencies/agencies.repository.ts";
import { deactivateAgency, moveAgency, renameAgency, type ReorgResult } from "../agencies/agency-lifecycle.ts";
import { orderAsTree, searchAgencies } from "../agencies/agency-tree.ts";
import { localDateTime, parseVnDate } from "../../time/calendar-date.ts";
import { agencyRuleFor, DEFAULT_INVITE_TTL_MS, inviteDeepLink } from "../onboarding/invitation-code.ts";
import { createInvitation, InvitationScopeError } from "../onboarding/invitations.repository.ts";
import { listAllPeople } from "../people/people.repository.ts";
import { memberships, ROLES, type Role } from "../people/people.table.ts";
import { addRole, deactivatePerson, loadPerson, personActionRefusal, reactivatePerson, removeRole, tellPerson } from "../people/person-lifecycle.ts";
import { closePeriod, openPeriod, PeriodError, recentPeriodsForReopen, reopenPeriod } from "../reports/periods.repository.ts";
import { fail, type ConsoleContext, type ConsoleEnv } from "./console-app.ts";

/** A role as the API names it: "leader" (province-wide) or "reporter:12" (at agency 12). */
function parseRoleRef(s: unknown): { role: Role; agencyId: number | null } | undefined {
  if (typeof s !== "string") return undefined;
  const m = /^(admin|coordinator|leader|reporter)(?::(\d{1,9}))?$/.exec(s);
  return m ? { role: m[1] as Role, agencyId: m[2] ? Number(m[2]) : null } : undefined;
}
const roleRef = (m: { role: string; agencyId: number | null }) => (m.agencyId === null ? m.role : `${m.role}:${m.agencyId}`);

/**
 * The coordinators' pages. Each change calls the function the chat's command or button calls (which writes its
 * audit entry in the same transaction) after the chat's own checks: the coordinator role, and who may act on
 * whom (`personActionRefusal`).
 */
export function adminRoutes(deps: BotDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  const today = () => localDateTime(deps.clock.now(), deps.config.REPORT_TIMEZONE).date;
  const actor = (c: ConsoleContext) => ({ personId: c.get("viewer").person!.id, isAdmin: membershipsOf(c.get("viewer"), "admin").length > 0 });
  const body = async <T>(c: ConsoleContext) => ((await c.req.json().catch(() => null)) ?? {}) as Partial<T>;

  app.use("*", async (c, next) => {
    if (!hasRole(c.get("viewer"), "coordinator")) return fail(c, 403, c.get("tr")("console-error-forbidden"));
    await next();
  });

  // People.
  app.get("/people", async (c) => {
    const q = (c.req.query("q") ?? "").trim().toLowerCase();
    const agencies = new Map((await listAgencies(deps.db)).map((a) => [a.id, a]));
    const all = await listAllPeople(deps.db);
    const found = q ? all.filter((p) => p.person.displayName.toLowerCase().includes(q) || String(p.person.telegramId) === q) : all;
    return c.json({
      people: found.slice(0, 500).map((p) => ({
        id: p.person.id,
        name: p.person.displayName,
        telegramId: p.person.telegramId,
        agency: p.memberships.map((m) => (m.agencyId === null ? null : agencies.get(m.agencyId)?.name ?? null)).find((x) => x) ?? null,
        roles: p.memberships.map(roleRef),
        active: p.person.active,
      })),
      total: found.length,
    });
  });

  app.post("/people/:id{[0-9]{1,9}}/roles", async (c) => {
    const t = c.get("tr");
    const personId = Number(c.req.param("id"));
    const b = await body<{ add: unknown[]; remove: unknown[] }>(c);
    const add = (Array.isArray(b.add) ? b.add : []).map(parseRoleRef);
    const remove = (Array.isArray(b.remove) ? b.remove : []).map(parseRoleRef);
    if (add.some((x) => !x) || remove.some((x) => !x) || add.length + remove.length === 0 || add.length + remove.length > 10)
      return fail(c, 400, t("console-error-invalid"));
    const target = await loadPerson(deps.db, personId);
    if (!target) return fail(c, 404, t("console-error-not-found"));
    const refusal = personActionRefusal(actor(c), target, { grantsAdmin: add.some((r) => r!.role === "admin") });
    if (refusal) return fail(c, 403, t(refusal === "self" ? "people-refused-self" : "people-refused-admin-only"));
    for (const r of add) {
      const rule = agencyRuleFor(r!.role);
      if ((rule === "required" && r!.agencyId === null) || (rule === "none" && r!.agencyId !== null)) return fail(c, 422, t("console-error-invalid"));
    }
    const at = deps.clock.now();
    for (const r of remove) {
      const m = target.memberships.find((x) => x.role === r!.role && x.agencyId === r!.agencyId);
      if (m) await removeRole(deps.db, { membershipId: m.id, actorPersonId: actor(c).personId, at });
    }
    for (const r of add) await addRole(deps.db, { personId, role: r!.role, agencyId: r!.agencyId, actorPersonId: actor(c).personId, at });
    const after = await deps.db.select().from(memberships).where(eq(memberships.personId, personId));
    return c.json({ ok: true, roles: after.map(roleRef) });
  });

  app.post("/people/:id{[0-9]{1,9}}/deactivate", async (c) => {
    const t = c.get("tr");
    const personId = Number(c.req.param("id"));
    const b = await body<{ reason: string }>(c);
    const reason = typeof b.reason === "string" ? b.reason.trim().slice(0, 200) : "";
    if (!reason) return fail(c, 400, t("console-error-invalid"));
    const target = await loadPerson(deps.db, personId);
    const refusal = personActionRefusal(actor(c), target);
    if (refusal) return refusal === "unknown" ? fail(c, 404, t("console-error-not-found")) : fail(c, 403, t(refusal === "self" ? "people-refused-self" : "people-refused-admin-only"));
    const done = await deactivatePerson(deps.db, { personId, reason, today: today(), actorPersonId: actor(c).personId, at: deps.clock.now() });
    if (done) await tellPerson(deps.db, deps.t, deps.clock.now(), done, "people-notice-deactivated", { reason });
    return c.json({ ok: true, changed: done !== null });
  });

  app.post("/people/:id{[0-9]{1,9}}/reactivate", async (c) => {
    const t = c.get("tr");
    const personId = Number(c.req.param("id"));
    const target = await loadPerson(deps.db, personId);
    const refusal = personActionRefusal(actor(c), target);
    if (refusal) return refusal === "unknown" ? fail(c, 404, t("console-error-not-found")) : fail(c, 403, t(refusal === "self" ? "people-refused-self" : "people-refused-admin-only"));
    const done = await reactivatePerson(deps.db, { personId, actorPersonId: actor(c).personId, at: deps.clock.now() });
    if (done) await tellPerson(deps.db, deps.t, deps.clock.now(), done, "people-notice-reactivated");
    return c.json({ ok: true, changed: done !== null });
  });

  app.post("/invitations", async (c) => {
    const t = c.get("tr");
    const b = await body<{ role: string; agencyId: number | null }>(c);
    if (!(ROLES as readonly string[]).includes(b.role ?? "")) return fail(c, 400, t("console-error-invalid"));
    const role = b.role as Role;
    if (role === "admin" && !actor(c).isAdmin) return fail(c, 403, t("people-refused-admin-only"));
    const now = deps.clock.now();
    try {
      const { code, invitation } = await createInvitation(
        deps.db,
        { role, agencyId: typeof b.agencyId === "number" ? b.agencyId : null, expiresAt: new Date(now.getTime() + DEFAULT_INVITE_TTL_MS), createdBy: actor(c).personId },
        now,
      );
      const username = deps.config.BOT_USERNAME?.replace(/^@/, "");
      return c.json({ code, link: username ? inviteDeepLink(username, code) : null, expiresAt: invitation.expiresAt.toISOString() });
    } catch (e) {
      if (e instanceof InvitationScopeError) return fail(c, 422, t("console-error-invalid"));
      throw e;
    }
  });

  // Agencies.
  app.get("/agencies", async (c) => {
    const all = await listAgencies(deps.db);
    const q = (c.req.query("q") ?? "").trim();
    const people = await listAllPeople(deps.db);
    const count = new Map<number, number>();
    for (const p of people) for (const m of p.memberships) if (m.agencyId !== null && p.person.active) count.set(m.agencyId, (count.get(m.agencyId) ?? 0) + 1);
    const rows = q ? searchAgencies(all, q).map((agency) => ({ agency, depth: 0 })) : orderAsTree(all);
    return c.json({
      agencies: rows.map(({ agency: a, depth }) => ({ id: a.id, code: a.code, name: a.name, kind: a.kind, parentId: a.parentId, active: a.active, depth, people: count.get(a.id) ?? 0 })),
    });
  });

  const reorgAnswer = (c: ConsoleContext, r: ReorgResult) =>
    r.ok ? c.json({ ok: true, agency: { id: r.value.id, name: r.value.name, parentId: r.value.parentId, active: r.value.active } }) : fail(c, 422, c.get("tr")(`reorg-error-${r.reason}`), { reason: r.reason });

  app.post("/agencies/:id{[0-9]{1,9}}/rename", async (c) => {
    const b = await body<{ name: string }>(c);
    if (typeof b.name !== "string" || !b.name.trim()) return fail(c, 400, c.get("tr")("console-error-invalid"));
    return reorgAnswer(c, await renameAgency(deps.db, { agencyId: Number(c.req.param("id")), name: b.name.trim(), actorPersonId: actor(c).personId, at: deps.clock.now() }));
  });
  app.post("/agencies/:id{[0-9]{1,9}}/move", async (c) => {
    const b = await body<{ parentId: number | null }>(c);
    const parentId = typeof b.parentId === "number" ? b.parentId : null;
    return reorgAnswer(c, await moveAgency(deps.db, { agencyId: Number(c.req.param("id")), parentId, actorPersonId: actor(c).personId, at: deps.clock.now() }));
  });
  app.post("/agencies/:id{[0-9]{1,9}}/deactivate", async (c) => {
    const b = await body<{ fromOn: string }>(c);
    const fromOn = typeof b.fromOn === "string" ? (/^\d{4}-\d{2}-\d{2}$/.test(b.fromOn) ? b.fromOn : parseVnDate(b.fromOn)) : today();
    if (!fromOn) return fail(c, 400, c.get("tr")("console-error-invalid"));
    return reorgAnswer(c, await deactivateAgency(deps.db, { agencyId: Number(c.req.param("id")), fromOn, today: today(), actorPersonId: actor(c).personId, at: deps.clock.now() }));
  });

  // Periods.
  app.get("/periods", async (c) => {
    const t = c.get("tr");
    const rows = await recentPeriodsForReopen(deps.db, 36);
    return c.json({
      periods: rows.map((p) => ({ id: p.id, templateId: p.templateId, key: p.periodKey, label: periodLabel(p.periodKey, t), status: p.status, deadline: p.deadlineOn, reopenedUntil: p.reopenedUntil })),
    });
  });

  app.post("/periods", async (c) => {
    const t = c.get("tr");
    const b = await body<{ action: string; templateId: string; periodKey: string; deadline: string; until: string }>(c);
    if (typeof b.templateId !== "string" || typeof b.periodKey !== "string") return fail(c, 400, t("console-error-invalid"));
    const { templateId, periodKey } = b;
    const who = actor(c).personId;
    const now = deps.clock.now();
    const args = { template: templateId, period: periodLabel(periodKey, t), earliest: "", latest: "" };
    try {
      if (b.action === "open") {
        const deadlineOn = typeof b.deadline === "string" ? b.deadline : undefined;
        const { period, created } = await openPeriod(deps.db, { templateId, periodKey, deadlineOn, openedBy: who, now, timeZone: deps.config.REPORT_TIMEZONE, byHand: true });
        if (created) await recordAudit(deps.db, { actorPersonId: who, action: "period.open", target: `period:${period.id}`, after: { templateId, periodKey, deadlineOn: period.deadlineOn }, at: now });
        return c.json({ ok: true, changed: created, status: period.status, deadline: period.deadlineOn });
      }
      if (b.action === "close") {
        const { period, wasOpen } = await closePeriod(deps.db, { templateId, periodKey });
        if (wasOpen) await recordAudit(deps.db, { actorPersonId: who, action: "period.close", target: `period:${period.id}`, after: { status: "closed" }, at: now });
        return c.json({ ok: true, changed: wasOpen, status: "closed" });
      }
      if (b.action === "reopen") {
        if (typeof b.until !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(b.until)) return fail(c, 400, t("console-error-invalid"));
        const p = await reopenPeriod(deps.db, { templateId, periodKey, until: b.until, today: today() });
        await recordAudit(deps.db, { actorPersonId: who, action: "period.reopen", target: `period:${p.id}`, after: { reopenedUntil: b.until }, at: now });
        return c.json({ ok: true, changed: true, status: p.status, reopenedUntil: b.until });
      }
      return fail(c, 400, t("console-error-invalid"));
    } catch (e) {
      if (e instanceof PeriodError) return fail(c, 422, t(`report-period-error-${e.code}`, args), { reason: e.code });
      throw e;
    }
  });

  // Templates: what is installed, with each version.
  app.get("/templates", async (c) => {
    const { listTemplatesWithVersions } = await import("./template-listing.ts");
    return c.json({ templates: await listTemplatesWithVersions(deps.db, c.get("locale")) });
  });

  return app;
}


