import type { BotDeps, Viewer } from "../../bot/context.ts";
import { localDateTime } from "../../time/calendar-date.ts";
import { parsePeriodRef } from "../summaries/period-ref.ts";
import { resolvePeriod } from "../summaries/leader-queries.ts";
import { loadAgencies, type AgencyRow, type PeriodRow } from "../summaries/summaries.repository.ts";
import { visibilityOf, type Visibility } from "../summaries/visibility.ts";
import type { Tr } from "./console-app.ts";

/** What a leader's page is computed over: the agencies, what this person may see of them, and today. */
export interface LeaderView {
  agencies: AgencyRow[];
  visibility: Visibility;
  today: string;
  locale: "vi" | "en";
  t: Tr;
}

export async function loadLeaderView(deps: BotDeps, viewer: Viewer, locale: "vi" | "en", t: Tr): Promise<LeaderView> {
  const agencies = await loadAgencies(deps.db);
  return {
    agencies,
    visibility: visibilityOf(viewer.memberships, agencies),
    today: localDateTime(deps.clock.now(), deps.config.REPORT_TIMEZONE).date,
    locale,
    t,
  };
}

/**
 * The period a page asks for by key ("2026-11"), read as the chat reads `/summary 2026-11`; without a key, the
 * one `/summary` shows. Undefined when there is no such period.
 */
export async function periodFor(deps: BotDeps, v: LeaderView, key: string | undefined): Promise<PeriodRow | undefined> {
  if (!key) return (await resolvePeriod(deps.db, { kind: "latest" }, v.today)).period;
  if (key.length > 40) return undefined;
  const ref = parsePeriodRef(key, v.today).ref;
  if (!ref) return undefined;
  return (await resolvePeriod(deps.db, ref, v.today)).period;
}
