import { sql } from "drizzle-orm";
import { integer, jsonb, pgTable, serial, text, timestamp, unique } from "drizzle-orm/pg-core";
import type { TemplateDefinition } from "./template-definition.ts";

export const templates = pgTable("templates", {
  id: text("id").primaryKey(),
  currentVersion: integer("current_version").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().default(sql`now()`),
});

/** Every change to a template is a new version; periods and submissions keep the version they were made under. */
export const templateVersions = pgTable(
  "template_versions",
  {
    id: serial("id").primaryKey(),
    templateId: text("template_id").notNull().references(() => templates.id),
    version: integer("version").notNull(),
    definition: jsonb("definition").$type<TemplateDefinition>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [unique("template_versions_uq").on(t.templateId, t.version)],
);

