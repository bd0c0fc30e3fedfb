import type { Composer } from "grammy";
import type { BotContext } from "./context.ts";

/**
 * A feature plugs into the bot with one composer. `public` composers run before the access gate
 * (only onboarding needs that); the rest see only people who hold a role.
 */
export interface Feature {
  name: string;
  public?: boolean;
  composer: Composer<BotContext>;
}
