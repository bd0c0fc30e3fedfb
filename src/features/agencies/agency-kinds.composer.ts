import { Composer } from "grammy";
import { sql } from "drizzle-orm";
import type { BotContext } from "../../bot/context.ts";
import type { Feature } from "../../bot/features.ts";
import { requireRole } from "../../bot/require-role.ts";
import { parseNamed } from "../organisation/organisation.ts";
import { agencies } from "./agencies.table.ts";
import { KIND_CODE_PATTERN } from "./agency-kinds.ts";
import { loadKindCatalogue, saveKinds } from "./agency-kinds.repository.ts";

/** Translation into one language, for a kind's name in both. */
const translator = (ctx: BotContext, locale: string) => (key: string) => ctx.deps.t(locale, key);

/** The list: position, code, names and how many active agencies have the kind. */
async function kindsText(ctx: BotContext): Promise<string> {
  const { db } = ctx.deps;
  const catalogue = await loadKindCatalogue(db);
  const counts = new Map(
    (await db.select({ kind: agencies.kind, n: sql<number>`count(*)::int` }).from(agencies).where(sql`${agencies.active}`).groupBy(agencies.kind)).map((r) => [r.kind, Number(r.n)]),
  );
  const vi = (code: string) => catalogue.label(code, "vi", translator(ctx, "vi"));
  const en = (code: string) => catalogue.label(code, "en", translator(ctx, "en"));
  const lines = catalogue.list().map((k, i) =>
    ctx.t("kinds-line", { order: i + 1, code: k.code, name: vi(k.code), en: en(k.code) === vi(k.code) ? "" : ` / ${en(k.code)}`, count: counts.get(k.code) ?? 0 }),
  );
  return `${ctx.t("kinds-title")}\n${lines.join("\n")}\n\n${ctx.t("kinds-usage")}`;
}

/**
 * /kinds: the kinds of agency (department, commune, …) that templates select by and summaries break down by.
 * Coordinators list, add, rename and order them; every change is audited.
 */
export function agencyKindsFeature(): Feature {
  const composer = new Composer<BotContext>();

  composer.command("kinds", requireRole("coordinator"), async (ctx) => {
    const { db, clock } = ctx.deps;
    const m = /^(add|rename|order)\s+(\S+)\s*([\s\S]*)$/i.exec(ctx.match.trim());
    if (!m) return void (await ctx.reply(await kindsText(ctx)));
    const [action, code, rest] = [m[1]!.toLowerCase(), m[2]!.toLowerCase(), m[3]!.trim()];
    if (!KIND_CODE_PATTERN.test(code)) return void (await ctx.reply(ctx.t("kinds-bad-code")));
    const catalogue = await loadKindCatalogue(db);
    const exists = catalogue.has(code);
    if (action === "add" && exists) return void (await ctx.reply(ctx.t("kinds-exists", { code })));
    if (action !== "add" && !exists) return void (await ctx.reply(ctx.t("kinds-unknown", { code })));
    const actor = { actorPersonId: ctx.viewer.person!.id, at: clock.now() };
    let change;
    if (action === "order") {
      const position = /^\d{1,3}$/.test(rest) ? Number(rest) : 0;
      if (position < 1) return void (await ctx.reply(ctx.t("kinds-bad-order")));
      // Positions are renumbered so the kind lands exactly where asked, the others keeping their order.
      const others = catalogue.list().filter((k) => k.code !== code);
      const ordered = [...others.slice(0, position - 1), ...catalogue.list().filter((k) => k.code === code), ...others.slice(position - 1)];
      const named = (c: string) => ({ vi: catalogue.label(c, "vi", translator(ctx, "vi")), en: catalogue.label(c, "en", translator(ctx, "en")) });
      const outcome = await db.transaction(async (tx) =>
        saveKinds(tx as never, ordered.map((k, i) => ({ code: k.code, nameVi: named(k.code).vi, nameEn: named(k.code).en, order: i + 1 })), actor),
      );
      change = outcome.created + outcome.updated;
    } else {
      const name = parseNamed(rest);
      if (!name) return void (await ctx.reply(ctx.t("kinds-bad-name")));
      const outcome = await saveKinds(db, [{ code, nameVi: name.vi, nameEn: name.en ?? null }], actor);
      change = outcome.created + outcome.updated;
    }
    ctx.log.info({ action, code }, "agency kind changed");
    await ctx.reply(`${ctx.t(change > 0 ? "kinds-saved" : "kinds-unchanged", { code })}\n\n${await kindsText(ctx)}`);
  });

  return {
    name: "agency-kinds",
    commands: [{ command: "kinds", roles: ["coordinator"], descriptionKey: "cmd-kinds" }],
    composer,
  };
}
