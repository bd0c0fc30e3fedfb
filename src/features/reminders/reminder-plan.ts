import { inLocale } from "../../format/period-label.ts";
import { formatVnDate, type IsoDate } from "../../time/calendar-date.ts";
import { subtractWorkingDays, workingDaysBetween } from "../calendar/working-days.ts";
import type { LocalizedText } from "../templates/template-definition.ts";
import { overdueEntries, type OverdueEntry } from "./overdue.ts";
import { covers, submittedKey, type PlanInput, type PlanPeriod, type PlanPerson } from "./plan-input.ts";
import { localMoment, maySendScheduled, type LocalMoment, type QuietHours } from "./quiet-hours.ts";

export const NOTICE_KINDS = ["opened", "before", "deadline", "overdue", "escalation", "digest", "manual"] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** A sentence to translate in the recipient's language: a locale key and its arguments. */
export interface NoticeMessage {
  key: string;
  args: Record<string, string | number>;
}

/** One notice to one person; `dedupeKey` makes it at most once, whoever plans it and however often. */
export interface PlannedNotice {
  dedupeKey: string;
  kind: NoticeKind;
  periodId: number | null;
  agencyId: number | null;
  personId: number;
  chatId: number;
  locale: string;
  message: NoticeMessage;
  /** Further lines, e.g. the digest's list, each translated on its own. */
  lines?: NoticeMessage[];
  /** Adds the button that starts the report of this period. */
  reportPeriodId?: number;
}

export interface PlanOptions {
  now: Date;
  timeZone: string;
  quietHours: QuietHours;
  /** Lines listed in a digest before "and N more". */
  digestLines?: number;
}

/** What the reporters of a not-yet-submitted agency should hear today about a period, if anything. */
export interface ReporterStage {
  kind: "opened" | "before" | "deadline" | "overdue";
  keySuffix: string;
  days: number;
}

/**
 * Each kind has a window and is due only inside it, so a catch-up after downtime sends what still matters and
 * nothing stale: the opening notice until the first "N days before" day; each "N days before" until the next
 * one (or the deadline); the deadline notice on the deadline day; an overdue notice on each working day after.
 */
export function reporterStage(period: PlanPeriod, today: IsoDate, input: Pick<PlanInput, "overrides">): ReporterStage | undefined {
  const deadline = period.deadlineOn;
  const rule = period.reminders;
  if (today > deadline) {
    return rule.overdueDaily ? { kind: "overdue", keySuffix: `:${today}`, days: workingDaysBetween(deadline, today, input.overrides) } : undefined;
  }
  if (today === deadline) return rule.onDeadline ? { kind: "deadline", keySuffix: "", days: 0 } : undefined;
  const offsets = [...new Set(rule.beforeWorkingDays)].sort((a, b) => b - a);
  let active: number | undefined;
  for (const n of offsets) if (subtractWorkingDays(deadline, n, input.overrides) <= today) active = n;
  const left = workingDaysBetween(today, deadline, input.overrides);
  if (active !== undefined) return { kind: "before", keySuffix: `:${active}`, days: left };
  return today >= period.startsOn ? { kind: "opened", keySuffix: "", days: left } : undefined;
}

const titleIn = inLocale;

/** Who receives an agency's reminders today: its reporters who are not away, and the substitutes when someone is. */
export function reporterRecipients(input: PlanInput, today: IsoDate): (agencyId: number) => PlanPerson[] {
  const muted = new Set(input.mutes.filter((m) => covers(m, today)).map((m) => m.personId));
  const byId = new Map(input.people.map((p) => [p.id, p]));
  const reporters = new Map<number, PlanPerson[]>();
  for (const p of input.people) for (const a of p.reporterOf) reporters.set(a, [...(reporters.get(a) ?? []), p]);
  const delegates = new Map<number, PlanPerson[]>();
  for (const d of input.delegations) {
    const p = byId.get(d.personId);
    if (p && covers(d, today)) delegates.set(d.agencyId, [...(delegates.get(d.agencyId) ?? []), p]);
  }
  return (agencyId) => {
    const all = reporters.get(agencyId) ?? [];
    if (all.length > 0 && !all.some((p) => muted.has(p.id))) return all;
    const present = all.filter((p) => !muted.has(p.id));
    const someoneAway = present.length < all.length || all.length === 0;
    const subs = someoneAway ? (delegates.get(agencyId) ?? []).filter((p) => !muted.has(p.id)) : [];
    return [...new Map([...present, ...subs].map((p) => [p.id, p])).values()];
  };
}

function reporterArgs(period: PlanPeriod, agencyName: string, locale: string, days: number) {
  return {
    agency: agencyName,
    title: titleIn(period.title, locale),
    period: period.periodKey,
    deadline: formatVnDate(period.deadlineOn),
    days,
  };
}

/** The notices due now and not sent yet. Pure: everything comes in through `input`. */
export function planReminders(input: PlanInput, opts: PlanOptions): PlannedNotice[] {
  const at = localMoment(opts.now, opts.timeZone);
  if (!maySendScheduled(at, opts.quietHours, input.overrides)) return [];
  const out: PlannedNotice[] = [];
  const planned = new Set<string>();
  const push = (n: PlannedNotice) => {
    if (input.alreadySent.has(n.dedupeKey) || planned.has(n.dedupeKey)) return;
    planned.add(n.dedupeKey);
    out.push(n);
  };
  const recipientsOf = reporterRecipients(input, at.today);

  for (const period of input.periods) {
    const stage = reporterStage(period, at.today, input);
    if (!stage) continue;
    const keyPrefix = `${stage.kind}:${period.id}:`;
    const deadline = formatVnDate(period.deadlineOn);
    for (const agencyId of period.requiredAgencyIds) {
      if (input.submitted.has(submittedKey(period.id, agencyId))) continue;
      const agency = input.agencies.get(agencyId);
      if (!agency) continue;
      for (const person of recipientsOf(agencyId)) {
        push({
          dedupeKey: `${keyPrefix}${agencyId}:${person.id}${stage.keySuffix}`,
          kind: stage.kind,
          periodId: period.id,
          agencyId,
          personId: person.id,
          chatId: person.chatId,
          locale: person.locale,
          message: {
            key: `remind-${stage.kind}`,
            args: { agency: agency.name, title: titleIn(period.title, person.locale), period: period.periodKey, deadline, days: stage.days },
          },
          reportPeriodId: period.id,
        });
      }
    }
  }

  const overdue = overdueEntries(input, at.today);
  planEscalations(input, at, overdue, push);
  planDigests(input, at, overdue, opts.digestLines ?? 30, push);
  return out;
}

function planEscalations(input: PlanInput, at: LocalMoment, overdue: OverdueEntry[], push: (n: PlannedNotice) => void) {
  const muted = new Set(input.mutes.filter((m) => covers(m, at.today)).map((m) => m.personId));
  const heads = new Map<number, PlanPerson[]>();
  for (const p of input.people) if (!muted.has(p.id)) for (const a of p.headOf) heads.set(a, [...(heads.get(a) ?? []), p]);
  for (const e of overdue) {
    if (e.workingDaysLate < e.period.reminders.escalateAfterWorkingDays) continue;
    for (const head of heads.get(e.agency.id) ?? []) {
      push({
        dedupeKey: `escalation:${e.period.id}:${e.agency.id}:${head.id}`,
        kind: "escalation",
        periodId: e.period.id,
        agencyId: e.agency.id,
        personId: head.id,
        chatId: head.chatId,
        locale: head.locale,
        message: { key: "remind-escalation", args: reporterArgs(e.period, e.agency.name, head.locale, e.workingDaysLate) },
      });
    }
  }
}

function planDigests(
  input: PlanInput, at: LocalMoment, overdue: OverdueEntry[], maxLines: number, push: (n: PlannedNotice) => void,
) {
  if (overdue.length === 0) return;
  const muted = new Set(input.mutes.filter((m) => covers(m, at.today)).map((m) => m.personId));
  const agencies = new Set(overdue.map((e) => e.agency.id)).size;
  const linesFor = (locale: string): NoticeMessage[] => {
    const lines: NoticeMessage[] = overdue.slice(0, maxLines).map((e) => ({
      key: "remind-digest-line",
      args: { agency: e.agency.name, title: titleIn(e.period.title, locale), period: e.period.periodKey, days: e.workingDaysLate },
    }));
    if (overdue.length > maxLines) lines.push({ key: "remind-digest-more", args: { count: overdue.length - maxLines } });
    return lines;
  };
  const byLocale = new Map<string, NoticeMessage[]>();
  for (const p of input.people) {
    if (!p.getsDigest || muted.has(p.id)) continue;
    const lines = byLocale.get(p.locale) ?? linesFor(p.locale);
    byLocale.set(p.locale, lines);
    push({
      dedupeKey: `digest:${p.id}:${at.today}`,
      kind: "digest",
      periodId: null,
      agencyId: null,
      personId: p.id,
      chatId: p.chatId,
      locale: p.locale,
      message: { key: "remind-digest", args: { date: formatVnDate(at.today), agencies, count: overdue.length } },
      lines,
    });
  }
}

/** "Nhắc ngay" for one overdue report: the same recipients as the daily reminder, keyed per day. */
export function manualReminders(input: PlanInput, entry: OverdueEntry, today: IsoDate): PlannedNotice[] {
  const { period, agency } = entry;
  return reporterRecipients(input, today)(agency.id).map((person) => ({
    dedupeKey: `manual:${period.id}:${agency.id}:${today}:${person.id}`,
    kind: "manual" as const,
    periodId: period.id,
    agencyId: agency.id,
    personId: person.id,
    chatId: person.chatId,
    locale: person.locale,
    message: { key: "remind-manual", args: reporterArgs(period, agency.name, person.locale, entry.workingDaysLate) },
    reportPeriodId: period.id,
  }));
}

/** The agency-level record that makes "Nhắc ngay" at most once per agency, report and day. */
export const manualMarkerKey = (periodId: number, agencyId: number, today: IsoDate) => `manual:${periodId}:${agencyId}:${today}`;
