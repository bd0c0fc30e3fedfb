import { Composer } from "grammy";
import type { BotContext } from "../../bot/context.ts";
import type { Feature } from "../../bot/features.ts";
import { requireRole } from "../../bot/require-role.ts";
import { hasRole } from "../../bot/roles.ts";
import { nearest } from "../templates/nearest-name.ts";
import { fieldText, missingFields, ORGANISATION_FIELDS, withField, type OrganisationField } from "./organisation.ts";
import { cachedOrganisation, loadOrganisation, saveOrganisation } from "./organisation.repository.ts";

/** The settings as a list, one line per field, and what is still to set. */
function settingsText(ctx: BotContext): string {
  const org = cachedOrganisation(ctx.deps.db);
  const lines = ORGANISATION_FIELDS.map(
    (f) => `• ${ctx.t(`org-field-${f}`)} (${f}): ${fieldText(org, f) ?? ctx.t(f === "sender" ? "org-default-sender" : "org-not-set")}`,
  );
  const missing = missingFields(org);
  const status = missing.length === 0 ? ctx.t("org-complete") : ctx.t("org-incomplete", { fields: missing.map((f) => ctx.t(`org-field-${f}`)).join(", ") });
  const usage = hasRole(ctx.viewer, "admin") ? `\n\n${ctx.t("org-usage", { example: nextExample(missing) })}` : "";
  return `${ctx.t("org-title")}\n${lines.join("\n")}\n\n${status}${usage}`;
}

const nextExample = (missing: OrganisationField[]) => missing[0] ?? "coordinator";

/**
 * /organisation: the province, the coordinating department and the body it reports to, as every message and
 * the DOCX name them. Coordinators see them; admins set them, a field at a time: `/organisation <field> <vi> | <en>`.
 */
export function organisationFeature(): Feature {
  const composer = new Composer<BotContext>();

  composer.command("organisation", requireRole("coordinator"), async (ctx) => {
    const { db, clock } = ctx.deps;
    // Always the stored settings, not a copy up to a minute old.
    await loadOrganisation(db, clock.now());
    const text = ctx.match.trim();
    if (!text) return void (await ctx.reply(settingsText(ctx)));
    if (!hasRole(ctx.viewer, "admin")) return void (await ctx.reply(ctx.t("access-denied")));
    const space = text.search(/\s/);
    const word = (space === -1 ? text : text.slice(0, space)).toLowerCase();
    const value = space === -1 ? "" : text.slice(space + 1).trim();
    const field = ORGANISATION_FIELDS.find((f) => f === word);
    if (!field) {
      const near = nearest(word, ORGANISATION_FIELDS);
      return void (await ctx.reply(ctx.t("org-unknown-field", { field: word, fields: ORGANISATION_FIELDS.join(", "), hint: near ?? "none" })));
    }
    const org = cachedOrganisation(db) ?? {};
    const next = value ? withField(org, field, value) : undefined;
    if (!next) return void (await ctx.reply(ctx.t(field === "prefix" ? "org-bad-prefix" : "org-bad-name", { field })));
    await saveOrganisation(db, next, { actorPersonId: ctx.viewer.person!.id, at: clock.now() });
    ctx.log.info({ field }, "organisation changed");
    await ctx.reply(`${ctx.t("org-saved", { field: ctx.t(`org-field-${field}`) })}\n\n${settingsText(ctx)}`);
  });

  return {
    name: "organisation",
    commands: [{ command: "organisation", roles: ["coordinator"], descriptionKey: "cmd-organisation" }],
    composer,
  };
}

/** For the admin's welcome: a reminder of the set-up while fields are missing. */
export function setupReminder(ctx: BotContext): string | undefined {
  if (!hasRole(ctx.viewer, "admin")) return undefined;
  const missing = missingFields(cachedOrganisation(ctx.deps.db));
  return missing.length === 0 ? undefined : ctx.t("org-setup-needed", { fields: missing.map((f) => ctx.t(`org-field-${f}`)).join(", ") });
}
