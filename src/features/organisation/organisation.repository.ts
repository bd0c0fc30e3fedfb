import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { recordAudit } from "../../audit/audit.repository.ts";
import { organisationSchema, type Organisation } from "./organisation.ts";
import { settings } from "./organisation.table.ts";

const KEY = "organisation";
/** Another instance's edit reaches this one within this long of its next update. */
const MAX_AGE_MS = 60_000;

interface Cached {
  organisation: Organisation | undefined;
  loadedAt: number;
}

// Messages are translated synchronously, so the organisation is kept in memory: per database (tests and the
// benchmarks open several in one process).
const cache = new WeakMap<Db, Cached>();

/** The organisation as last loaded in this process; undefined before the first load or the set-up. */
export function cachedOrganisation(db: Db): Organisation | undefined {
  return cache.get(db)?.organisation;
}

/** Reads the stored organisation (undefined until set up) and keeps it for messages. */
export async function loadOrganisation(db: Db, now: Date): Promise<Organisation | undefined> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, KEY));
  // A stored value that no longer passes the checks is shown as not set up rather than half-used.
  const parsed = row ? organisationSchema.safeParse(row.value) : undefined;
  const organisation = parsed?.success ? parsed.data : undefined;
  cache.set(db, { organisation, loadedAt: now.getTime() });
  return organisation;
}

/** Loads again when the copy kept is older than a minute (or there is none). */
export async function refreshOrganisation(db: Db, now: Date): Promise<void> {
  const c = cache.get(db);
  if (c && now.getTime() - c.loadedAt < MAX_AGE_MS && now.getTime() >= c.loadedAt) return;
  await loadOrganisation(db, now);
}

/** Stores the organisation with an `organisation.update` audit entry (before and after) in one transaction. */
export async function saveOrganisation(
  db: Db,
  organisation: Organisation,
  actor: { actorPersonId?: number | null; actorLabel?: string | null; at: Date },
): Promise<void> {
  const value = organisationSchema.parse(organisation);
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ value: settings.value }).from(settings).where(eq(settings.key, KEY)).for("update");
    await tx
      .insert(settings)
      .values({ key: KEY, value, updatedAt: actor.at })
      .onConflictDoUpdate({ target: settings.key, set: { value: sql`excluded.value`, updatedAt: actor.at } });
    await recordAudit(tx as unknown as Db, { ...actor, action: before ? "organisation.update" : "organisation.create", target: "organisation", before: before?.value, after: value });
  });
  cache.set(db, { organisation: value, loadedAt: actor.at.getTime() });
}
