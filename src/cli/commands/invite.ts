import { findAgencyByCode } from "../../features/agencies/agencies.repository.ts";
import { formatDateTime } from "../../time/format-date-time.ts";
import { DEFAULT_INVITE_TTL_MS, agencyRuleFor, inviteDeepLink, parseDuration } from "../../features/onboarding/invitation-code.ts";
import { createInvitation } from "../../features/onboarding/invitations.repository.ts";
import { membershipLabel } from "../../features/people/membership-label.ts";
import { ROLES, type Role } from "../../features/people/people.table.ts";
import { CliUsageError, expectPositionals, parseFlags, type CliCommand } from "../cli-command.ts";

/**
 * The bot's username for the deep link: BOT_USERNAME if set; else getMe, but only with a real
 * BOT_TOKEN; else undefined and the `/start <code>` form is printed. Never fails the command.
 */
export async function resolveBotUsername(
  env: Record<string, string | undefined>,
  fetchImpl: typeof fetch = fetch,
): Promise<string | undefined> {
  const named = env.BOT_USERNAME?.trim().replace(/^@/, "");
  if (named) return named;
  const token = env.BOT_TOKEN?.trim();
  if (!token) return undefined;
  const root = (env.TELEGRAM_API_ROOT?.trim() || "https://api.telegram.org").replace(/\/$/, "");
  try {
    const res = await fetchImpl(`${root}/bot${token}/getMe`, { signal: AbortSignal.timeout(5_000) });
    const body = (await res.json()) as { ok?: boolean; result?: { username?: string } };
    return body.ok ? body.result?.username : undefined;
  } catch {
    return undefined;
  }
}

export function createInviteCommand(env: Record<string, string | undefined> = process.env, fetchImpl?: typeof fetch): CliCommand {
  return {
    name: "invite",
    async run(args, ctx) {
      const locale = ctx.config.DEFAULT_LOCALE;
      const { flags, positional } = parseFlags(args, ["role", "agency", "expires"]);
      expectPositionals(positional, 0);
      const role = flags.role as Role | undefined;
      if (!role || !(ROLES as readonly string[]).includes(role)) throw new CliUsageError("admin-cli-unknown-role", { role: role ?? "" });
      const ttl = flags.expires === undefined ? DEFAULT_INVITE_TTL_MS : parseDuration(flags.expires);
      if (ttl === undefined) throw new CliUsageError("admin-cli-bad-expires");
      const rule = agencyRuleFor(role);
      if (rule === "required" && !flags.agency) throw new CliUsageError("admin-cli-agency-required", { role });
      if (rule === "none" && flags.agency) throw new CliUsageError("admin-cli-agency-not-allowed", { role });
      const db = ctx.database.db;
      const agency = flags.agency ? await findAgencyByCode(db, flags.agency) : null;
      if (flags.agency && !agency) throw new CliUsageError("admin-cli-unknown-agency", { code: flags.agency });

      const now = ctx.clock.now();
      const { code, invitation } = await createInvitation(
        db,
        { role, agencyId: agency?.id ?? null, expiresAt: new Date(now.getTime() + ttl), createdBy: null, actorLabel: "cli" },
        now,
      );
      const label = membershipLabel({ role, agencyId: agency?.id ?? null }, agency, ctx.t, locale);
      ctx.out(ctx.t(locale, "admin-cli-invite-created", { role: label, code, expires: formatDateTime(invitation.expiresAt, ctx.config.REPORT_TIMEZONE) }));
      const username = await resolveBotUsername(env, fetchImpl);
      ctx.out(
        username
          ? ctx.t(locale, "admin-cli-invite-link", { link: inviteDeepLink(username, code) })
          : ctx.t(locale, "admin-cli-invite-no-link", { code }),
      );
    },
  };
}

export const inviteCommand = createInviteCommand();
