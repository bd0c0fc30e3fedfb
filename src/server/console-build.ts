import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CONSOLE_WEB_DIR } from "./console-assets.ts";

/**
 * Bundles web/ in memory with esbuild: `app.js` (one minified ES module, no chunks, so the first load is one
 * request) and `app.css`, plus `index.html` as written. Used by the build script and, in development, tests and
 * the demo, on the first request.
 */
export async function buildConsoleFiles(): Promise<Map<string, Uint8Array>> {
  const { build } = await import("esbuild");
  const result = await build({
    entryPoints: { app: join(CONSOLE_WEB_DIR, "src", "main.ts"), "app-style": join(CONSOLE_WEB_DIR, "app.css") },
    bundle: true,
    write: false,
    minify: true,
    format: "esm",
    target: ["chrome100", "safari15", "firefox100"],
    outdir: "out",
    legalComments: "none",
    logLevel: "silent",
  });
  const files = new Map<string, Uint8Array>();
  for (const out of result.outputFiles) {
    if (out.path.endsWith("app.js")) files.set("app.js", out.contents);
    if (out.path.endsWith("app-style.css")) files.set("app.css", out.contents);
  }
  files.set("index.html", readFileSync(join(CONSOLE_WEB_DIR, "index.html")));
  return files;
}

