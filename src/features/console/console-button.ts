import { InlineKeyboard } from "grammy";
import type { Config } from "../../config/config.ts";
import { consoleUrl } from "./console-link.ts";

/** The keyboard with a last row "Mở bảng điều khiển" (a Mini App button) when the console has an https address. */
export function withConsoleButton(kb: InlineKeyboard, config: Pick<Config, "CONSOLE_URL" | "PUBLIC_URL">, t: (key: string) => string): InlineKeyboard {
  const url = consoleUrl(config);
  return url ? kb.row().webApp(t("console-button-open"), url) : kb;
}
