import type { Db } from "../../db/client.ts";
import { inLocale } from "../../format/period-label.ts";
import { listCurrentTemplates, listTemplateVersions } from "../templates/templates.repository.ts";

/** The installed templates with their versions, as the chat's /templates lists them. */
export async function listTemplatesWithVersions(db: Db, locale: string) {
  const current = await listCurrentTemplates(db);
  return Promise.all(
    current.map(async (tv) => ({
      id: tv.templateId,
      title: inLocale(tv.definition.title, locale),
      cadence: tv.definition.cadence,
      currentVersion: tv.version,
      questions: tv.definition.questions.map((q) => ({ key: q.key, type: q.type, label: inLocale(q.label, locale), required: q.required !== false })),
      versions: ((await listTemplateVersions(db, tv.templateId)) ?? []).map((v) => ({
        id: v.id,
        version: v.version,
        createdAt: v.createdAt.toISOString(),
        questions: v.questions,
        current: v.current,
        periods: v.periodKeys,
      })),
    })),
  );
}
