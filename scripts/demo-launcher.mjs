// `npm run demo`: says at once what it is doing, then runs the demo (src/demo/main.ts) from a bundle of its code
// kept in node_modules/.cache/itbot-demo-code/, made again with esbuild whenever the sources, locales, migrations
// or templates change (a hash of them names it). Loading one bundled file takes a fraction of what loading the
// TypeScript sources through tsx takes (README, "Performance"). Plain JavaScript, so that no TypeScript loader
// runs before the first line. `DEMO_BUNDLE=0` runs the sources through tsx instead, as `tsx src/demo/main.ts` does.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));

// The line saying what it is doing, read straight from the locale file (the bot's i18n is not loaded yet).
const locale = process.env.DEFAULT_LOCALE === "en" ? "en" : "vi";
const starting = /^demo-starting = (.*)$/m.exec(readFileSync(join(root, "locales", locale, "demo.ftl"), "utf8"))?.[1];
if (starting) {
  process.stderr.write(`${starting}\n`);
  // src/demo/main.ts then does not say it again.
  process.env.DEMO_STARTING_SAID = "1";
}

const main = join(root, "src", "demo", "main.ts");
if (process.env.DEMO_BUNDLE === "0") {
  const { register } = await import("tsx/esm/api");
  register();
  await import(pathToFileURL(main).href);
} else {
  await import(pathToFileURL(await demoBundle()).href);
}

/** The bundle of the demo's code for the sources as they are now: the cached one, or a new one. */
async function demoBundle() {
  const hash = createHash("sha256").update(root).update("\0");
  for (const dir of ["src", "locales", "migrations", "templates"]) {
    for (const file of filesUnder(join(root, dir))) hash.update(relative(root, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  const cacheDir = join(root, "node_modules", ".cache", "itbot-demo-code");
  const bundleDir = join(cacheDir, `demo-${hash.digest("hex").slice(0, 16)}`);
  const bundle = join(bundleDir, "main.mjs");
  if (existsSync(bundle)) return bundle;
  const { build } = await import("esbuild");
  mkdirSync(cacheDir, { recursive: true });
  // Written under another name first, so a run stopped half-way never leaves a partial bundle to load.
  const partial = `${bundleDir}.partial-${process.pid}`;
  await build({
    entryPoints: { main },
    outdir: partial,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    // What the code imports lazily (charts with vega and resvg, Excel and Word files) stays in chunks of its own,
    // loaded on first use: in one file, esbuild would import their packages at start.
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    // Packages stay in node_modules (PGlite's WebAssembly, resvg's native module, pino's workers are found there).
    packages: "external",
    // The code finds the project folder (migrations, locales, templates) and fonts from where its module sits:
    // the sources' place, not the cache's.
    define: { "import.meta.url": JSON.stringify(pathToFileURL(join(root, "src", "config", "paths.ts")).href) },
    logLevel: "warning",
  });
  for (const old of readdirSync(cacheDir)) if (join(cacheDir, old) !== partial) rmSync(join(cacheDir, old), { recursive: true, force: true });
  renameSync(partial, bundleDir);
  return bundle;
}

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile())
    .sort();
}
