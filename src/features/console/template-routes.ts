import { Hono } from "hono";
import type { BaseContext, BotDeps } from "../../bot/context.ts";
import { hasRole } from "../../bot/roles.ts";
import { periodLabel } from "../../format/period-label.ts";
import { recordAudit } from "../../audit/audit.repository.ts";
import { loadKindCatalogue } from "../agencies/agency-kinds.repository.ts";
import type { TemplateDefinition } from "../templates/template-definition.ts";
import { isTemplateFileName, parseTemplateData, TemplateFileError } from "../templates/template-file.ts";
import { importPreviewLines } from "../templates/template-import-preview.ts";
import { previewScreen, TEMPLATE_UPLOAD_MAX_BYTES } from "../templates/templates.composer.ts";
import {
  applyVersionToPeriod, canonicalJson, currentTemplateVersion, getTemplateVersion, importTemplate, listTemplateVersions, setCurrentVersion, unstartedOpenPeriods,
} from "../templates/templates.repository.ts";
import { fail, type ConsoleContext, type ConsoleEnv } from "./console-app.ts";

type Checked = { ok: true; def: TemplateDefinition; fileName: string } | { ok: false; status: 400 | 422; problems: string[] };

/**
 * Templates from the console, through the chat's /templates code: a version's questions as the chat's preview
 * shows them (the reporter's question screen with its rules), a file (YAML, JSON or Excel) checked by the same
 * `parseTemplateData` and kind check, previewed with the chat's lines, then imported by `importTemplate` after
 * confirming (nothing is stored on a problem); choosing the version that applies, from now on or to a period not
 * yet started. Coordinators only; audited with the chat's actions.
 */
export function templateRoutes(deps: BotDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.use("*", async (c, next) => {
    if (!hasRole(c.get("viewer"), "coordinator")) return fail(c, 403, c.get("tr")("console-error-forbidden"));
    await next();
  });
  const who = (c: ConsoleContext) => c.get("viewer").person!.id;
  /** What the chat's screens need of a context: the person's words and language. */
  const screenContext = (c: ConsoleContext) => ({ t: c.get("tr"), viewer: c.get("viewer") }) as unknown as BaseContext;

  app.get("/templates/versions/:id{[0-9]{1,9}}/preview", async (c) => {
    const tv = await getTemplateVersion(deps.db, Number(c.req.param("id")));
    if (!tv) return fail(c, 404, c.get("tr")("console-error-not-found"));
    const ctx = screenContext(c);
    const screens = tv.definition.questions.map((q, i) => {
      const s = previewScreen(ctx, tv.id, tv.version, tv.definition, i);
      // The chat's buttons, without the preview's own navigation (the page lists every question).
      const buttons = s.keyboard.inline_keyboard
        .map((row) => row.filter((b) => "callback_data" in b && b.callback_data === "tpl:x").map((b) => b.text))
        .filter((row) => row.length > 0);
      return { key: q.key, text: s.text.text, entities: s.text.entities, buttons };
    });
    const open = await unstartedOpenPeriods(deps.db, tv.templateId);
    return c.json({
      templateId: tv.templateId,
      version: tv.version,
      screens,
      periods: open.map((p) => ({ id: p.id, key: p.periodKey, label: periodLabel(p.periodKey, c.get("tr")), usesThisVersion: p.templateVersionId === tv.id })),
    });
  });

  const check = async (c: ConsoleContext): Promise<Checked> => {
    const t = c.get("tr");
    const b = ((await c.req.json().catch(() => null)) ?? {}) as { fileName?: unknown; contentBase64?: unknown };
    if (typeof b.fileName !== "string" || typeof b.contentBase64 !== "string" || !isTemplateFileName(b.fileName))
      return { ok: false, status: 400, problems: [t("console-template-file-kind")] };
    const data = Buffer.from(b.contentBase64, "base64");
    if (data.length === 0 || data.length > TEMPLATE_UPLOAD_MAX_BYTES)
      return { ok: false, status: 422, problems: [t("tpl-upload-too-large", { max: Math.round(TEMPLATE_UPLOAD_MAX_BYTES / 1024) })] };
    const fileName = b.fileName.slice(-120);
    try {
      const def = await parseTemplateData(fileName, data);
      const kindProblems = (await loadKindCatalogue(deps.db)).unknownKindProblems(def.agencies);
      return kindProblems.length ? { ok: false, status: 422, problems: kindProblems } : { ok: true, def, fileName };
    } catch (e) {
      if (e instanceof TemplateFileError) return { ok: false, status: 422, problems: e.problems };
      throw e;
    }
  };
  const refused = (c: ConsoleContext, r: Extract<Checked, { ok: false }>) =>
    fail(c, r.status, c.get("tr")("tpl-upload-invalid", { count: r.problems.length }), { problems: r.problems, fix: c.get("tr")("tpl-upload-fix") });

  app.post("/templates/import/preview", async (c) => {
    const r = await check(c);
    if (!r.ok) return refused(c, r);
    const current = await currentTemplateVersion(deps.db, r.def.id);
    const unchanged = current !== undefined && canonicalJson(current.definition) === canonicalJson(r.def);
    const t = c.get("tr");
    const lines = unchanged
      ? [t("tpl-import-unchanged", { title: r.def.title[c.get("locale")], version: current.version, questions: r.def.questions.length })]
      : withoutChatButtons(importPreviewLines(t, c.get("locale"), r.def, current), t("tpl-upload-preview-ask"));
    return c.json({ templateId: r.def.id, currentVersion: current?.version ?? 0, unchanged, lines });
  });

  app.post("/templates/import/apply", async (c) => {
    const t = c.get("tr");
    const expected = Number(c.req.query("current") ?? NaN);
    const r = await check(c);
    if (!r.ok) return refused(c, r);
    const current = await currentTemplateVersion(deps.db, r.def.id);
    if (Number.isInteger(expected) && (current?.version ?? 0) !== expected) return fail(c, 409, t("tpl-import-changed"));
    const now = deps.clock.now();
    const done = await importTemplate(deps.db, r.def, now);
    if (done.created)
      await recordAudit(deps.db, { actorPersonId: who(c), action: "template.import", target: `template:${done.templateId}`, after: { version: done.version, file: r.fileName }, at: now });
    deps.logger.info({ template: done.templateId, version: done.version, created: done.created }, "template imported from the console");
    const title = r.def.title[c.get("locale")];
    return c.json({
      ok: true,
      created: done.created,
      version: done.version,
      versionId: done.versionId,
      message: t(done.created ? "tpl-import-stored" : "tpl-import-unchanged", { title, version: done.version, questions: r.def.questions.length }),
    });
  });

  // The version that applies to the periods opened from now on.
  app.post("/templates/:template{[a-z0-9-]{1,40}}/current", async (c) => {
    const t = c.get("tr");
    const b = ((await c.req.json().catch(() => null)) ?? {}) as { version?: unknown };
    const templateId = c.req.param("template");
    if (!Number.isInteger(b.version)) return fail(c, 400, t("console-error-invalid"));
    const versions = await listTemplateVersions(deps.db, templateId);
    if (!versions?.some((v) => v.version === b.version)) return fail(c, 404, t("tpl-gone"));
    const changed = await setCurrentVersion(deps.db, templateId, b.version as number);
    if (!changed) return fail(c, 404, t("tpl-gone"));
    if (changed.previous !== b.version)
      await recordAudit(deps.db, {
        actorPersonId: who(c), action: "template.version", target: `template:${templateId}`, before: { version: changed.previous }, after: { version: b.version }, at: deps.clock.now(),
      });
    return c.json({ ok: true, message: t("tpl-version-chosen", { version: b.version as number }) });
  });

  // A version for one open period nobody has started filing.
  app.post("/templates/versions/:id{[0-9]{1,9}}/period/:period{[0-9]{1,9}}", async (c) => {
    const t = c.get("tr");
    const tv = await getTemplateVersion(deps.db, Number(c.req.param("id")));
    const periodId = Number(c.req.param("period"));
    const outcome = tv ? await applyVersionToPeriod(deps.db, tv.id, periodId) : ({ ok: false, reason: "gone" } as const);
    if (!tv || !outcome.ok) return fail(c, 422, t(`tpl-period-${outcome.ok ? "gone" : outcome.reason}`));
    const before = await getTemplateVersion(deps.db, outcome.previousVersionId);
    await recordAudit(deps.db, {
      actorPersonId: who(c), action: "template.period-version", target: `period:${periodId}`, before: { version: before?.version ?? null }, after: { version: tv.version }, at: deps.clock.now(),
    });
    return c.json({ ok: true, message: t("tpl-period-applied", { version: tv.version }) });
  });

  return app;
}

/** The chat's preview lines without its closing "press Import or Cancel" (the page has its own buttons). */
function withoutChatButtons(lines: string[], ask: string): string[] {
  const out = lines.filter((l) => l !== ask);
  while (out.length > 0 && out[out.length - 1] === "") out.pop();
  return out;
}
