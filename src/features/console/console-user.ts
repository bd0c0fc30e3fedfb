import { readFileSync } from "node:fs";
import { join } from "node:path";
import { inArray } from "drizzle-orm";
import type { BotDeps, Viewer } from "../../bot/context.ts";
import { LOCALES_DIR, type Translate } from "../../bot/i18n.ts";
import { seesWholeProvince } from "../../bot/roles.ts";
import { agencies } from "../agencies/agencies.table.ts";

export interface ConsoleUser {
  name: string;
  locale: "vi" | "en";
  roles: string[];
  scope: "province" | "agency-tree" | "agency";
  agencies: { id: number; name: string }[];
}

/** Who is signed in, as the console shows it: roles, how wide they see, and the agencies their roles name. */
export async function userView(deps: Pick<BotDeps, "db">, viewer: Viewer): Promise<ConsoleUser> {
  const roles = [...new Set(viewer.memberships.map((m) => m.role))];
  const ids = [...new Set(viewer.memberships.flatMap((m) => (m.agencyId === null ? [] : [m.agencyId])))];
  const named = ids.length ? await deps.db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(inArray(agencies.id, ids)) : [];
  const leadsTree = viewer.memberships.some((m) => m.role === "leader" && m.agencyId !== null);
  return {
    name: viewer.person?.displayName ?? "",
    locale: viewer.person?.locale === "en" ? "en" : "vi",
    roles,
    scope: seesWholeProvince(viewer) ? "province" : leadsTree ? "agency-tree" : "agency",
    agencies: named.sort((a, b) => a.name.localeCompare(b.name, "vi")),
  };
}

/** The front end's strings (keys `console-web-…`, owned by the front end's locale file), in one language. */
let keys: string[] | undefined;
export function consoleStrings(t: Translate, locale: string): Record<string, string> {
  keys ??= readKeys();
  return Object.fromEntries(keys.map((k) => [k, t(locale, k)]));
}

function readKeys(): string[] {
  try {
    const text = readFileSync(join(LOCALES_DIR, "vi", "console-web.ftl"), "utf8");
    return [...text.matchAll(/^(console-web-[a-z0-9-]+)\s*=/gm)].map((m) => m[1]!);
  } catch {
    return [];
  }
}
