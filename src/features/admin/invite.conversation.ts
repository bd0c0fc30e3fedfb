import type { Conversation } from "@grammyjs/conversations";
import { InlineKeyboard } from "grammy";
import type { BaseContext } from "../../bot/context.ts";
import { hasRole, membershipsOf } from "../../bot/roles.ts";
import { loadViewer } from "../../bot/viewer.ts";
import { listAgencies } from "../agencies/agencies.repository.ts";
import { orderAsTree, searchAgencies } from "../agencies/agency-tree.ts";
import { DEFAULT_INVITE_TTL_MS, agencyRuleFor, inviteDeepLink } from "../onboarding/invitation-code.ts";
import { createInvitation } from "../onboarding/invitations.repository.ts";
import { membershipLabel } from "../people/membership-label.ts";
import { ROLES, type Role } from "../people/people.table.ts";
import { formatDateTime } from "../../time/format-date-time.ts";
import { clip, ECHO_MAX_CHARS } from "../../bot/telegram-limits.ts";

export const INVITE_CONVERSATION = "admin-invite";
const AGENCY_BUTTONS_PER_PAGE = 8;

type InviteConversation = Conversation<BaseContext, BaseContext>;
/** What crosses conversation.external: plain JSON, as it will be after a restart. */
interface AgencyChoice {
  id: number;
  code: string;
  name: string;
}

const mayInviteAdmins = (ctx: BaseContext) => membershipsOf(ctx.viewer, "admin").length > 0;

/**
 * /invite: choose a role, then (for reporters and leaders) an agency from pages of buttons or by
 * typing a code or part of its name; then the code and deep link. Entry is checked by requireRole;
 * every button is re-checked here, and the creation re-checks the roles against the database.
 */
export async function inviteConversation(conversation: InviteConversation, ctx: BaseContext): Promise<void> {
  const roles = ROLES.filter((r) => r !== "admin" || mayInviteAdmins(ctx));
  const roleKb = new InlineKeyboard();
  for (const r of roles) roleKb.text(ctx.t(`admin-invite-role-${r}`), `admin:inv-role:${r}`).row();
  await ctx.reply(ctx.t("admin-invite-choose-role"), { reply_markup: roleKb });

  let role: Role | undefined;
  while (!role) {
    const c = await waitInside(conversation);
    const picked = /^admin:inv-role:(\w+)$/.exec(c.callbackQuery?.data ?? "")?.[1];
    if (picked === undefined) {
      if (c.callbackQuery) await c.answerCallbackQuery({ text: c.t("button-expired") });
      else await c.reply(c.t("admin-invite-use-buttons"));
      continue;
    }
    if (!(ROLES as readonly string[]).includes(picked) || (picked === "admin" && !mayInviteAdmins(c))) {
      await c.answerCallbackQuery({ text: c.t("access-denied"), show_alert: true });
      continue;
    }
    role = picked as Role;
    await c.answerCallbackQuery();
  }

  let agency: AgencyChoice | null = null;
  const rule = agencyRuleFor(role);
  if (rule !== "none") {
    const all = await conversation.external((): Promise<AgencyChoice[]> =>
      listAgencies(ctx.deps.db, { activeOnly: true }).then((list) =>
        orderAsTree(list).map(({ agency: a }) => ({ id: a.id, code: a.code, name: a.name })),
      ),
    );
    if (all.length === 0) {
      await ctx.reply(ctx.t("admin-invite-no-agencies"));
      return;
    }
    const pageCount = Math.ceil(all.length / AGENCY_BUTTONS_PER_PAGE);
    const pageKb = (page: number) => {
      const kb = new InlineKeyboard();
      if (rule === "optional") kb.text(ctx.t("admin-invite-whole-province"), "admin:inv-ag:0").row();
      for (const a of all.slice(page * AGENCY_BUTTONS_PER_PAGE, (page + 1) * AGENCY_BUTTONS_PER_PAGE))
        kb.text(buttonLabel(a), `admin:inv-ag:${a.id}`).row();
      if (page > 0) kb.text(ctx.t("admin-page-prev"), `admin:inv-pg:${page - 1}`);
      if (page < pageCount - 1) kb.text(ctx.t("admin-page-next"), `admin:inv-pg:${page + 1}`);
      return kb;
    };
    const pageText = (page: number) => ctx.t("admin-invite-choose-agency", { page: page + 1, pages: pageCount });
    await ctx.reply(pageText(0), { reply_markup: pageKb(0) });

    let chosen: AgencyChoice | "province" | undefined;
    while (chosen === undefined) {
      const c = await waitInside(conversation);
      const data = c.callbackQuery?.data ?? "";
      const nav = /^admin:inv-pg:(\d{1,5})$/.exec(data);
      const pick = /^admin:inv-ag:(\d{1,9})$/.exec(data);
      if (nav) {
        const page = Math.min(Number(nav[1]), pageCount - 1);
        await c.answerCallbackQuery();
        await c.editMessageText(pageText(page), { reply_markup: pageKb(page) }).catch(() => undefined);
      } else if (pick) {
        const id = Number(pick[1]);
        const found = all.find((a) => a.id === id);
        if (id === 0 && rule === "optional") chosen = "province";
        else if (found) chosen = found;
        await c.answerCallbackQuery(chosen ? {} : { text: c.t("button-expired") });
      } else if (c.message?.text) {
        const matches = searchAgencies(all, c.message.text);
        if (matches.length === 1) chosen = matches[0]!;
        else if (matches.length === 0) await c.reply(c.t("admin-invite-search-none", { query: clip(c.message.text, ECHO_MAX_CHARS) }));
        else {
          const kb = new InlineKeyboard();
          for (const a of matches.slice(0, AGENCY_BUTTONS_PER_PAGE)) kb.text(buttonLabel(a), `admin:inv-ag:${a.id}`).row();
          await c.reply(c.t("admin-invite-search-many", { count: matches.length }), { reply_markup: kb });
        }
      } else if (c.callbackQuery) {
        await c.answerCallbackQuery({ text: c.t("button-expired") });
      } else {
        await c.reply(c.t("admin-invite-use-buttons"));
      }
    }
    agency = chosen === "province" ? null : chosen;
  }

  const created = await conversation.external(async () => {
    // The roles may have changed since /invite was sent: check them again against the database.
    const fresh = await loadViewer(ctx.deps, ctx.from);
    if (!hasRole(fresh, "coordinator") || (role === "admin" && membershipsOf(fresh, "admin").length === 0)) return null;
    const nowDate = ctx.deps.clock.now();
    const { code, invitation } = await createInvitation(
      ctx.deps.db,
      { role, agencyId: agency?.id ?? null, expiresAt: new Date(nowDate.getTime() + DEFAULT_INVITE_TTL_MS), createdBy: fresh.person!.id },
      nowDate,
    );
    return { code, expiresAt: invitation.expiresAt.toISOString() };
  });
  if (!created) {
    await ctx.reply(ctx.t("access-denied"));
    return;
  }
  const label = membershipLabel({ role, agencyId: agency?.id ?? null }, agency, ctx.deps.t, await ctx.i18n.getLocale());
  await ctx.reply(
    ctx.t("admin-invite-created", {
      role: label,
      code: created.code,
      link: inviteDeepLink(ctx.me.username, created.code),
      expires: formatDateTime(new Date(created.expiresAt), ctx.deps.config.REPORT_TIMEZONE),
    }),
    { link_preview_options: { is_disabled: true } },
  );
}

/**
 * The next update of this chat. Commands and other buttons (another feature's, or /agencies pages)
 * go on to their own handlers and end nothing here.
 */
async function waitInside(conversation: InviteConversation): Promise<BaseContext> {
  const c = await conversation.wait();
  if (c.message?.text?.startsWith("/")) await conversation.skip({ next: true });
  const data = c.callbackQuery?.data;
  if (data !== undefined && !data.startsWith("admin:inv-")) await conversation.skip({ next: true });
  return c;
}

function buttonLabel(a: AgencyChoice): string {
  return clip(`${a.code} — ${a.name}`, 60);
}
