import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // *.pg.test.ts need a PostgreSQL server (two processes on one database, connections that can be cut): they run
    // when DATABASE_URL is set (as in `.ci/run`'s second pass) and are not collected on the embedded database.
    exclude: process.env.DATABASE_URL ? ["**/node_modules/**"] : ["**/node_modules/**", "test/**/*.pg.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: more workers only fight over CPU while PGlite boots.
    maxWorkers: 2,
  },
});
