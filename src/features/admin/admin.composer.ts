import { createConversation } from "@grammyjs/conversations";
import { Composer, InlineKeyboard } from "grammy";
import type { BaseContext, BotContext } from "../../bot/context.ts";
import type { Feature } from "../../bot/features.ts";
import { requireRole } from "../../bot/require-role.ts";
import { listAgencies } from "../agencies/agencies.repository.ts";
import { loadKindCatalogue } from "../agencies/agency-kinds.repository.ts";
import { listAllPeople } from "../people/people.repository.ts";
import { agencyDirectoryPages, peopleDirectoryPages } from "./directory-pages.ts";
import { INVITE_CONVERSATION, inviteConversation } from "./invite.conversation.ts";
import { clampPage } from "../../format/paginate-text.ts";

type Directory = "agencies" | "people";

async function directoryPages(ctx: BotContext, which: Directory): Promise<string[]> {
  const locale = await ctx.i18n.getLocale();
  const agencies = await listAgencies(ctx.deps.db);
  if (which === "agencies") return agencyDirectoryPages(agencies, ctx.deps.t, locale, await loadKindCatalogue(ctx.deps.db));
  return peopleDirectoryPages(await listAllPeople(ctx.deps.db), new Map(agencies.map((a) => [a.id, a])), ctx.deps.t, locale);
}

/** One page of /agencies or /people with ‹ › buttons; the page number in the button is only a hint. */
async function renderDirectory(ctx: BotContext, which: Directory, requested: number): Promise<{ text: string; kb: InlineKeyboard }> {
  const pages = await directoryPages(ctx, which);
  if (pages.length === 0) return { text: ctx.t(`admin-${which}-empty`), kb: new InlineKeyboard() };
  const page = clampPage(requested, pages.length);
  const kb = new InlineKeyboard();
  if (page > 0) kb.text(ctx.t("admin-page-prev"), `admin:${which}:${page - 1}`);
  if (page < pages.length - 1) kb.text(ctx.t("admin-page-next"), `admin:${which}:${page + 1}`);
  const title = ctx.t(`admin-${which}-title`, { page: page + 1, pages: pages.length });
  return { text: `${title}\n\n${pages[page]}`, kb };
}

/** /invite, /agencies, /people for coordinators and admins. */
export function adminFeature(): Feature {
  const composer = new Composer<BotContext>();
  const staff = composer;
  // The conversation runs before the handlers below so that its buttons reach it while it waits.
  staff.use(createConversation<BaseContext, BaseContext>(inviteConversation, INVITE_CONVERSATION) as never);

  staff.command("invite", requireRole("coordinator"), async (ctx) => {
    // A new /invite replaces whatever flow was waiting.
    await ctx.conversation.exitAll();
    await ctx.conversation.enter(INVITE_CONVERSATION);
  });

  // /people and its person cards live in the people feature.
  for (const which of ["agencies"] as const) {
    staff.command(which, requireRole("coordinator"), async (ctx) => {
      const { text, kb } = await renderDirectory(ctx, which, 0);
      await ctx.reply(text, { reply_markup: kb });
    });
    staff.callbackQuery(new RegExp(`^admin:${which}:(\\d{1,5})$`), requireRole("coordinator"), async (ctx) => {
      const { text, kb } = await renderDirectory(ctx, which, Number(ctx.match[1]));
      await ctx.answerCallbackQuery();
      await ctx.editMessageText(text, { reply_markup: kb }).catch((err: unknown) => {
        // Pressing the button of the page already shown: Telegram says "message is not modified".
        if (!String(err).includes("not modified")) throw err;
      });
    });
  }

  // Buttons of a finished /invite, or forged ones: refused for others, expired for staff.
  staff.callbackQuery(/^admin:/, requireRole("coordinator"), (ctx) => ctx.answerCallbackQuery({ text: ctx.t("button-expired") }));

  return {
    name: "admin",
    commands: [
      { command: "invite", roles: ["coordinator"], descriptionKey: "cmd-invite" },
      { command: "agencies", roles: ["coordinator"], descriptionKey: "cmd-agencies" },
    ],
    composer,
  };
}
