// `npm run build`: the production JavaScript in dist/, run with plain `node` (no tsx, no TypeScript at run time).
// Our own code is bundled (one file per entry point plus shared and lazily imported chunks); packages stay
// in node_modules, imported as usual, so PGlite's WebAssembly, resvg's native module and pino's workers are found
// where they are installed. Migrations, locales and templates are read at run time from the project root
// (src/config/paths.ts walks up to it), so dist/ holds only code.
import { rmSync } from "node:fs";
import { build } from "esbuild";

export const ENTRY_POINTS = { main: "src/main.ts", cli: "src/cli/main.ts" };

export async function buildProduction(outdir = "dist"): Promise<void> {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: ENTRY_POINTS,
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node22",
    packages: "external",
    sourcemap: true,
    chunkNames: "chunks/[name]-[hash]",
    logLevel: "warning",
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildProduction(process.argv[2]);
