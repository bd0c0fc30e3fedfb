import { desc } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { auditLog } from "../features/people/people.table.ts";

/** One administrative action. `at` comes from the caller's clock, never from the database. */
export interface AuditEntry {
  /** The person who acted; null with `actorLabel` "cli" or "system" when no person did. */
  actorPersonId?: number | null;
  actorLabel?: string | null;
  /** Dotted verb, e.g. "invitation.create", "agency.update", "person.locale". */
  action: string;
  /** What was acted on, e.g. "agency:SO-YT", "invitation:12", "person:3". */
  target: string;
  before?: unknown;
  after?: unknown;
  at: Date;
}

/** Writes one audit entry; pass a transaction as `db` so the entry commits with the change. */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorPersonId: entry.actorPersonId ?? null,
    actorLabel: entry.actorLabel ?? null,
    action: entry.action,
    target: entry.target,
    before: entry.before === undefined ? null : toJson(entry.before),
    after: entry.after === undefined ? null : toJson(entry.after),
    at: entry.at,
  });
}

/** Latest entries first, for tests and the operator. */
export async function recentAudit(db: Db, limit = 50) {
  return db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(limit);
}

// Dates become ISO strings, exactly as they will read back from jsonb.
function toJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}
