import { defineConfig } from "vitest/config";
import { browserTestsSkipReason } from "./test/console-browser/chromium.ts";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // *.pg.test.ts need a PostgreSQL server (two processes on one database, connections that can be cut): they run
    // when DATABASE_URL is set (as in `.ci/run`'s second pass) and are not collected on the embedded database.
    // test/console-browser/ drives Chromium; without it those files are not collected, and global-setup says so.
    exclude: [
      "**/node_modules/**",
      ...(process.env.DATABASE_URL ? [] : ["test/**/*.pg.test.ts"]),
      ...(browserTestsSkipReason() ? ["test/console-browser/**"] : []),
    ],
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: more workers only fight over CPU while PGlite boots.
    maxWorkers: 2,
  },
});
