// The demo records its reform as real merges (1/7/2025): a successor's /trend includes its predecessor's months.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/config/logger.ts";
import type { Database } from "../../src/db/client.ts";
import { DEMO_PERSONAS, DEMO_REFORM } from "../../src/demo/demo-province.ts";
import { demoConfig, startDemo, type DemoSession } from "../../src/demo/demo-session.ts";
import { agencies } from "../../src/features/agencies/agencies.table.ts";
import { agencySuccessions } from "../../src/features/agencies/agency-lifecycle.table.ts";
import { agenciesDemoSeed } from "../../src/features/agencies/agencies.demo-seed.ts";
import { summariesDemoSeed } from "../../src/features/summaries/summaries.demo-seed.ts";
import { createTestDatabase } from "../support/test-db.ts";

describe("the demo's merges of 1/7/2025", () => {
  let database: Database;
  let session: DemoSession;
  let dir: string;
  let out = "";

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), "itbot-demo-merges-"));
    session = await startDemo({
      config: demoConfig({}),
      logger: createLogger("silent"),
      write: (t) => void (out += t),
      outDir: join(dir, "out"),
      database,
      seeds: [agenciesDemoSeed, summariesDemoSeed],
      jobs: [],
      // Early enough that a 12-month trend reaches back before the merge.
      startAt: new Date("2025-10-20T02:00:00Z"),
    });
  });
  afterAll(async () => {
    await session.close();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("records each pairing of DEMO_REFORM as a succession dated 1/7/2025, the committees inactive, once", async () => {
    const pairs = Object.entries(DEMO_REFORM.successors).flatMap(([s, ps]) => ps.map((p) => `${p}→${s}`)).sort();
    const codes = new Map((await database.db.select().from(agencies)).map((a) => [a.id, a]));
    await agenciesDemoSeed.run(session.deps);
    const rows = await database.db.select().from(agencySuccessions);
    expect(rows.map((r) => `${codes.get(r.predecessorId)!.code}→${codes.get(r.successorId)!.code}`).sort()).toEqual(pairs);
    expect(new Set(rows.map((r) => r.effectiveOn))).toEqual(new Set(["2025-07-01"]));
    const preds = await database.db.select().from(agencies).where(inArray(agencies.id, rows.map((r) => r.predecessorId)));
    expect(preds.every((a) => !a.active)).toBe(true);
  });

  it("shows the successor's trend with its predecessor's months, labelled", async () => {
    await session.handleLine(":as head");
    await session.handleLine("/trend online_dossier_share");
    const head = DEMO_PERSONAS.find((p) => p.key === "head")!;
    const trend = session.api.textsTo(head.telegramId).join("\n");
    expect(trend).toContain("UBND phường Trấn Biên: gồm số liệu của UBND TP. Biên Hòa");
    // June 2025 was filed by the district committee: a value, not a dash.
    expect(trend).toMatch(/tháng 6\/2025: \d/);
  });
});
