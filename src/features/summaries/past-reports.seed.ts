import { eq, inArray } from "drizzle-orm";
import { agencies } from "../agencies/agencies.table.ts";
import { queryRows, sql, type Db } from "../../db/client.ts";
import { addDays } from "../../time/calendar-date.ts";
import { periodContaining, previousPeriodKey } from "../calendar/period-bounds.ts";
import { openPeriod } from "../reports/periods.repository.ts";
import { answers, periods, submissions, submissionVersions } from "../reports/reports.table.ts";
import { requiredAgencies } from "../reports/required-agencies.ts";
import type { Question, TemplateDefinition } from "../templates/template-definition.ts";
import { currentTemplateVersion } from "../templates/templates.repository.ts";
import { fillOutlierBaselines } from "./outlier-baselines.repository.ts";

/**
 * Plausible past reports for the demo: the monthly periods before the current one, with trends, a few
 * late and missing agencies, blockers and proposals, one agency whose disbursement exceeds its budget
 * and one implausible spike, so summaries, trends, charts, rankings and exports show something real.
 * Deterministic (seeded random), idempotent (agencies that already filed a period are left alone).
 */
export interface PastReportsOptions {
  templateId: string;
  /** How many monthly periods before the current one. */
  months: number;
  now: Date;
  today: string;
  /** Agencies left out of the most recent seeded period, so "who has not reported" has an answer. */
  missingInLatest?: string[];
  /**
   * A reorganisation the history crosses: from the period `from` on, the agencies named as successors report;
   * before it, their predecessors did (agencies no longer active, kept for their history) and the successors
   * did not exist.
   */
  reform?: { from: string; successors: Record<string, string[]> };
}

const DIFFICULTIES = [
  "Đường truyền Internet tại bộ phận một cửa thường xuyên chập chờn, ảnh hưởng tiếp nhận hồ sơ trực tuyến.",
  "Thiếu cán bộ chuyên trách CNTT; cán bộ hiện tại kiêm nhiệm nhiều việc.",
  "Máy tính tại bộ phận một cửa đã cũ, cấu hình thấp, chưa được thay thế.",
  "Người dân còn quen nộp hồ sơ trực tiếp, tỷ lệ nộp trực tuyến chưa cao.",
  "Phần mềm quản lý văn bản chưa liên thông đầy đủ với hệ thống của một số bộ, ngành.",
  "Kinh phí được giao chậm nên chưa triển khai được các gói thầu mua sắm thiết bị.",
];
const PROPOSALS = [
  "Đề nghị Sở Khoa học và Công nghệ hỗ trợ nâng cấp đường truyền số liệu chuyên dùng.",
  "Đề nghị tổ chức thêm lớp tập huấn kỹ năng sử dụng chữ ký số cho lãnh đạo và chuyên viên.",
  "Kiến nghị bổ sung kinh phí thay thế máy tính cho bộ phận tiếp nhận và trả kết quả.",
  "Đề nghị tỉnh sớm ban hành danh mục cơ sở dữ liệu dùng chung để các đơn vị kết nối.",
  "Đề nghị hướng dẫn thống nhất cách thống kê hồ sơ trực tuyến toàn trình và một phần.",
];
const BEHIND_REASONS = [
  "Chờ phê duyệt điều chỉnh dự toán gói thầu.",
  "Nhà thầu chậm bàn giao thiết bị do khan hiếm linh kiện.",
  "Thủ tục đấu thầu kéo dài hơn dự kiến.",
];

/** A small deterministic generator (mulberry32), so the demo looks the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hash = (s: string) => [...s].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0, 7);

function conditionHolds(q: Question, values: Record<string, unknown>): boolean {
  if (!q.when) return true;
  const v = values[q.when.key];
  if (q.when.equals !== undefined) return v === q.when.equals;
  return (q.when.in ?? []).includes(v as string);
}

/** One agency's answers for the month `step` (0 = oldest) of the series. */
function answersFor(def: TemplateDefinition, agencyCode: string, step: number, month: number, rand: () => number): Record<string, unknown> {
  const base = rng(hash(agencyCode));
  const scale = 0.4 + base() * 1.6; // agencies differ in size
  const skill = base(); // and in how far along they are
  const values: Record<string, unknown> = {};
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  // Questions that others are bounded by (lte) are generated first.
  const ordered = [...def.questions].sort((a, b) => (a.rules.length ? 1 : 0) - (b.rules.length ? 1 : 0));
  for (const q of ordered) {
    if (!conditionHolds(q, values)) continue;
    const bound = q.rules[0] ? (values[q.rules[0].lte] as number | undefined) : undefined;
    switch (q.type) {
      case "percent":
        values[q.key] = Math.min(100, Math.round(55 + 30 * skill + step * 1.2 + (rand() - 0.5) * 6));
        break;
      case "integer":
      case "decimal": {
        if (bound !== undefined) {
          const share = Math.min(0.95, 0.2 + 0.35 * skill + step * 0.02 + (rand() - 0.5) * 0.08);
          values[q.key] = Math.max(0, Math.round(bound * share));
          break;
        }
        const size = (q.key.includes("total") ? 800 : q.key.includes("service") ? 40 : q.key.includes("system") ? 6 : 8) * scale;
        const grows = q.key.includes("service") || q.key.includes("system");
        const v = grows ? size * (1 + step * 0.04) + rand() * 2 : size * (0.7 + rand() * 0.6);
        values[q.key] = Math.max(0, Math.round(v));
        break;
      }
      case "money": {
        const allocated = Math.round((0.5 + 4.5 * rng(hash(agencyCode + "budget"))()) * 1000) * 1_000_000;
        if (bound !== undefined) {
          const progress = Math.min(1, (month / 12) * (0.6 + 0.45 * skill) + (rand() - 0.5) * 0.05);
          values[q.key] = Math.max(0, Math.round((bound * progress) / 1_000_000) * 1_000_000);
        } else values[q.key] = allocated;
        break;
      }
      case "yes-no":
        values[q.key] = rand() < 0.6 + 0.35 * skill;
        break;
      case "single-choice": {
        const choices = q.choices ?? [];
        const r = rand();
        values[q.key] = r < 0.55 + 0.35 * skill ? choices[0]!.value : r < 0.93 ? (choices[1] ?? choices[0]!).value : pick(choices).value;
        break;
      }
      case "multi-choice":
        values[q.key] = (q.choices ?? []).filter(() => rand() < 0.5).map((c) => c.value);
        break;
      case "long-text":
      case "short-text":
        if (q.when) values[q.key] = pick(BEHIND_REASONS);
        else if (q.key.includes("propos") || q.key.includes("de_xuat")) {
          if (rand() < 0.3) values[q.key] = pick(PROPOSALS);
        } else if (rand() < 0.35) values[q.key] = pick(DIFFICULTIES);
        break;
      default:
        break;
    }
  }
  return values;
}

const numeric = (v: unknown) => (typeof v === "number" ? v : typeof v === "boolean" ? (v ? 1 : 0) : null);

/** Seeds the periods and reports; returns the period keys it filled. */
export async function seedPastReports(db: Db, o: PastReportsOptions): Promise<string[]> {
  const tv = await currentTemplateVersion(db, o.templateId);
  if (!tv || tv.definition.cadence !== "monthly") return [];
  const def = tv.definition;
  const required = await requiredAgencies(db, def);
  const keys: string[] = [];
  let key: string | undefined = periodContaining("monthly", o.today).periodKey;
  for (let i = 0; i < o.months; i++) {
    key = key ? previousPeriodKey("monthly", key) : undefined;
    if (key) keys.unshift(key);
  }
  const successors = new Set(Object.keys(o.reform?.successors ?? {}));
  const predecessorCodes = Object.values(o.reform?.successors ?? {}).flat();
  const predecessors = predecessorCodes.length ? await db.select().from(agencies).where(inArray(agencies.code, predecessorCodes)) : [];
  const before = [...required.filter((a) => !successors.has(a.code)), ...predecessors];
  const laggards = new Set([...required, ...predecessors].filter((_, i) => i % 9 === 4).map((a) => a.code));
  for (const [step, periodKey] of keys.entries()) {
    const reporting = o.reform && periodKey < o.reform.from ? before : required;
    const latest = step === keys.length - 1;
    const { period } = await openPeriod(db, { templateId: o.templateId, periodKey, now: o.now });
    if (period.deadlineOn < o.today && !latest) await db.update(periods).set({ status: "closed" }).where(eq(periods.id, period.id));
    const existing = new Set((await db.select({ a: submissions.agencyId }).from(submissions).where(eq(submissions.periodId, period.id))).map((r) => r.a));
    const month = Number(periodKey.slice(5, 7));
    for (const agency of reporting) {
      if (existing.has(agency.id)) continue;
      const rand = rng(hash(`${agency.code}:${periodKey}`));
      const r = rand();
      if (latest && o.missingInLatest?.includes(agency.code)) continue;
      if (r < (laggards.has(agency.code) ? 0.25 : 0.03)) continue;
      const late = rand() < (laggards.has(agency.code) ? 0.4 : 0.1);
      const day = late ? addDays(period.deadlineOn, 1 + Math.floor(rand() * 5)) : addDays(period.deadlineOn, -Math.floor(rand() * 3));
      const submittedAt = new Date(`${day}T0${2 + Math.floor(rand() * 7)}:${10 + Math.floor(rand() * 49)}:00Z`);
      const values = answersFor(def, agency.code, step, month, rand);
      // One spike to flag in the latest month, and one disbursement above its budget (confirmed by the reporter).
      if (latest && agency === required[1] && typeof values.dossiers_total === "number") values.dossiers_total = values.dossiers_total * 6;
      if (latest && agency === required[3] && typeof values.budget_allocated === "number") values.budget_disbursed = values.budget_allocated * 1.15;
      const [sub] = await db
        .insert(submissions)
        .values({
          periodId: period.id, agencyId: agency.id, templateVersionId: tv.id, status: "submitted",
          refNo: `${o.templateId.toUpperCase()}-${periodKey}-${agency.code}-1`, version: 1,
          submittedAt, firstSubmittedAt: submittedAt, onTime: !late, createdAt: submittedAt, updatedAt: submittedAt,
        })
        .onConflictDoNothing()
        .returning({ id: submissions.id });
      if (!sub) continue;
      const rows = Object.entries(values).map(([questionKey, value]) => ({
        submissionId: sub.id, questionKey, value, numValue: numeric(value), updatedAt: submittedAt,
      }));
      if (rows.length) await db.insert(answers).values(rows);
      await db.insert(submissionVersions).values({ submissionId: sub.id, version: 1, event: "submitted", answers: values, at: submittedAt });
    }
  }
  // Fresh statistics after a bulk load (PGlite has no autovacuum to do it).
  await queryRows(db, sql`analyze periods, submissions, answers`);
  // Reports filed in bulk, not through submit: their outlier baselines once now, not on the first summary.
  await fillOutlierBaselines(db, o.templateId);
  return keys;
}
