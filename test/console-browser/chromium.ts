import { existsSync } from "node:fs";

/** Debian's Chromium (`apt-get install chromium`), or the one CHROMIUM_PATH names; undefined when neither exists. */
export function chromiumPath(): string | undefined {
  const path = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  return existsSync(path) ? path : undefined;
}

/** Headless, no sandbox (containers), and none of the background traffic a test machine must not make. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Why the browser tests are not collected, or undefined when they are. */
export function browserTestsSkipReason(): string | undefined {
  if (chromiumPath()) return undefined;
  return `Chromium not found at ${process.env.CHROMIUM_PATH || "/usr/bin/chromium"} (apt-get install chromium, or set CHROMIUM_PATH)`;
}
