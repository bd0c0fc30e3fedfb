import type { Context } from "grammy";
import type { ConversationFlavor } from "@grammyjs/conversations";
import type { I18nFlavor } from "@grammyjs/i18n";
import type { Config } from "../config/config.ts";
import type { Clock } from "../config/clock.ts";
import type { Logger } from "../config/logger.ts";
import type { ChatLockScope, Database, Db } from "../db/client.ts";
import type { Membership, Person } from "../features/people/people.table.ts";
import type { Translate } from "./i18n.ts";

/** Everything a handler may need, created once in main.ts (or a test) and shared by every update. */
export interface BotDeps {
  database: Database;
  db: Db;
  config: Config;
  clock: Clock;
  logger: Logger;
  t: Translate;
}

/** Who is speaking: loaded from the database for every update, before any feature runs. */
export interface Viewer {
  person: Person | null;
  memberships: Membership[];
}

export type BaseContext = Context &
  I18nFlavor & {
    deps: BotDeps;
    viewer: Viewer;
    log: Logger;
    /** The chat lock held for this update (absent for an update without a chat): statements to run with its unlock. */
    chatLock?: ChatLockScope;
  };

export type BotContext = ConversationFlavor<BaseContext>;
