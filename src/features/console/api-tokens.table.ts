import { index, integer, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { agencies } from "../agencies/agencies.table.ts";
import { people } from "../people/people.table.ts";

/**
 * Read-only API tokens for other systems. Only a SHA-256 of the token is kept (it is shown once, when issued).
 * `agencyId` null: the whole province; otherwise that agency and the agencies under it.
 */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    agencyId: integer("agency_id").references(() => agencies.id),
    createdBy: integer("created_by").references(() => people.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [index("api_tokens_created_idx").on(t.createdAt)],
);

export type ApiToken = typeof apiTokens.$inferSelect;
