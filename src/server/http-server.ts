import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { webhookCallback, type Bot } from "grammy";
import type { Logger } from "../config/logger.ts";
import type { Database } from "../db/client.ts";

export const WEBHOOK_PATH = "/telegram/webhook";

export interface HttpServerOptions {
  database: Database;
  logger: Logger;
  /** Present in webhook mode: updates are accepted on WEBHOOK_PATH with Telegram's secret token. */
  webhook?: { bot: Bot<never>; secret: string };
}

/**
 * The process's HTTP face: `/healthz` (the process is up), `/readyz` (database reachable and
 * migrated) and, in webhook mode, the webhook. A wrong or missing secret token gets 401 and the
 * update is not processed (grammY compares it before handling).
 */
export function createHttpServer(opts: HttpServerOptions): Server {
  const handleWebhook = opts.webhook
    ? webhookCallback(opts.webhook.bot, "http", {
        secretToken: opts.webhook.secret,
        // Answer Telegram before its own timeout; the update keeps running, and a redelivery is deduplicated.
        onTimeout: "return",
        timeoutMilliseconds: 8_000,
      })
    : undefined;
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && url === "/healthz") return send(res, 200, { status: "ok" });
    if (req.method === "GET" && url === "/readyz") {
      void opts.database.isReady().then(
        (ready) => send(res, ready ? 200 : 503, { status: ready ? "ready" : "not ready" }),
        () => send(res, 503, { status: "not ready" }),
      );
      return;
    }
    if (handleWebhook && req.method === "POST" && url === WEBHOOK_PATH) {
      handleWebhook(req, res).catch((err: unknown) => {
        // The error boundary has already answered the person; Telegram must not redeliver forever.
        opts.logger.error({ err }, "webhook update failed");
        if (!res.headersSent) send(res, 200, { ok: true });
      });
      return;
    }
    send(res, 404, { status: "not found" });
  });
}

function send(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  if (res.headersSent) return;
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

/** Listen, resolving once the port is bound (port 0 picks a free one, for tests). */
export function listen(server: Server, port: number, host = "0.0.0.0"): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const addr = server.address();
      resolve(typeof addr === "object" && addr ? addr.port : port);
    });
  });
}

/** Stop accepting connections and wait for in-flight requests (the updates being handled). */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
