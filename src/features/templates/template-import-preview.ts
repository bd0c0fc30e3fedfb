import { clip } from "../../bot/telegram-limits.ts";
import type { TemplateDefinition } from "./template-definition.ts";
import { canonicalJson } from "./templates.repository.ts";

type T = (key: string, args?: Record<string, string | number>) => string;

/** How much of a question's label the import preview shows: the key names it, the label reminds. */
const LABEL_SHOWN = 50;

/**
 * What importing a template file would store, before anything is: the title and the version it would become,
 * each question by its key and type (marked new or changed against the version that applies now), and the
 * questions it would drop.
 */
export function importPreviewLines(t: T, locale: "vi" | "en", def: TemplateDefinition, current?: { version: number; definition: TemplateDefinition }): string[] {
  const title = def.title[locale];
  const lines = [
    current
      ? t("tpl-upload-preview-new-version", { title, version: current.version + 1, current: current.version })
      : t("tpl-upload-preview-new-template", { title }),
    t("tpl-upload-preview-questions", { count: def.questions.length }),
  ];
  const before = new Map((current?.definition.questions ?? []).map((q) => [q.key, canonicalJson(q)]));
  def.questions.forEach((q, i) => {
    const was = before.get(q.key);
    const mark = !current ? "" : was === undefined ? ` ${t("tpl-upload-preview-added")}` : was !== canonicalJson(q) ? ` ${t("tpl-upload-preview-changed")}` : "";
    lines.push(`${i + 1}. ${q.key} — ${t(`tpl-qtype-${q.type}`)}: ${clip(q.label[locale], LABEL_SHOWN)}${mark}`);
  });
  const kept = new Set(def.questions.map((q) => q.key));
  const dropped = [...before.keys()].filter((k) => !kept.has(k));
  if (dropped.length) lines.push(t("tpl-upload-preview-dropped", { keys: dropped.join(", ") }));
  lines.push("", t("tpl-upload-preview-ask"));
  return lines;
}
