import type { IncomingMessage, ServerResponse } from "node:http";
import { getRequestListener } from "@hono/node-server";
import type { BotDeps } from "../bot/context.ts";
import { createConsoleApp } from "../features/console/console-app.ts";
import type { ConsoleAssets } from "../features/console/console-pages.ts";

/**
 * The console's Hono app as a Node request listener, for the bot's own HTTP server (http-server.ts): one
 * process, one port, in polling and webhook mode alike.
 */
export function consoleListener(deps: BotDeps, assets?: ConsoleAssets): (req: IncomingMessage, res: ServerResponse) => void {
  const app = createConsoleApp({ deps, assets });
  const listener = getRequestListener(app.fetch);
  return (req, res) => void listener(req, res).catch((err: unknown) => {
    deps.logger.error({ err }, "console request failed");
    if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: "internal error" }));
  });
}
