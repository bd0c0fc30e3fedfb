import { Hono } from "hono";

export interface ConsoleAsset {
  body: Uint8Array;
  type: string;
}
/** The front end's files by name ("index.html", "app.js", "app.css"); src/server/console-assets.ts in the process. */
export type ConsoleAssets = (path: string) => Promise<ConsoleAsset | undefined>;

/** The page and its bundle. The page is never cached (it names the bundle); the bundle may be, briefly. */
export function consolePages(assets: ConsoleAssets): Hono {
  const app = new Hono();
  const serve = async (name: string, cache: string) => {
    const file = await assets(name);
    if (!file) return new Response(JSON.stringify({ error: "not found" }), { status: 404, headers: { "content-type": "application/json" } });
    return new Response(file.body as BodyInit, { status: 200, headers: { "content-type": file.type, "cache-control": cache } });
  };
  app.get("/", () => serve("index.html", "no-cache"));
  app.get("/assets/:name{[a-z0-9.-]+}", (c) => serve(c.req.param("name"), "public, max-age=300"));
  return app;
}
