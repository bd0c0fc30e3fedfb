import type { Config } from "../../config/config.ts";

/**
 * The console's address for Telegram's web_app buttons: CONSOLE_URL, or PUBLIC_URL + /console/. Undefined unless
 * it is https (Telegram opens Mini Apps only from https links), so no button is offered that Telegram would refuse.
 */
export function consoleUrl(config: Pick<Config, "CONSOLE_URL" | "PUBLIC_URL">): string | undefined {
  const url = config.CONSOLE_URL ?? (config.PUBLIC_URL ? new URL("/console/", config.PUBLIC_URL).href : undefined);
  return url && url.startsWith("https://") ? url : undefined;
}
