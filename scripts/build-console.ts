// The console's front end for production: web/ bundled once into dist/console/ (index.html, app.js, app.css),
// which src/server/console-assets.ts serves; the production image has no esbuild.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CONSOLE_DIST_DIR } from "../src/server/console-assets.ts";
import { buildConsoleFiles } from "../src/server/console-build.ts";

export async function buildConsole(outdir = CONSOLE_DIST_DIR): Promise<void> {
  mkdirSync(outdir, { recursive: true });
  for (const [name, body] of await buildConsoleFiles()) writeFileSync(join(outdir, name), body);
}

if (import.meta.url === `file://${process.argv[1]}`) await buildConsole(process.argv[2]);
