import { describe, expect, it } from "vitest";
import { defaultHolidays } from "../../../src/features/calendar/vietnam-holidays.ts";
import type { PlanInput, PlanPerson } from "../../../src/features/reminders/plan-input.ts";
import { parseQuietHours } from "../../../src/features/reminders/quiet-hours.ts";
import { planReminders, type PlannedNotice } from "../../../src/features/reminders/reminder-plan.ts";

const overrides = new Map(defaultHolidays(2026).map((d) => [d.day, d.kind] as const));
const quietHours = parseQuietHours("20:00-07:30");
/** 08:00 in Hà Nội on a date. */
const at = (day: string, hhmm = "08:00") => new Date(`${day}T${hhmm}:00+07:00`);
const person = (id: number, p: Partial<PlanPerson>): PlanPerson => ({ id, chatId: 1000 + id, locale: "vi", reporterOf: [], headOf: [], getsDigest: false, ...p });

/** Period it-plan 2026-11: opens 15/10, cut-off Sat 14/11, deadline Tue 17/11; reminders 2 working days before (Fri 13/11). */
function input(over: Partial<PlanInput> = {}): PlanInput {
  return {
    overrides,
    periods: [{
      id: 1, templateId: "it-plan", periodKey: "2026-11", startsOn: "2026-10-15", deadlineOn: "2026-11-17",
      title: { vi: "Kế hoạch CNTT", en: "IT plan" },
      reminders: { beforeWorkingDays: [2], onDeadline: true, overdueDaily: true, escalateAfterWorkingDays: 3 },
      requiredAgencyIds: [10, 11],
    }],
    agencies: new Map([
      [10, { id: 10, code: "SO-YT", name: "Sở Y tế", kind: "department", parentId: null }],
      [11, { id: 11, code: "SO-TP", name: "Sở Tư pháp", kind: "department", parentId: null }],
    ]),
    submitted: new Set(),
    people: [
      person(1, { reporterOf: [10] }),
      person(2, { reporterOf: [11], locale: "en" }),
      person(3, { headOf: [10] }),
      person(4, { getsDigest: true }),
      person(5, {}),
    ],
    mutes: [],
    delegations: [],
    alreadySent: new Set(),
    ...over,
  };
}
const plan = (now: Date, over: Partial<PlanInput> = {}) => planReminders(input(over), { now, timeZone: "Asia/Ho_Chi_Minh", quietHours });
const summary = (ns: PlannedNotice[]) => ns.map((n) => `${n.kind}>${n.personId}`).sort();

describe("the reminder plan of a period", () => {
  it("walks the period's life: opening, N days before, deadline morning, daily overdue, escalation, digest", () => {
    expect(summary(plan(at("2026-10-15")))).toEqual(["opened>1", "opened>2"]);
    expect(summary(plan(at("2026-11-12")))).toEqual(["opened>1", "opened>2"]); // still the opening window
    expect(summary(plan(at("2026-11-13")))).toEqual(["before>1", "before>2"]);
    expect(summary(plan(at("2026-11-16")))).toEqual(["before>1", "before>2"]);
    expect(summary(plan(at("2026-11-17")))).toEqual(["deadline>1", "deadline>2"]);
    expect(summary(plan(at("2026-11-18")))).toEqual(["digest>4", "overdue>1", "overdue>2"]);
    expect(summary(plan(at("2026-11-20")))).toEqual(["digest>4", "escalation>3", "overdue>1", "overdue>2"]);
  });

  it("keys each notice so it goes once per period, agency, person and kind (and day for daily kinds)", () => {
    const keys = (d: string) => plan(at(d)).map((n) => n.dedupeKey).sort();
    expect(keys("2026-11-13")).toEqual(["before:1:10:1:2", "before:1:11:2:2"]);
    expect(keys("2026-11-19")).toEqual(["digest:4:2026-11-19", "overdue:1:10:1:2026-11-19", "overdue:1:11:2:2026-11-19"]);
    expect(plan(at("2026-11-20")).find((n) => n.kind === "escalation")?.dedupeKey).toBe("escalation:1:10:3");
    // Once recorded, it is no longer planned.
    const sent = new Set(plan(at("2026-11-13")).map((n) => n.dedupeKey));
    expect(plan(at("2026-11-16"), { alreadySent: sent })).toEqual([]);
  });

  it("speaks each person's language and carries the report button and how late it is", () => {
    const ns = plan(at("2026-11-19"));
    const en = ns.find((n) => n.personId === 2)!;
    expect(en.message).toEqual({
      key: "remind-overdue",
      args: { agency: "Sở Tư pháp", title: "IT plan", period: "2026-11", deadline: "17/11/2026", days: 2 },
    });
    expect(en.reportPeriodId).toBe(1);
    const digest = ns.find((n) => n.kind === "digest")!;
    expect(digest.message.args).toMatchObject({ agencies: 2, count: 2 });
    expect(digest.lines?.map((l) => l.args.agency)).toEqual(["Sở Tư pháp", "Sở Y tế"]);
  });

  it("leaves out agencies that submitted, and sends no digest when nothing is overdue", () => {
    expect(summary(plan(at("2026-11-19"), { submitted: new Set(["1:10"]) }))).toEqual(["digest>4", "overdue>2"]);
    expect(plan(at("2026-11-19"), { submitted: new Set(["1:10", "1:11"]) })).toEqual([]);
  });

  it("sends nothing in quiet hours or on non-working days, and plans it for the next allowed run", () => {
    expect(plan(at("2026-11-17", "07:29"))).toEqual([]);
    expect(plan(at("2026-11-17", "20:00"))).toEqual([]);
    expect(plan(at("2026-11-17", "07:30"))).toHaveLength(2);
    expect(plan(at("2026-11-21"))).toEqual([]); // Saturday
    expect(plan(at("2026-11-23")).filter((n) => n.kind === "overdue")).toHaveLength(2); // Monday
  });

  it("after downtime sends what still matters: never a stale 'before' after the deadline, only today's overdue", () => {
    // The bot was down from 12/11 to 18/11: the 'before' and 'deadline' notices are past their windows.
    const ns = plan(at("2026-11-18", "10:00"));
    expect(summary(ns)).toEqual(["digest>4", "overdue>1", "overdue>2"]);
    expect(ns.every((n) => !n.dedupeKey.includes("2026-11-17"))).toBe(true);
    // Down over the opening day: the opening notice still goes while no reminder is due yet.
    expect(summary(plan(at("2026-10-28")))).toEqual(["opened>1", "opened>2"]);
  });

  it("counts working days around holidays: before-reminders move back over a holiday", () => {
    const withHoliday = new Map(overrides);
    withHoliday.set("2026-11-13", "holiday");
    // 2 working days before Tue 17/11 is now Thu 12/11.
    expect(summary(plan(at("2026-11-12"), { overrides: withHoliday }))).toEqual(["before>1", "before>2"]);
  });

  it("skips a muted person and sends to the substitute named by delegation instead", () => {
    const mutes = [{ personId: 1, fromOn: "2026-11-16", toOn: "2026-11-20" }];
    const delegations = [{ agencyId: 10, personId: 5, fromOn: "2026-11-01", toOn: "2026-11-30" }];
    expect(summary(plan(at("2026-11-17"), { mutes, delegations }))).toEqual(["deadline>2", "deadline>5"]);
    // Without a mute the substitute is not bothered.
    expect(summary(plan(at("2026-11-17"), { delegations }))).toEqual(["deadline>1", "deadline>2"]);
    // After the mute ends the person gets the day's reminder again.
    expect(summary(plan(at("2026-11-23"), { mutes, delegations })).filter((s) => s.startsWith("overdue"))).toEqual(["overdue>1", "overdue>2"]);
    // A muted head gets no escalation; a muted coordinator no digest.
    const all = [{ personId: 3, fromOn: "2026-11-20", toOn: "2026-11-20" }, { personId: 4, fromOn: "2026-11-20", toOn: "2026-11-20" }];
    expect(summary(plan(at("2026-11-20"), { mutes: all }))).toEqual(["overdue>1", "overdue>2"]);
  });

  it("follows the template's switches: no deadline-day notice, no daily overdue", () => {
    const base = input();
    const p = { ...base.periods[0]!, reminders: { beforeWorkingDays: [5, 2], onDeadline: false, overdueDaily: false, escalateAfterWorkingDays: 1 } };
    const run = (d: string) => summary(planReminders({ ...base, periods: [p] }, { now: at(d), timeZone: "Asia/Ho_Chi_Minh", quietHours }));
    expect(run("2026-11-10")).toEqual(["before>1", "before>2"]);
    expect(plan(at("2026-11-10"))).toSatisfy((ns: PlannedNotice[]) => ns.every((n) => n.kind === "opened"));
    expect(run("2026-11-17")).toEqual([]);
    expect(run("2026-11-18")).toEqual(["digest>4", "escalation>3"]);
  });
});
