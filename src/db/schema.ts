// The schema index that drizzle-kit reads. Each feature owns its tables; this file only gathers them.
export * from "../features/agencies/agencies.table.ts";
export * from "../features/agencies/agency-lifecycle.table.ts";
export * from "../features/agencies/agency-kinds.table.ts";
export * from "../features/people/people.table.ts";
export * from "../features/templates/templates.table.ts";
export * from "../features/reports/reports.table.ts";
export * from "../features/calendar/calendar.table.ts";
export * from "../features/reminders/reminders.table.ts";
export * from "../features/outbox/outbox.table.ts";
export * from "../features/summaries/summaries.table.ts";
export * from "./runtime.table.ts";
export * from "../features/organisation/organisation.table.ts";
export * from "../features/console/api-tokens.table.ts";
