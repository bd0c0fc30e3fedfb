import { createServer, type Server } from "node:http";
import { FakeBotApi } from "../../src/demo/fake-bot-api.ts";

/**
 * The in-process FakeBotApi behind a real HTTP server on 127.0.0.1, for running the real entry
 * point as a child process with TELEGRAM_API_ROOT pointing here. getUpdates answers an empty list
 * after a short pause, as long polling would.
 */
export async function startFakeBotApiServer(
  api = new FakeBotApi(),
  /** Telegram's time to answer a send*, so that sends are in flight for a while (multi-process fault tests). */
  opts: { sendLatencyMs?: number } = {},
): Promise<{ api: FakeBotApi; url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const isGetUpdates = (req.url ?? "").endsWith("/getUpdates");
      const answer = async () => {
        const response = await api.fetch(`http://fake${req.url}`, { body: body || undefined, headers: req.headers as never } as never);
        res.writeHead(response.status, { "content-type": "application/json" }).end(await response.text());
      };
      if (isGetUpdates) setTimeout(() => void answer(), 100);
      else if (opts.sendLatencyMs && /\/send\w+$/.test(req.url ?? "")) setTimeout(() => void answer(), opts.sendLatencyMs);
      else void answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : 0;
  return {
    api,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
