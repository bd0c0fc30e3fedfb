import type { Server } from "node:http";
import type { BotDeps } from "../../bot/context.ts";
import { closeServer, createHttpServer, listen } from "../../server/http-server.ts";
import { consoleListener } from "../../server/console-listener.ts";
import type { ConsoleAssets } from "./console-pages.ts";
import { signInitData } from "./init-data.ts";

export interface DemoConsole {
  url: string;
  /** A link that signs the persona in, as Telegram would open the Mini App: init data in the URL fragment. */
  linkFor(person: { telegramId: number; name: string }, now: Date): string;
  close(): Promise<void>;
}

/**
 * The console for the offline demo, on 127.0.0.1 only: the same HTTP server and app as the bot's, with init data
 * signed by the demo's own token (never a real one), so a newcomer opens a persona's console in any browser.
 */
export async function startDemoConsole(deps: BotDeps, assets: ConsoleAssets, port = 0): Promise<DemoConsole> {
  const server: Server = createHttpServer({ logger: deps.logger, database: deps.database, console: consoleListener(deps, assets) });
  const bound = await listen(server, port, "127.0.0.1");
  const url = `http://127.0.0.1:${bound}/console/`;
  return {
    url,
    linkFor: (person, now) => {
      const [first, ...rest] = person.name.split(" ");
      const initData = signInitData({ id: person.telegramId, first_name: first ?? person.name, ...(rest.length ? { last_name: rest.join(" ") } : {}) }, deps.config.BOT_TOKEN, now);
      return `${url}#tgWebAppData=${encodeURIComponent(initData)}`;
    },
    close: () => closeServer(server),
  };
}
