import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The project's root folder (the one holding package.json, migrations/, locales/ and templates/), found by
 * walking up from this module. The same code runs from its sources (src/config/) and bundled into dist/
 * (`npm run build`), so no path can assume how deep the running file sits.
 */
function findAppRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "migrations"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error("cannot find the application folder (package.json and migrations/) above the running code");
    dir = parent;
  }
}

export const APP_ROOT = findAppRoot();
export const MIGRATIONS_DIR = join(APP_ROOT, "migrations");
export const LOCALES_DIR = join(APP_ROOT, "locales");
export const TEMPLATES_DIR = join(APP_ROOT, "templates");
