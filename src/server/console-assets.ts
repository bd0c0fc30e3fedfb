import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
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

/** Running from the sources (tsx: development, tests, demo) rather than from the production bundle in dist/. */
const fromSources = /\.ts$/.test(fileURLToPath(import.meta.url));

/**
 * The bundler runs only from the sources: its module is found beside this file at run time, so the production
 * bundle neither contains nor imports esbuild (production serves dist/console/, written by `npm run build`).
 */
async function buildFromSources(): Promise<Map<string, Uint8Array>> {
  const builder = pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), ["console-build", "ts"].join(".")));
  const { buildConsoleFiles } = (await import(builder.href)) as typeof import("./console-build.ts");
  return buildConsoleFiles();
}

let builder: (() => Promise<Map<string, Uint8Array>>) | undefined;

/**
 * Builds the front end on first use with `build` instead of reading dist/console/: for a bundled program that still
 * has the development tools (the demo's cached bundle), where this module is not a source file.
 */
export function buildConsoleWith(build: () => Promise<Map<string, Uint8Array>>): void {
  builder = build;
  loaded = undefined;
}

let loaded: Promise<Map<string, Uint8Array>> | undefined;

function loadFiles(): Promise<Map<string, Uint8Array>> {
  if (builder) return builder();
  if (fromSources || !existsSync(CONSOLE_DIST_DIR)) return buildFromSources();
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
