import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { webhookCallback, type Bot } from "grammy";
import type { Logger } from "../config/logger.ts";
import type { Database } from "../db/client.ts";

export const WEBHOOK_PATH = "/telegram/webhook";

/**
 * The largest webhook body accepted. Telegram's updates are a few kilobytes (a message's text is at most
 * 4,096 characters); anything near this is not an update, and is refused before it is read whole.
 */
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

/** What /readyz says: ready, or why not (one reason per thing not ready). */
export interface Readiness {
  ready: boolean;
  reasons: string[];
}

export interface HttpServerOptions {
  logger: Logger;
  /** What /readyz reports; without it, whether `database` answers and is migrated. */
  readiness?: () => Promise<Readiness>;
  database?: Pick<Database, "isReady">;
  /**
   * Present in webhook mode: updates are accepted on WEBHOOK_PATH with Telegram's secret token.
   * Until `accepting()` is true (the process is still starting) an update gets 503 and Telegram sends it again later.
   */
  webhook?: { bot: Bot<never>; secret: string; accepting?: () => boolean };
  maxBodyBytes?: number;
  /**
   * The web console and the read-only API (src/server/console-listener.ts): requests under /console and /api/
   * go to it; it sets its own security headers and body limit.
   */
  console?: (req: IncomingMessage, res: ServerResponse) => void;
}

/** Paths the console's app answers. */
export function isConsolePath(url: string): boolean {
  return url === "/console" || url.startsWith("/console/") || url.startsWith("/api/");
}

/** How long /readyz waits for the database before saying it does not answer. */
export const READINESS_TIMEOUT_MS = 2_000;

/**
 * The process's HTTP face: `/healthz` (the process is up), `/readyz` (ready to work, or why not) and, in
 * webhook mode, the webhook. A wrong or missing secret token gets 401 and the update is not processed
 * (grammY compares it before reading the body); a body over the limit gets 413 and is not read further.
 */
export function createHttpServer(opts: HttpServerOptions): Server {
  const maxBody = opts.maxBodyBytes ?? MAX_WEBHOOK_BODY_BYTES;
  const readiness = opts.readiness ?? (() => databaseReadiness(opts.database));
  const handleWebhook = opts.webhook
    ? webhookCallback(opts.webhook.bot, limitedHttpAdapter(maxBody), {
        secretToken: opts.webhook.secret,
        // Answer Telegram before its own timeout; the update keeps running, and a redelivery is deduplicated.
        onTimeout: "return",
        timeoutMilliseconds: 8_000,
      })
    : undefined;
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = (req.url ?? "/").split("?")[0] ?? "/";
    if (req.method === "GET" && url === "/healthz") return send(res, 200, { status: "ok" });
    if (req.method === "GET" && url === "/readyz") {
      void readiness().then(
        (r) => send(res, r.ready ? 200 : 503, r.ready ? { status: "ready" } : { status: "not ready", reasons: r.reasons }),
        () => send(res, 503, { status: "not ready", reasons: ["readiness check failed"] }),
      );
      return;
    }
    if (handleWebhook && req.method === "POST" && url === WEBHOOK_PATH) {
      if (Number(req.headers["content-length"] ?? 0) > maxBody) return refuseBody(req, res);
      if (opts.webhook?.accepting && !opts.webhook.accepting()) return send(res, 503, { status: "starting" });
      Promise.resolve(handleWebhook(req, res)).catch((err: unknown) => {
        if (err instanceof BodyTooLarge) return refuseBody(req, res);
        // The error boundary has already answered the person; Telegram must not redeliver forever.
        opts.logger.error({ err }, "webhook update failed");
        if (!res.headersSent) send(res, 200, { ok: true });
      });
      return;
    }
    if (opts.console && isConsolePath(url)) return opts.console(req, res);
    send(res, 404, { status: "not found" });
  });
}

/** Whether the database answers within READINESS_TIMEOUT_MS and every migration is applied. */
export async function databaseReadiness(database: Pick<Database, "isReady"> | undefined): Promise<Readiness> {
  if (!database) return { ready: false, reasons: ["database not open yet"] };
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => (timer = setTimeout(resolve, READINESS_TIMEOUT_MS, "late")));
  try {
    const answer = await Promise.race([database.isReady(), late]);
    if (answer === true) return { ready: true, reasons: [] };
    return { ready: false, reasons: [answer === "late" ? "database did not answer in time" : "database unreachable or not migrated"] };
  } finally {
    clearTimeout(timer);
  }
}

class BodyTooLarge extends Error {}

/** 413, then the connection is closed so the rest of the body is never read. */
function refuseBody(req: IncomingMessage, res: ServerResponse): void {
  if (!res.headersSent) {
    res.writeHead(413, { "content-type": "application/json", connection: "close" });
    res.end(JSON.stringify({ status: "payload too large" }), () => req.socket.destroy());
  } else req.socket.destroy();
}

/** grammY's "http" adapter, counting the body's bytes as they arrive and giving up past `maxBytes`. */
function limitedHttpAdapter(maxBytes: number) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const secret = req.headers["x-telegram-bot-api-secret-token"];
    return {
      get update() {
        return readJsonBody(req, maxBytes);
      },
      header: Array.isArray(secret) ? secret[0] : secret,
      end: () => void res.end(),
      respond: (json: string) => void res.writeHead(200, { "content-type": "application/json" }).end(json),
      unauthorized: () => void res.writeHead(401).end("secret token is wrong"),
    };
  };
}

function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<never> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.off("data", onData);
        req.pause();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")) as never);
      } catch (err) {
        reject(err);
      }
    });
    req.once("error", reject);
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
