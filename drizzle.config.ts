import { defineConfig } from "drizzle-kit";

// Migrations are generated from the schema index and committed; never edit them by hand.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/schema.ts",
  out: "./migrations",
});
