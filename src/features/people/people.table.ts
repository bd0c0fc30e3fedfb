import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgTable, serial, text, timestamp, unique } from "drizzle-orm/pg-core";
import { agencies } from "../agencies/agencies.table.ts";

export const ROLES = ["admin", "coordinator", "leader", "reporter"] as const;
export type Role = (typeof ROLES)[number];

export const people = pgTable("people", {
  id: serial("id").primaryKey(),
  // Telegram user ids fit in 52 bits, so a JS number is exact.
  telegramId: bigint("telegram_id", { mode: "number" }).notNull().unique(),
  displayName: text("display_name").notNull(),
  username: text("username"),
  locale: text("locale").notNull().default("vi"),
  active: boolean("active").notNull().default(true),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().default(sql`now()`),
});

/**
 * How a role was given: by an invitation, by ADMIN_TELEGRAM_IDS (taken back when the id leaves the list), or
 * seeded directly (demo, tests, benchmarks). Null on rows made before the column existed.
 */
export const MEMBERSHIP_SOURCES = ["invitation", "config", "seed"] as const;
export type MembershipSource = (typeof MEMBERSHIP_SOURCES)[number];

/** A role held by a person, scoped to an agency (leader of one agency, reporter) or to the province (null). */
export const memberships = pgTable(
  "memberships",
  {
    id: serial("id").primaryKey(),
    personId: integer("person_id").notNull().references(() => people.id),
    role: text("role").$type<Role>().notNull(),
    agencyId: integer("agency_id").references(() => agencies.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().default(sql`now()`),
    source: text("source").$type<MembershipSource>(),
  },
  (t) => [
    unique("memberships_person_role_agency_uq").on(t.personId, t.role, t.agencyId).nullsNotDistinct(),
    index("memberships_agency_idx").on(t.agencyId, t.role),
  ],
);

export const invitations = pgTable("invitations", {
  id: serial("id").primaryKey(),
  // Only the SHA-256 of the code is kept; the code itself is shown once to its creator.
  codeHash: text("code_hash").notNull().unique(),
  role: text("role").$type<Role>().notNull(),
  agencyId: integer("agency_id").references(() => agencies.id),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  createdBy: integer("created_by").references(() => people.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().default(sql`now()`),
  usedBy: integer("used_by").references(() => people.id),
  usedAt: timestamp("used_at", { withTimezone: true }),
});

/** Wrong invitation codes, per Telegram account, for rate limiting. */
export const inviteFailures = pgTable(
  "invite_failures",
  {
    id: serial("id").primaryKey(),
    telegramId: bigint("telegram_id", { mode: "number" }).notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("invite_failures_tg_at_idx").on(t.telegramId, t.at)],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: serial("id").primaryKey(),
    actorPersonId: integer("actor_person_id").references(() => people.id),
    // "cli" or "system" when no person acted.
    actorLabel: text("actor_label"),
    action: text("action").notNull(),
    target: text("target").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("audit_log_at_idx").on(t.at)],
);

export type Person = typeof people.$inferSelect;
/** `source` is optional: the per-update viewer (update-dedupe.ts) does not read it; only the config reconciliation does. */
export type Membership = Omit<typeof memberships.$inferSelect, "source"> & { source?: MembershipSource | null };
export type Invitation = typeof invitations.$inferSelect;
