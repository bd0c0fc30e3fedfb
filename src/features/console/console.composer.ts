import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../../bot/context.ts";
import type { Feature } from "../../bot/features.ts";
import { requireRole } from "../../bot/require-role.ts";
import { isKnown } from "../../bot/roles.ts";
import { findAgencyByCode } from "../agencies/agencies.repository.ts";
import { listAgencies } from "../agencies/agencies.repository.ts";
import { issueApiToken, listApiTokens, revokeApiToken } from "./api-tokens.repository.ts";
import { consoleUrl } from "./console-link.ts";

/** The chats whose menu button this process has set (bounded; setting it again is harmless). */
const MENU_SET_LIMIT = 10_000;

/**
 * The bot's side of the console: the chat menu button "Mở bảng điều khiển" (a Mini App) for people with a role,
 * set on their first message to this process; /console with the same button; /apitoken for admins.
 */
export function consoleComposer(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const menuSet = new Set<number>();
  const pm = composer.chatType("private");

  pm.use(async (ctx, next) => {
    const url = consoleUrl(ctx.deps.config);
    if (url && isKnown(ctx.viewer) && !menuSet.has(ctx.chat.id)) {
      if (menuSet.size >= MENU_SET_LIMIT) menuSet.clear();
      menuSet.add(ctx.chat.id);
      await ctx.api
        .setChatMenuButton({ chat_id: ctx.chat.id, menu_button: { type: "web_app", text: ctx.t("console-button-open"), web_app: { url } } })
        .catch((err: unknown) => ctx.log.warn({ err }, "could not set the console menu button"));
    }
    await next();
  });

  pm.command("console", async (ctx) => {
    const url = consoleUrl(ctx.deps.config);
    if (!url) return void (await ctx.reply(ctx.t("console-not-configured")));
    await ctx.reply(ctx.t("console-open-hint"), { reply_markup: new InlineKeyboard().webApp(ctx.t("console-button-open"), url) });
  });

  pm.command("apitoken", requireRole("admin"), async (ctx) => {
    const [verb = "", ...rest] = ctx.match.trim().split(/\s+/).filter(Boolean);
    const { db, clock } = ctx.deps;
    const me = ctx.viewer.person!.id;
    if (verb === "new") {
      const last = rest.at(-1);
      const agency = rest.length > 1 && last ? await findAgencyByCode(db, last) : null;
      const name = (agency ? rest.slice(0, -1) : rest).join(" ").trim();
      if (!name) return void (await ctx.reply(ctx.t("console-token-usage")));
      const { token } = await issueApiToken(db, { name, agencyId: agency?.id ?? null, actorPersonId: me, now: clock.now() });
      const scope = agency ? agency.name : ctx.t("console-scope-province");
      const text = ctx.t("console-token-issued", { name, scope });
      // The token as a code entity: one tap copies it.
      return void (await ctx.reply(`${text}\n${token}`, { entities: [{ type: "code", offset: text.length + 1, length: token.length }] }));
    }
    if (verb === "revoke" && /^\d{1,9}$/.test(rest[0] ?? "")) {
      const id = Number(rest[0]);
      const done = await revokeApiToken(db, { id, actorPersonId: me, now: clock.now() });
      return void (await ctx.reply(ctx.t(done ? "console-token-revoked" : "console-token-not-found", { id })));
    }
    if (verb !== "") return void (await ctx.reply(ctx.t("console-token-usage")));
    const rows = await listApiTokens(db);
    if (rows.length === 0) return void (await ctx.reply(`${ctx.t("console-token-list-empty")}\n${ctx.t("console-token-usage")}`));
    const names = new Map((await listAgencies(db)).map((a) => [a.id, a.name]));
    const lines = rows.slice(0, 50).map((r) =>
      ctx.t("console-token-line", {
        id: r.id,
        name: r.name,
        scope: r.agencyId === null ? ctx.t("console-scope-province") : (names.get(r.agencyId) ?? "?"),
        state: ctx.t(r.revokedAt ? "console-token-state-revoked" : "console-token-state-active"),
      }),
    );
    await ctx.reply([ctx.t("console-token-list-heading"), ...lines].join("\n"));
  });
  return composer;
}

export function consoleFeature(): Feature {
  return {
    name: "console",
    commands: [
      { command: "console", roles: "any", descriptionKey: "cmd-console" },
      { command: "apitoken", roles: ["admin"], descriptionKey: "cmd-apitoken" },
    ],
    composer: consoleComposer(),
  };
}
