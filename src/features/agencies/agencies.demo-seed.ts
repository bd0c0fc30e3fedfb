import { inArray } from "drizzle-orm";
import type { BotDeps } from "../../bot/context.ts";
import { DEMO_REFORM, demoAgencyId } from "../../demo/demo-province.ts";
import { localDateTime } from "../../time/calendar-date.ts";
import { agencies } from "./agencies.table.ts";
import { agencySuccessions } from "./agency-lifecycle.table.ts";
import { mergeAgencies } from "./agency-lifecycle.ts";

/** The day two-level local government began: the demo's district committees merge into their successors. */
export const DEMO_MERGE_ON = "2025-07-01";

/**
 * Records the demo's reform (`DEMO_REFORM`) as real merges, dated 1/7/2025, with the agency lifecycle feature: each
 * former district committee's history continues under the ward or commune paired with it, so that successor's
 * /trend, /ranking and exports include it ("gồm số liệu của …"). The base province seeds the committees inactive, as
 * they are today; a merge takes active agencies, so each is made active again just before it is merged, and the merge
 * ends it (its end day has passed). Runs before any period is opened, so no open period is closed as merged.
 * Already-recorded merges are left as they are.
 */
export const agenciesDemoSeed = {
  name: "agencies: the merges of 1/7/2025",
  async run(deps: BotDeps): Promise<void> {
    const now = deps.clock.now();
    const today = localDateTime(now, deps.config.REPORT_TIMEZONE).date;
    for (const [successorCode, predecessorCodes] of Object.entries(DEMO_REFORM.successors)) {
      if (predecessorCodes.length === 0) continue;
      const preds = await deps.db.select({ id: agencies.id }).from(agencies).where(inArray(agencies.code, predecessorCodes));
      const ids = preds.map((p) => p.id);
      if (ids.length === 0) continue;
      if ((await deps.db.select().from(agencySuccessions).where(inArray(agencySuccessions.predecessorId, ids))).length > 0) continue;
      await deps.db.update(agencies).set({ active: true }).where(inArray(agencies.id, ids));
      const r = await mergeAgencies(deps.db, {
        predecessorIds: ids,
        into: { existingId: await demoAgencyId(deps.db, successorCode) },
        effectiveOn: DEMO_MERGE_ON,
        today,
        actorLabel: "system",
        at: now,
      });
      if (!r.ok) throw new Error(`demo merge into ${successorCode} failed: ${r.reason}`);
      // Ended by the merge (its day has passed); made sure here whatever the lifecycle feature does with past days.
      await deps.db.update(agencies).set({ active: false }).where(inArray(agencies.id, ids));
    }
  },
};
