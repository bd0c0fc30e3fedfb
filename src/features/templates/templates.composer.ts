import { Composer, InlineKeyboard } from "grammy";
import { FormattedString } from "@grammyjs/parse-mode";
import type { Document } from "grammy/types";
import type { BaseContext, BotContext } from "../../bot/context.ts";
import type { Feature } from "../../bot/features.ts";
import { requireRole } from "../../bot/require-role.ts";
import { hasRole } from "../../bot/roles.ts";
import { recordAudit } from "../../audit/audit.repository.ts";
import { loadKindCatalogue } from "../agencies/agency-kinds.repository.ts";
import { formatVnDate, localDateTime } from "../../time/calendar-date.ts";
import { periodLabel } from "../../format/period-label.ts";
import { compact, lang, questionScreen } from "../reports/report-screens.ts";
import { numberFormatter } from "../reports/format-answer.ts";
import type { Question, TemplateDefinition } from "./template-definition.ts";
import { isTemplateFileName, parseTemplateData, TemplateFileError } from "./template-file.ts";
import { importPreviewLines } from "./template-import-preview.ts";
import {
  canonicalJson, currentTemplateVersion, getTemplateVersion, importTemplate, listCurrentTemplates, listTemplateVersions, setCurrentVersion, applyVersionToPeriod, unstartedOpenPeriods,
} from "./templates.repository.ts";

/** A template file sent in chat: at most this many bytes (the shipped it-plan is ≈ 6 KB as YAML, 11 KB as Excel). */
export const TEMPLATE_UPLOAD_MAX_BYTES = 512 * 1024;
const MESSAGE_LIMIT = 3900;

/** Texts under Telegram's limit, split between lines. */
function chunks(lines: string[]): string[] {
  const out: string[] = [];
  let cur = "";
  for (const raw of lines) {
    const line = raw.length > MESSAGE_LIMIT ? `${raw.slice(0, MESSAGE_LIMIT - 1)}…` : raw;
    const add = cur ? `${cur}\n${line}` : line;
    if (add.length > MESSAGE_LIMIT && cur) {
      out.push(cur);
      cur = line;
    } else cur = add;
  }
  if (cur) out.push(cur);
  return out;
}

const day = (ctx: BotContext, at: Date) => formatVnDate(localDateTime(at, ctx.deps.config.REPORT_TIMEZONE).date);

/** Replaces the screen the button was on; pressing the button of the screen already shown changes nothing. */
async function edit(ctx: BotContext, text: string, other?: Parameters<BotContext["editMessageText"]>[1]): Promise<void> {
  try {
    await ctx.editMessageText(text, other);
  } catch (err) {
    // Telegram answers "message is not modified" for the same text and buttons.
    if (!String(err).includes("not modified")) throw err;
  }
}

/** The list: every template by its title, with its versions (which one applies to new periods, which periods use each). */
async function listScreen(ctx: BotContext): Promise<{ text: string; keyboard: InlineKeyboard }> {
  const { db } = ctx.deps;
  const l = lang(ctx);
  const lines = [ctx.t("tpl-list-title")];
  const kb = new InlineKeyboard();
  for (const tv of await listCurrentTemplates(db)) {
    const title = tv.definition.title[l];
    lines.push("", `📋 ${title}`);
    for (const v of (await listTemplateVersions(db, tv.templateId)) ?? []) lines.push(versionLine(ctx, v));
    kb.text(title.length > 60 ? `${title.slice(0, 59)}…` : title, `tpl:t:${tv.templateId}`).row();
  }
  if (lines.length === 1) lines.push(ctx.t("tpl-list-empty"));
  lines.push("", ctx.t("tpl-list-help"));
  return { text: chunks(lines).join("\n").slice(0, MESSAGE_LIMIT), keyboard: compact(kb) };
}

function versionLine(ctx: BotContext, v: Awaited<ReturnType<typeof listTemplateVersions>> extends (infer R)[] | undefined ? R : never): string {
  const periods = v.periodKeys.length === 0 ? ctx.t("tpl-version-no-periods") : v.periodKeys.slice(-3).map((k) => periodLabel(k, ctx.t)).join(", ");
  return ctx.t(v.current ? "tpl-version-line-current" : "tpl-version-line", {
    version: v.version,
    date: day(ctx, v.createdAt),
    questions: v.questions,
    periods,
    more: Math.max(0, v.periodKeys.length - 3),
  });
}

/** Versions on one page of a template's screen (newest first); older ones are on the next pages. */
const VERSIONS_PER_PAGE = 10;

/**
 * One template: a page of its versions (newest first), a preview button for each and a button to make an older
 * or newer one apply, ‹ › to the other pages.
 */
async function templateScreen(ctx: BotContext, templateId: string, page = 0): Promise<{ text: string; keyboard: InlineKeyboard } | undefined> {
  const { db } = ctx.deps;
  const current = await currentTemplateVersion(db, templateId);
  const versions = await listTemplateVersions(db, templateId);
  if (!current || !versions) return undefined;
  const pages = Math.max(1, Math.ceil(versions.length / VERSIONS_PER_PAGE));
  const p = Math.min(page, pages - 1);
  const shown = versions.slice(p * VERSIONS_PER_PAGE, (p + 1) * VERSIONS_PER_PAGE);
  const lines = [
    `📋 ${current.definition.title[lang(ctx)]}`,
    ...(pages > 1 ? [ctx.t("tpl-versions-page", { page: p + 1, pages, count: versions.length })] : []),
    "",
    ...shown.map((v) => versionLine(ctx, v)),
    "",
    ctx.t("tpl-versions-help"),
  ];
  const kb = new InlineKeyboard();
  for (const v of shown) {
    kb.text(ctx.t("tpl-button-preview", { version: v.version }), `tpl:p:${v.id}:0`);
    if (!v.current) kb.text(ctx.t("tpl-button-use", { version: v.version }), `tpl:u:${v.id}`);
    kb.row();
  }
  // Open periods nobody has started a report in may still take the version that applies now.
  for (const open of (await unstartedOpenPeriods(db, templateId)).slice(0, 6))
    if (open.templateVersionId !== current.id)
      kb.text(ctx.t("tpl-button-period", { period: periodLabel(open.periodKey, ctx.t), version: current.version }), `tpl:a:${current.id}:${open.id}`).row();
  if (p > 0) kb.text("‹", `tpl:v:${templateId}:${p - 1}`);
  if (p < pages - 1) kb.text("›", `tpl:v:${templateId}:${p + 1}`);
  kb.row().text(ctx.t("tpl-button-back"), "tpl:l");
  return { text: lines.join("\n").slice(0, MESSAGE_LIMIT), keyboard: compact(kb) };
}

/** What the question screen does not show (also the console's template preview): when it is asked, the ≤ rules, a lone minimum or maximum. */
export function rulesLines(ctx: BaseContext, def: TemplateDefinition, q: Question): string[] {
  const l = lang(ctx);
  const fmt = numberFormatter(l);
  const labelOf = (key: string) => def.questions.find((x) => x.key === key)?.label[l] ?? key;
  const out: string[] = [];
  if (q.when) {
    const target = def.questions.find((x) => x.key === q.when!.key);
    const show = (v: string | number | boolean) =>
      target?.choices?.find((c) => c.value === v)?.label[l] ??
      (v === "yes" || v === true ? ctx.t("report-yes") : v === "no" || v === false ? ctx.t("report-no") : typeof v === "number" ? fmt.number(v) : String(v));
    const values = q.when.equals !== undefined ? [q.when.equals] : (q.when.in ?? []);
    out.push(ctx.t("tpl-rule-when", { question: labelOf(q.when.key), values: values.map(show).join(" / ") }));
  }
  if (q.min !== undefined && q.max === undefined) out.push(ctx.t("tpl-rule-min", { min: fmt.number(q.min) }));
  if (q.max !== undefined && q.min === undefined) out.push(ctx.t("tpl-rule-max", { max: fmt.number(q.max) }));
  for (const r of q.rules) out.push(ctx.t(r.confirm ? "tpl-rule-lte-confirm" : "tpl-rule-lte", { question: labelOf(r.lte) }));
  out.push(ctx.t(q.required ? "tpl-rule-required" : "tpl-rule-optional"));
  return out;
}

/**
 * The preview of one question: the very screen a reporter gets (report-screens), its buttons made inert, then
 * the rules, and buttons to walk the questions.
 */
export function previewScreen(ctx: BaseContext, versionId: number, version: number, def: TemplateDefinition, index: number): { text: FormattedString; keyboard: InlineKeyboard } {
  const q = def.questions[index]!;
  const screen = questionScreen(ctx, def, q, { index: index + 1, total: def.questions.length }, { has: false, value: undefined }, false);
  const header = ctx.t("tpl-preview-header", { title: def.title[lang(ctx)], version });
  const text = FormattedString.join([header, "\n\n", screen.text, "\n\n", rulesLines(ctx, def, q).join("\n")], "");
  const kb = new InlineKeyboard(
    screen.keyboard.inline_keyboard.map((row) => row.map((b) => ("callback_data" in b ? { ...b, callback_data: "tpl:x" } : b))),
  ).row();
  if (index > 0) kb.text("◀", `tpl:p:${versionId}:${index - 1}`);
  if (index < def.questions.length - 1) kb.text("▶", `tpl:p:${versionId}:${index + 1}`);
  kb.row().text(ctx.t("tpl-button-back"), `tpl:t:${def.id}`);
  return { text, keyboard: compact(kb) };
}

/** The bytes of a document sent to the bot, through getFile and the Bot API's file download. */
async function downloadDocument(ctx: BotContext, doc: Document): Promise<Buffer> {
  const file = await ctx.api.getFile(doc.file_id);
  if (!file.file_path) throw new Error("getFile answered no file_path");
  const root = ctx.api.options?.apiRoot ?? "https://api.telegram.org";
  const get = (ctx.api.options?.fetch ?? fetch) as typeof fetch;
  // The URL holds the token: never logged.
  const res = await get(`${root}/file/bot${ctx.api.token}/${file.file_path}`);
  if (!res.ok) throw new Error(`file download answered ${res.status}`);
  const data = Buffer.from(await res.arrayBuffer());
  if (data.length > TEMPLATE_UPLOAD_MAX_BYTES) throw new Error("file too large");
  return data;
}

type Checked = { ok: true; def: TemplateDefinition } | { ok: false; problems: string[] };

/** Downloads and validates a template file exactly as the CLI does (schema, then the province's kinds). */
async function checkDocument(ctx: BotContext, doc: Document): Promise<Checked> {
  const name = doc.file_name ?? "template";
  try {
    const def = await parseTemplateData(name, await downloadDocument(ctx, doc));
    const kindProblems = (await loadKindCatalogue(ctx.deps.db)).unknownKindProblems(def.agencies);
    return kindProblems.length ? { ok: false, problems: kindProblems } : { ok: true, def };
  } catch (e) {
    if (e instanceof TemplateFileError) return { ok: false, problems: e.problems };
    throw e;
  }
}

/**
 * /templates: coordinators list the report templates and their versions, preview a version question by question
 * as reporters see it, choose the version that applies to the periods opened from now on, and send a template
 * file (YAML, JSON or Excel) to import a new version after confirming. Every change is audited.
 */
export function templatesFeature(): Feature {
  const composer = new Composer<BotContext>();

  composer.command("templates", requireRole("coordinator"), async (ctx) => {
    const s = await listScreen(ctx);
    await ctx.reply(s.text, { reply_markup: s.keyboard });
  });

  // Every button of the feature: coordinators only, checked on the server at each press.
  const tpl = new Composer<BotContext>();
  composer.callbackQuery(/^tpl:/, requireRole("coordinator"), tpl);

  tpl.callbackQuery("tpl:x", (ctx) => ctx.answerCallbackQuery({ text: ctx.t("tpl-preview-inert") }));

  tpl.callbackQuery("tpl:l", async (ctx) => {
    await ctx.answerCallbackQuery();
    const s = await listScreen(ctx);
    await edit(ctx, s.text, { reply_markup: s.keyboard });
  });

  tpl.callbackQuery(/^tpl:(?:t:([a-z0-9-]{1,40})|v:([a-z0-9-]{1,40}):(\d{1,4}))$/, async (ctx) => {
    const s = await templateScreen(ctx, (ctx.match[1] ?? ctx.match[2])!, Number(ctx.match[3] ?? 0));
    if (!s) return void (await ctx.answerCallbackQuery({ text: ctx.t("tpl-gone"), show_alert: true }));
    await ctx.answerCallbackQuery();
    await edit(ctx, s.text, { reply_markup: s.keyboard });
  });

  tpl.callbackQuery(/^tpl:p:(\d{1,9}):(\d{1,3})$/, async (ctx) => {
    const tv = await getTemplateVersion(ctx.deps.db, Number(ctx.match[1]));
    const index = Number(ctx.match[2]);
    if (!tv || index >= tv.definition.questions.length) return void (await ctx.answerCallbackQuery({ text: ctx.t("tpl-gone"), show_alert: true }));
    await ctx.answerCallbackQuery();
    const s = previewScreen(ctx, tv.id, tv.version, tv.definition, index);
    await edit(ctx, s.text.text, { entities: s.text.entities, reply_markup: s.keyboard });
  });

  tpl.callbackQuery(/^tpl:u:(\d{1,9})$/, async (ctx) => {
    const { db, clock } = ctx.deps;
    const tv = await getTemplateVersion(db, Number(ctx.match[1]));
    const changed = tv && (await setCurrentVersion(db, tv.templateId, tv.version));
    if (!tv || !changed) return void (await ctx.answerCallbackQuery({ text: ctx.t("tpl-gone"), show_alert: true }));
    if (changed.previous !== tv.version)
      await recordAudit(db, {
        actorPersonId: ctx.viewer.person!.id, action: "template.version", target: `template:${tv.templateId}`,
        before: { version: changed.previous }, after: { version: tv.version }, at: clock.now(),
      });
    ctx.log.info({ template: tv.templateId, version: tv.version }, "template version chosen");
    await ctx.answerCallbackQuery({ text: ctx.t("tpl-version-chosen", { version: tv.version }) });
    const s = await templateScreen(ctx, tv.templateId);
    if (s) await edit(ctx, `${ctx.t("tpl-version-chosen", { version: tv.version })}\n\n${s.text}`.slice(0, MESSAGE_LIMIT), { reply_markup: s.keyboard });
  });

  tpl.callbackQuery(/^tpl:a:(\d{1,9}):(\d{1,9})$/, async (ctx) => {
    const { db, clock } = ctx.deps;
    const tv = await getTemplateVersion(db, Number(ctx.match[1]));
    const periodId = Number(ctx.match[2]);
    const outcome = tv ? await applyVersionToPeriod(db, tv.id, periodId) : ({ ok: false, reason: "gone" } as const);
    if (!tv || !outcome.ok) return void (await ctx.answerCallbackQuery({ text: ctx.t(`tpl-period-${outcome.ok ? "gone" : outcome.reason}`), show_alert: true }));
    const before = await getTemplateVersion(db, outcome.previousVersionId);
    await recordAudit(db, {
      actorPersonId: ctx.viewer.person!.id, action: "template.period-version", target: `period:${periodId}`,
      before: { version: before?.version ?? null }, after: { version: tv.version }, at: clock.now(),
    });
    await ctx.answerCallbackQuery({ text: ctx.t("tpl-period-applied", { version: tv.version }) });
    const s = await templateScreen(ctx, tv.templateId);
    if (s) await edit(ctx, `${ctx.t("tpl-period-applied", { version: tv.version })}\n\n${s.text}`.slice(0, MESSAGE_LIMIT), { reply_markup: s.keyboard });
  });

  // The confirmation is a reply to the file: the file is taken from the message the buttons answer, checked
  // again and stored; `current` is the version the check compared against, so a change meanwhile is noticed.
  tpl.callbackQuery(/^tpl:imp:(\d{1,9})$/, async (ctx) => {
    const { db, clock } = ctx.deps;
    const doc = ctx.callbackQuery.message?.reply_to_message?.document;
    if (!doc) return void (await ctx.answerCallbackQuery({ text: ctx.t("tpl-import-resend"), show_alert: true }));
    await ctx.answerCallbackQuery();
    const checked = await checkDocument(ctx, doc);
    if (!checked.ok) return void (await edit(ctx, ctx.t("tpl-import-resend")));
    const current = await currentTemplateVersion(db, checked.def.id);
    if ((current?.version ?? 0) !== Number(ctx.match[1])) return void (await edit(ctx, ctx.t("tpl-import-changed")));
    const now = clock.now();
    const r = await importTemplate(db, checked.def, now);
    if (r.created)
      await recordAudit(db, {
        actorPersonId: ctx.viewer.person!.id, action: "template.import", target: `template:${r.templateId}`,
        after: { version: r.version, file: doc.file_name ?? null }, at: now,
      });
    ctx.log.info({ template: r.templateId, version: r.version, created: r.created }, "template imported in chat");
    const title = checked.def.title[lang(ctx)];
    await edit(
      ctx,
      ctx.t(r.created ? "tpl-import-stored" : "tpl-import-unchanged", { title, version: r.version, questions: checked.def.questions.length }),
      { reply_markup: new InlineKeyboard().text(ctx.t("tpl-button-preview", { version: r.version }), `tpl:p:${r.versionId}:0`) },
    );
  });

  tpl.callbackQuery("tpl:no", async (ctx) => {
    await ctx.answerCallbackQuery();
    await edit(ctx, ctx.t("tpl-import-cancelled"));
  });

  // A template file from a coordinator in a private chat; every other document goes on to the other features.
  composer.on("message:document").filter(
    (ctx) => ctx.chat.type === "private" && isTemplateFileName(ctx.message.document.file_name ?? "") && hasRole(ctx.viewer, "coordinator"),
    async (ctx) => {
      const doc = ctx.message.document;
      const reply = { reply_parameters: { message_id: ctx.message.message_id } };
      if ((doc.file_size ?? 0) > TEMPLATE_UPLOAD_MAX_BYTES)
        return void (await ctx.reply(ctx.t("tpl-upload-too-large", { max: Math.round(TEMPLATE_UPLOAD_MAX_BYTES / 1024) }), reply));
      const checked = await checkDocument(ctx, doc);
      if (!checked.ok) {
        const messages = chunks([ctx.t("tpl-upload-invalid", { count: checked.problems.length }), ...checked.problems.map((p) => `• ${p}`), "", ctx.t("tpl-upload-fix")]);
        for (const [i, m] of messages.entries()) await ctx.reply(m, i === 0 ? reply : {});
        return;
      }
      const def = checked.def;
      const current = await currentTemplateVersion(ctx.deps.db, def.id);
      const title = def.title[lang(ctx)];
      if (current && canonicalJson(current.definition) === canonicalJson(def))
        return void (await ctx.reply(ctx.t("tpl-import-unchanged", { title, version: current.version, questions: def.questions.length }), reply));
      // The preview of what would be stored; nothing is until "Nhập" is pressed under it.
      const kb = new InlineKeyboard().text(ctx.t("tpl-button-import"), `tpl:imp:${current?.version ?? 0}`).text(ctx.t("tpl-button-cancel"), "tpl:no");
      const messages = chunks(importPreviewLines((key, args) => ctx.t(key, args), lang(ctx), def, current));
      for (const [i, m] of messages.entries()) await ctx.reply(m, i === messages.length - 1 ? { ...reply, reply_markup: kb } : reply);
    },
  );

  return {
    name: "templates",
    commands: [{ command: "templates", roles: ["coordinator"], descriptionKey: "cmd-templates" }],
    composer,
  };
}
