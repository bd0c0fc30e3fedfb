import { periodLabel } from "../../format/period-label.ts";
import type { Conversation } from "@grammyjs/conversations";
import { InlineKeyboard } from "grammy";
import type { BaseContext } from "../../bot/context.ts";
import { clip, ECHO_MAX_CHARS } from "../../bot/telegram-limits.ts";
import { foldForSearch } from "../agencies/agency-tree.ts";
import { hasRole } from "../../bot/roles.ts";
import { loadViewer } from "../../bot/viewer.ts";
import type { AgencyKind } from "../agencies/agencies.table.ts";
import { ROLES, type Role } from "../people/people.table.ts";
import { audienceKinds,
  agencyOptions, audienceRecipients, overduePeriodOptions, reportingToday, type Audience,
} from "./audience.ts";
import { broadcastPayload, contentProblem, type BroadcastContent, type TextEntity } from "./broadcast-message.ts";
import { progressText } from "./broadcast-progress.ts";
import { createBroadcast, setProgressMessage } from "./broadcasts.repository.ts";
import { describeAudience } from "./describe-audience.ts";

export const BROADCAST_CONVERSATION = "broadcast-compose";
const PER_PAGE = 8;

type BroadcastConversation = Conversation<BaseContext, BaseContext>;
interface Option {
  value: string;
  label: string;
  /** What typed words are matched against (the label when absent). */
  search?: string;
}

const cancelKb = (ctx: BaseContext) => new InlineKeyboard().text(ctx.t("broadcast-cancel-button"), "bc:cancel");

/**
 * /broadcast: compose (text, or a photo or document with a caption), choose the audience, ask for an
 * acknowledgement or not, preview exactly what recipients get, confirm. Cancel works at every step
 * (the button, or /cancel). The role is checked on entry and again, against the database, on confirm.
 */
export async function broadcastConversation(conversation: BroadcastConversation, ctx: BaseContext): Promise<void> {
  await ctx.reply(ctx.t("broadcast-compose"), { reply_markup: cancelKb(ctx) });
  const content = await composeStep(conversation);

  let audience: Audience;
  let count: number;
  for (;;) {
    audience = await audienceStep(conversation, ctx);
    const a = audience;
    count = await conversation.external(async () => {
      const today = reportingToday(ctx.deps.clock.now(), ctx.deps.config.REPORT_TIMEZONE);
      return (await audienceRecipients(ctx.deps.db, a, { today, excludePersonId: ctx.viewer.person?.id })).length;
    });
    if (count > 0) break;
    await ctx.reply(ctx.t("broadcast-no-recipients"));
  }

  await ctx.reply(ctx.t("broadcast-ask-ack"), {
    reply_markup: new InlineKeyboard()
      .text(ctx.t("broadcast-ack-yes"), "bc:ackq:yes")
      .text(ctx.t("broadcast-ack-no"), "bc:ackq:no")
      .row()
      .text(ctx.t("broadcast-cancel-button"), "bc:cancel"),
  });
  let requireAck: boolean | undefined;
  while (requireAck === undefined) {
    const c = await waitStep(conversation);
    const m = /^bc:ackq:(yes|no)$/.exec(c.callbackQuery?.data ?? "");
    if (m) requireAck = m[1] === "yes";
    await answer(c, m ? undefined : "broadcast-use-buttons");
  }

  // The preview is the very payload recipients get, in this coordinator's language.
  const locale = await ctx.i18n.getLocale();
  const preview = broadcastPayload(content, { broadcastId: null, ackLabel: requireAck ? ctx.t("broadcast-ack-button") : undefined });
  await ctx.reply(ctx.t("broadcast-preview-intro"));
  await ctx.api.raw[preview.method]({ chat_id: ctx.chat!.id, ...preview.params } as never);
  const a = audience;
  const described = await conversation.external(() => describeAudience(ctx.deps.db, ctx.deps.t, locale, a));
  await ctx.reply(ctx.t("broadcast-preview-summary", { count, audience: described }), {
    reply_markup: new InlineKeyboard().text(ctx.t("broadcast-send"), "bc:send").text(ctx.t("broadcast-cancel-button"), "bc:cancel"),
  });
  for (;;) {
    const c = await waitStep(conversation);
    const data = c.callbackQuery?.data;
    if (data === "bc:send") {
      await c.answerCallbackQuery();
      break;
    }
    await answer(c, data === "bc:preview" ? "broadcast-preview-only" : "broadcast-use-buttons");
  }

  const ack = requireAck;
  const created = await conversation.external(async () => {
    const deps = ctx.deps;
    const fresh = await loadViewer(deps, ctx.from);
    if (!hasRole(fresh, "coordinator")) return null;
    const now = deps.clock.now();
    const recipients = await audienceRecipients(deps.db, a, {
      today: reportingToday(now, deps.config.REPORT_TIMEZONE),
      excludePersonId: fresh.person!.id,
    });
    const made = await createBroadcast(deps.db, {
      content,
      audience: a,
      requireAck: ack,
      createdBy: fresh.person!.id,
      recipients,
      wording: { ackLabel: (l) => deps.t(l, "broadcast-ack-button") },
      now,
    });
    ctx.log.info({ broadcast: made.id, recipients: made.total, audience: a.type }, "broadcast queued");
    return made;
  });
  if (!created) {
    await ctx.reply(ctx.t("access-denied"));
    return;
  }
  const figures = { id: created.id, total: created.total, sent: 0, failed: 0, pending: created.total, acked: 0 };
  const progress = await ctx.reply(progressText(ctx.deps.t, locale, { id: created.id, requireAck: ack }, figures));
  await conversation.external(() => setProgressMessage(ctx.deps.db, created.id, progress.chat.id, progress.message_id));
}

/** The next update for this flow. Other features' commands and buttons go on to their handlers. */
async function waitStep(conversation: BroadcastConversation): Promise<BaseContext> {
  const c = await conversation.wait();
  const data = c.callbackQuery?.data;
  if (c.message?.text?.startsWith("/")) await conversation.skip({ next: true });
  if (data !== undefined && (!data.startsWith("bc:") || data.startsWith("bc:ack:"))) await conversation.skip({ next: true });
  if (data === "bc:cancel") {
    await c.answerCallbackQuery();
    await c.editMessageReplyMarkup().catch(() => undefined);
    await c.reply(c.t("cancelled"));
    await conversation.halt();
  }
  return c;
}

async function answer(c: BaseContext, key?: string): Promise<void> {
  if (c.callbackQuery) await c.answerCallbackQuery(key ? { text: c.t(key) } : {});
  else if (key) await c.reply(c.t(key));
}

async function composeStep(conversation: BroadcastConversation): Promise<BroadcastContent> {
  for (;;) {
    const c = await waitStep(conversation);
    const m = c.message;
    const entities = (e: unknown[] | undefined) => (e && e.length ? (e as TextEntity[]) : null);
    let content: BroadcastContent | undefined;
    if (m?.text) content = { text: m.text, entities: entities(m.entities), mediaKind: null, mediaFileId: null };
    else if (m?.photo?.length)
      content = { text: m.caption ?? "", entities: entities(m.caption_entities), mediaKind: "photo", mediaFileId: m.photo.at(-1)!.file_id };
    else if (m?.document)
      content = { text: m.caption ?? "", entities: entities(m.caption_entities), mediaKind: "document", mediaFileId: m.document.file_id };
    if (!content) {
      await answer(c, "broadcast-compose-again");
      continue;
    }
    // Refused here, where the coordinator can fix it, not at the preview or at every recipient.
    const problem = contentProblem(content);
    if (!problem) return content;
    await c.reply(c.t(problem.key, problem.args));
  }
}

async function audienceStep(conversation: BroadcastConversation, ctx: BaseContext): Promise<Audience> {
  for (;;) {
    const kb = new InlineKeyboard();
    for (const t of ["all", "roles", "kinds", "agencies", "overdue"] as const) kb.text(ctx.t(`broadcast-audience-${t}`), `bc:aud:${t}`).row();
    kb.text(ctx.t("broadcast-cancel-button"), "bc:cancel");
    await ctx.reply(ctx.t("broadcast-audience-choose"), { reply_markup: kb });

    let type: string | undefined;
    while (!type) {
      const c = await waitStep(conversation);
      type = /^bc:aud:(all|roles|kinds|agencies|overdue)$/.exec(c.callbackQuery?.data ?? "")?.[1];
      await answer(c, type ? undefined : "broadcast-use-buttons");
    }
    switch (type) {
      case "all":
        return { type: "all" };
      case "roles": {
        const roles = await pickMany(conversation, ctx, "broadcast-pick-roles", ROLES.map((r) => ({ value: r, label: ctx.t(`broadcast-role-${r}`) })));
        return { type: "roles", roles: roles as Role[] };
      }
      case "kinds": {
        // The kinds agencies have (or that are stored), in summary order, named as the province named them.
        const locale = await ctx.i18n.getLocale();
        const options = await conversation.external(async () =>
          (await audienceKinds(ctx.deps.db)).map((k) => ({ value: k.code, label: k.label(locale, (key) => ctx.deps.t(locale, key)) })),
        );
        const kinds = await pickMany(conversation, ctx, "broadcast-pick-kinds", options);
        return { type: "kinds", kinds: kinds as AgencyKind[] };
      }
      case "agencies": {
        const options = await conversation.external(() => agencyOptions(ctx.deps.db));
        if (options.length === 0) {
          await ctx.reply(ctx.t("broadcast-no-agencies"));
          continue;
        }
        const picked = await pickMany(
          conversation,
          ctx,
          "broadcast-pick-agencies",
          options.map((o) => ({ value: String(o.id), label: ctx.t("broadcast-agency-option", { name: o.name, people: o.people }), search: `${o.code} ${o.name}` })),
          true,
        );
        return { type: "agencies", agencyIds: picked.map(Number) };
      }
      case "overdue": {
        const periodId = await pickPeriod(conversation, ctx);
        if (periodId !== undefined) return { type: "overdue", periodId };
      }
    }
  }
}

/**
 * Toggle buttons over pages; returns the chosen values (at least one). Button data holds an index only. With
 * `searchable`, typed words narrow the buttons to the options whose code or name contains them (case and
 * diacritics ignored); choices made before a search are kept, and "all" shows every option again.
 */
async function pickMany(conversation: BroadcastConversation, ctx: BaseContext, titleKey: string, options: Option[], searchable = false): Promise<string[]> {
  const chosen = new Set<number>();
  let shown = options.map((_, i) => i);
  let pages = Math.max(1, Math.ceil(shown.length / PER_PAGE));
  let page = 0;
  let query = "";
  const text = () =>
    [ctx.t(titleKey, { selected: chosen.size, page: page + 1, pages }), ...(query ? [ctx.t("broadcast-search-showing", { query: clip(query, ECHO_MAX_CHARS), count: shown.length })] : [])].join("\n");
  const kb = () => {
    const k = new InlineKeyboard();
    for (const index of shown.slice(page * PER_PAGE, (page + 1) * PER_PAGE)) {
      const label = `${chosen.has(index) ? "☑" : "☐"} ${options[index]!.label}`;
      k.text(clip(label, 60), `bc:tg:${index}`).row();
    }
    if (page > 0) k.text(ctx.t("broadcast-page-prev"), `bc:pg:${page - 1}`);
    if (page < pages - 1) k.text(ctx.t("broadcast-page-next"), `bc:pg:${page + 1}`);
    if (pages > 1) k.row();
    if (query) k.text(ctx.t("broadcast-search-all"), "bc:all").row();
    return k.text(ctx.t("broadcast-pick-done"), "bc:done").text(ctx.t("broadcast-cancel-button"), "bc:cancel");
  };
  const showOnly = (list: number[], q: string) => {
    shown = list;
    query = q;
    pages = Math.max(1, Math.ceil(shown.length / PER_PAGE));
    page = 0;
  };
  await ctx.reply(text(), { reply_markup: kb() });
  for (;;) {
    const c = await waitStep(conversation);
    const data = c.callbackQuery?.data ?? "";
    const toggle = /^bc:tg:(\d{1,5})$/.exec(data);
    const nav = /^bc:pg:(\d{1,5})$/.exec(data);
    const typed = c.message?.text?.trim();
    if (searchable && typed) {
      const q = foldForSearch(typed);
      const found = options.flatMap((o, i) => (foldForSearch(o.search ?? o.label).includes(q) ? [i] : []));
      if (found.length === 0) {
        await c.reply(c.t("broadcast-search-none", { query: clip(typed, ECHO_MAX_CHARS) }));
        continue;
      }
      showOnly(found, typed);
      await c.reply(text(), { reply_markup: kb() });
    } else if (data === "bc:all" && searchable) {
      showOnly(options.map((_, i) => i), "");
      await c.answerCallbackQuery();
      await c.editMessageText(text(), { reply_markup: kb() }).catch(() => undefined);
    } else if (data === "bc:done") {
      if (chosen.size > 0) {
        await c.answerCallbackQuery();
        await c.editMessageReplyMarkup().catch(() => undefined);
        return [...chosen].sort((x, y) => x - y).map((i) => options[i]!.value);
      }
      await answer(c, "broadcast-pick-none");
    } else if (toggle && Number(toggle[1]) < options.length) {
      const i = Number(toggle[1]);
      if (!chosen.delete(i)) chosen.add(i);
      await c.answerCallbackQuery();
      await c.editMessageText(text(), { reply_markup: kb() }).catch(() => undefined);
    } else if (nav) {
      page = Math.min(Number(nav[1]), pages - 1);
      await c.answerCallbackQuery();
      await c.editMessageText(text(), { reply_markup: kb() }).catch(() => undefined);
    } else {
      await answer(c, "broadcast-use-buttons");
    }
  }
}

/** A period whose deadline has passed; undefined goes back to the audience menu. */
async function pickPeriod(conversation: BroadcastConversation, ctx: BaseContext): Promise<number | undefined> {
  const options = await conversation.external(() =>
    overduePeriodOptions(ctx.deps.db, reportingToday(ctx.deps.clock.now(), ctx.deps.config.REPORT_TIMEZONE)),
  );
  if (options.length === 0) {
    await ctx.reply(ctx.t("broadcast-no-periods"));
    return undefined;
  }
  const locale = (await ctx.i18n.getLocale()) === "en" ? "en" : "vi";
  const kb = new InlineKeyboard();
  for (const p of options)
    kb.text(ctx.t("broadcast-period-option", { title: p.title[locale], period: periodLabel(p.periodKey, ctx.t), overdue: p.overdue }), `bc:per:${p.id}`).row();
  kb.text(ctx.t("broadcast-cancel-button"), "bc:cancel");
  await ctx.reply(ctx.t("broadcast-pick-period"), { reply_markup: kb });
  for (;;) {
    const c = await waitStep(conversation);
    const id = Number(/^bc:per:(\d{1,9})$/.exec(c.callbackQuery?.data ?? "")?.[1]);
    if (options.some((p) => p.id === id)) {
      await c.answerCallbackQuery();
      return id;
    }
    await answer(c, "broadcast-use-buttons");
  }
}
