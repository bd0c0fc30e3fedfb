import { templatesFeature } from "./templates/templates.composer.ts";
import type { Feature } from "../bot/features.ts";
import { helpFeature } from "../bot/help-menu.ts";
import { adminFeature } from "./admin/admin.composer.ts";
import { broadcastsFeature } from "./broadcasts/broadcasts.composer.ts";
import { calendarFeature } from "./calendar/calendar.composer.ts";
import { peopleFeature } from "./people/people.composer.ts";
import { reorgFeature } from "./agencies/reorg.composer.ts";
import { agencyKindsFeature } from "./agencies/agency-kinds.composer.ts";
import { organisationFeature } from "./organisation/organisation.composer.ts";
import { onboardingFeature } from "./onboarding/onboarding.composer.ts";
import { remindersFeature } from "./reminders/reminders.composer.ts";
import { reportsFeature } from "./reports/reports.composer.ts";
import { summariesFeature } from "./summaries/summaries.composer.ts";
import { consoleFeature } from "./console/console.composer.ts";

/** Every feature of the bot, in the order their composers run. */
export function allFeatures(): Feature[] {
  // /help and the command menus list every feature's commands, so they read this same list.
  const features: Feature[] = [
    onboardingFeature(() => features),
    // First non-public feature: /cancel must be seen before any conversation swallows it.
    helpFeature(() => features),
    // Early: sets the console's menu button on a person's first message, then passes every update on.
    consoleFeature(),
    adminFeature(),
    peopleFeature(),
    reorgFeature(),
    organisationFeature(),
    agencyKindsFeature(),
    // Before reports: a recipient in the middle of a report can still press «Đã nhận».
    broadcastsFeature(),
    calendarFeature(),
    remindersFeature(),
    // Before summaries: the report conversation must get the answers people type.
    reportsFeature(),
    // After reports: a template file sent as a report's attachment belongs to the report conversation.
    templatesFeature(),
    // Near the end: its free-text question router only gets text no other feature handled.
    summariesFeature(),
  ];
  return features;
}
