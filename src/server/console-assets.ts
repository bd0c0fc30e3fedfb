import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { APP_ROOT } from "../config/paths.ts";

/** The console's front end: web/ (preact + htm, no JSX), bundled by esbuild. */
export const CONSOLE_WEB_DIR = join(APP_ROOT, "web");
/** Where `npm run build` (scripts/build-console.ts) writes the prebuilt files that production serves. */
export const CONSOLE_DIST_DIR = join(APP_ROOT, "dist", "console");
/** The files a browser asks for: the page, its one script and its one style sheet. */
export const CONSOLE_FILES = ["index.html", "app.js", "app.css"] as const;

const TYPES: Record<string, string> = {
  "index.html": "text/html; charset=utf-8",
  "app.js": "text/javascript; charset=utf-8",
  "app.css": "text/css; charset=utf-8",
};

export interface ConsoleAsset {
  body: Uint8Array;
  type: string;
}

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

/** Running from the sources (tsx: development, tests, demo) rather than from the production bundle in dist/. */
const fromSources = fileURLToPath(import.meta.url).endsWith(".ts");

let loaded: Promise<Map<string, Uint8Array>> | undefined;

function loadFiles(): Promise<Map<string, Uint8Array>> {
  if (fromSources || !existsSync(CONSOLE_DIST_DIR)) return buildConsoleFiles();
  // Production has no esbuild: the files built by `npm run build`, read once.
  return Promise.resolve(new Map(CONSOLE_FILES.map((name) => [name, readFileSync(join(CONSOLE_DIST_DIR, name))])));
}

/** One of the console's files by name ("index.html", "app.js", "app.css"), or undefined for anything else. */
export async function consoleAsset(path: string): Promise<ConsoleAsset | undefined> {
  const name = path.replace(/^\/+/, "");
  if (!(CONSOLE_FILES as readonly string[]).includes(name)) return undefined;
  loaded ??= loadFiles().catch((err: unknown) => {
    loaded = undefined;
    throw err;
  });
  const body = (await loaded).get(name);
  return body ? { body, type: TYPES[name]! } : undefined;
}
