import type { Hono } from "hono";
import { createConsoleApp, type ConsoleEnv } from "../../../src/features/console/console-app.ts";
import { signInitData, type InitDataUser } from "../../../src/features/console/init-data.ts";
import { CSRF_HEADER, SESSION_COOKIE } from "../../../src/features/console/console-session.ts";
import { TEST_TOKEN, type BotHarness } from "../../support/bot-harness.ts";

/** A signed-in browser, as far as the API sees it: the session cookie and the CSRF token. */
export interface ConsoleClient {
  cookie: string;
  csrf: string;
  get(path: string): Promise<Response>;
  send(method: "POST" | "PUT", path: string, body: unknown, opts?: { csrf?: string | null }): Promise<Response>;
}

export function consoleApp(h: BotHarness): Hono<ConsoleEnv> {
  return createConsoleApp({ deps: h.deps, assets: async (name) => (name === "index.html" ? { body: new TextEncoder().encode("<!doctype html><title>console</title>"), type: "text/html; charset=utf-8" } : undefined) });
}

export function initDataFor(h: BotHarness, user: InitDataUser, opts: { token?: string; ageSeconds?: number } = {}): string {
  const at = new Date(h.clock.now().getTime() - (opts.ageSeconds ?? 5) * 1000);
  return signInitData(user, opts.token ?? TEST_TOKEN, at, { query_id: "AAHdF6IQAAAAAN0XohDhrOrc" });
}

export async function postSession(app: Hono<ConsoleEnv>, initData: string): Promise<Response> {
  return app.request("/console/api/session", { method: "POST", body: JSON.stringify({ initData }), headers: { "content-type": "application/json" } });
}

export function clientWith(app: Hono<ConsoleEnv>, cookie: string, csrf: string): ConsoleClient {
  return {
    cookie,
    csrf,
    get: async (path) => app.request(path, { headers: { cookie } }),
    send: async (method, path, body, opts = {}) =>
      app.request(path, {
        method,
        body: JSON.stringify(body),
        headers: { cookie, "content-type": "application/json", ...(opts.csrf === null ? {} : { [CSRF_HEADER]: opts.csrf ?? csrf }) },
      }),
  };
}

export async function signIn(h: BotHarness, app: Hono<ConsoleEnv>, user: InitDataUser): Promise<ConsoleClient> {
  const res = await postSession(app, initDataFor(h, user));
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const { csrf } = (await res.json()) as { csrf: string };
  const set = res.headers.get("set-cookie") ?? "";
  const cookie = set.split(";")[0]!;
  if (!cookie.startsWith(`${SESSION_COOKIE}=`)) throw new Error("no session cookie");
  return clientWith(app, cookie, csrf);
}
