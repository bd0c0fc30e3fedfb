import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { BotDeps, Viewer } from "../../bot/context.ts";
import { isKnown } from "../../bot/roles.ts";
import { findPersonByTelegramId } from "../people/people.repository.ts";
import { checkInitData } from "./init-data.ts";
import { consolePages, type ConsoleAssets } from "./console-pages.ts";
import { CSRF_HEADER, csrfMatches, decodeSession, encodeSession, newSession, SESSION_COOKIE, SESSION_TTL_MS, type ConsoleSession } from "./console-session.ts";
import { consoleStrings, userView } from "./console-user.ts";
import { leaderRoutes } from "./leader-routes.ts";
import { filingRoutes } from "./filing-routes.ts";
import { adminRoutes } from "./admin-routes.ts";
import { agencyImportRoutes } from "./agency-import-routes.ts";
import { apiV1Routes } from "./api-v1-routes.ts";
import { tokenAdminRoutes } from "./api-token-routes.ts";
import { broadcastRoutes } from "./broadcast-routes.ts";
import { templateRoutes } from "./template-routes.ts";
import { agencyMergeRoutes } from "./agency-merge-routes.ts";





export type Tr = (key: string, args?: Record<string, string | number>) => string;

/** What every signed-in console request carries: the person as loaded now, their language and the session. */
export interface ConsoleEnv {
  Variables: { viewer: Viewer; session: ConsoleSession; locale: "vi" | "en"; tr: Tr };
}
export type ConsoleContext = Context<ConsoleEnv>;

export const MAX_CONSOLE_BODY_BYTES = 1024 * 1024;

/**
 * The content security policy: scripts only from the console itself (and Telegram's Mini App script), no
 * inline scripts or styles, and framing only by Telegram's web clients (Mini Apps open in an iframe there).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' https://telegram.org",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors https://web.telegram.org https://*.telegram.org 'self'",
].join("; ");

export interface ConsoleAppOptions {
  deps: BotDeps;
  /** The console's page and bundle (src/server/console-assets.ts); tests of the API may leave it out. */
  assets?: ConsoleAssets;
}

/** A JSON error in the person's language: `{ error }` with its HTTP status. */
export function fail(c: Context, status: 401 | 403 | 404 | 409 | 422 | 400, text: string, extra: Record<string, unknown> = {}) {
  return c.json({ error: text, ...extra }, status);
}

/**
 * The console's HTTP app (Hono): its pages, the JSON API behind them under /console/api/, and the read-only API
 * for other systems under /api/v1/. Every route authorizes with the chat's own role and scope code.
 */
export function createConsoleApp(opts: ConsoleAppOptions): Hono<ConsoleEnv> {
  const { deps } = opts;
  const token = deps.config.BOT_TOKEN;
  // Not strict: "/console" and "/console/" are the same page.
  const app = new Hono<ConsoleEnv>({ strict: false });

  app.use("*", async (c, next) => {
    await next();
    c.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Referrer-Policy", "no-referrer");
    c.header("Cross-Origin-Opener-Policy", "same-origin");
    c.header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (c.req.path.startsWith("/console/api/") || c.req.path.startsWith("/api/")) c.header("Cache-Control", "no-store");
  });
  app.use("*", bodyLimit({ maxSize: MAX_CONSOLE_BODY_BYTES, onError: (c) => c.json({ error: "payload too large" }, 413) }));

  const secure = (c: Context) => (deps.config.PUBLIC_URL ?? deps.config.CONSOLE_URL ?? "").startsWith("https:") || c.req.header("x-forwarded-proto") === "https";
  const trFor = (locale: string): Tr => (key, args) => deps.t(locale, key, args);

  app.post("/console/api/session", async (c) => {
    const body = (await c.req.json().catch(() => null)) as { initData?: unknown } | null;
    const fallback = trFor(deps.config.DEFAULT_LOCALE);
    const check = checkInitData(typeof body?.initData === "string" ? body.initData : "", token, deps.clock.now());
    if (!check.ok) {
      deps.logger.warn({ reason: check.reason }, "console: init data refused");
      return fail(c, 401, fallback(check.reason === "expired" ? "console-error-expired" : "console-error-unauthorized"));
    }
    const found = await findPersonByTelegramId(deps.db, check.user.id);
    if (!found || !isKnown(found)) {
      deps.logger.warn({ from: check.user.id }, "console: sign-in by someone without a role");
      return fail(c, 401, fallback("console-error-unknown-person"));
    }
    const session = newSession(found.person.id, found.person.telegramId, deps.clock.now());
    setCookie(c, SESSION_COOKIE, encodeSession(session, token), {
      httpOnly: true,
      sameSite: "Strict",
      secure: secure(c),
      path: "/",
      maxAge: SESSION_TTL_MS / 1000,
    });
    return c.json({ user: await userView(deps, found), csrf: session.csrf });
  });

  app.get("/console/api/strings", async (c) => {
    const session = decodeSession(getCookie(c, SESSION_COOKIE), token, deps.clock.now());
    const asked = c.req.query("lang");
    let locale: string = asked === "en" || asked === "vi" ? asked : deps.config.DEFAULT_LOCALE;
    if (session && !asked) locale = (await findPersonByTelegramId(deps.db, session.telegramId))?.person.locale ?? locale;
    return c.json({ locale, strings: consoleStrings(deps.t, locale) });
  });

  // Everything else under /console/api/ needs a live session, and a CSRF header on anything but a read.
  app.use("/console/api/*", async (c, next) => {
    const fallback = trFor(deps.config.DEFAULT_LOCALE);
    const session = decodeSession(getCookie(c, SESSION_COOKIE), token, deps.clock.now());
    if (!session) return fail(c, 401, fallback("console-error-session"));
    const found = await findPersonByTelegramId(deps.db, session.telegramId);
    if (!found || found.person.id !== session.personId || !isKnown(found)) {
      deleteCookie(c, SESSION_COOKIE, { path: "/" });
      return fail(c, 401, fallback("console-error-unknown-person"));
    }
    const locale = found.person.locale === "en" ? "en" : "vi";
    const tr = trFor(locale);
    if (c.req.method !== "GET" && c.req.method !== "HEAD" && !csrfMatches(session, c.req.header(CSRF_HEADER))) {
      deps.logger.warn({ from: session.telegramId, path: c.req.path }, "console: CSRF header missing or wrong");
      return fail(c, 403, tr("console-error-csrf"));
    }
    c.set("viewer", found);
    c.set("session", session);
    c.set("locale", locale);
    c.set("tr", tr);
    await next();
  });

  app.get("/console/api/me", async (c) => c.json({ user: await userView(deps, c.get("viewer")) }));
  app.post("/console/api/logout", (c) => {
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.json({ ok: true });
  });

  app.route("/console/api", leaderRoutes(deps));
  app.route("/console/api", filingRoutes(deps));
  app.route("/console/api/admin", tokenAdminRoutes(deps));
  app.route("/console/api/admin", adminRoutes(deps));
  app.route("/console/api/admin/agencies", agencyImportRoutes(deps));
  app.route("/console/api/admin", broadcastRoutes(deps));
  app.route("/console/api/admin", templateRoutes(deps));
  app.route("/console/api/admin/agencies", agencyMergeRoutes(deps));




  app.route("/api/v1", apiV1Routes(deps) as never);
  if (opts.assets) app.route("/console", consolePages(opts.assets));

  app.notFound((c) => c.json({ error: "not found" }, 404));
  app.onError((err, c) => {
    deps.logger.error({ err, path: c.req.path }, "console: request failed");
    return c.json({ error: "internal error" }, 500);
  });
  return app;
}
