import type { Composer } from "grammy";
import type { Role } from "../features/people/people.table.ts";
import type { BotContext } from "./context.ts";

/** A command a feature offers: shown in /help and in the role's command menu, and checked on the server. */
export interface FeatureCommand {
  command: string;
  /** Who may run it; "any" means every person who holds at least one role. */
  roles: Role[] | "any";
  /** Shown in /help and the command menu only to these roles (and admins); default: everyone who may run it. */
  listedFor?: Role[];
  /** Locale key of the one-line description, e.g. "cmd-report". */
  descriptionKey: string;
}

/**
 * A feature plugs into the bot with one composer. `public` composers run before the access gate
 * (only onboarding needs that); the rest see only people who hold a role.
 */
export interface Feature {
  name: string;
  public?: boolean;
  commands?: FeatureCommand[];
  composer: Composer<BotContext>;
  /**
   * Runs before the conversations plugin and every feature's composer, in private chats: a feature whose own
   * state machine (in the database) takes the chat's messages while it runs (filing a report). Whatever it
   * does not take goes on; `ctx.conversation` is not there yet.
   */
  early?: Composer<BotContext>;
  /**
   * Called on /cancel, after every conversation is left (`active`: the conversations left). True when the
   * feature had something going on of its own that is now cancelled (a report being filed).
   */
  onCancel?(ctx: BotContext, active: string[]): Promise<boolean | void>;
}
