import { DEFAULT_REPORTER, type Persona } from "./demo-province.ts";

export type PersonaLookup = { found: Persona } | { ambiguous: Persona[] } | { unknown: true };

const norm = (s: string) => s.normalize("NFC").trim().toLowerCase();

/**
 * What `:as` understands: a persona key or alias (`admin`, `coordinator`, `dieuphoi`),
 * `reporter` alone (the default IT lead), `reporter <CODE>`, an agency code (`SO-KHCN`, `so-khcn`),
 * or a unique part of one (`bienhoa`).
 */
export function lookupPersona(personas: Persona[], query: string): PersonaLookup {
  const words = norm(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return { unknown: true };
  const reporterWords = new Set(["reporter", "it", "canbo", "cán-bộ"]);
  const isReporterWord = reporterWords.has(words[0]!);
  if (isReporterWord && words.length === 1) return lookupPersona(personas, DEFAULT_REPORTER);
  const term = (isReporterWord ? words.slice(1) : words).join(" ");
  const pool = isReporterWord ? personas.filter((p) => p.kind === "reporter") : personas;

  const exact = pool.filter((p) => norm(p.key) === term || p.aliases.some((a) => norm(a) === term));
  if (exact.length === 1) return { found: exact[0]! };
  const partial = pool.filter((p) => norm(p.key).includes(term));
  if (partial.length === 1) return { found: partial[0]! };
  if (partial.length > 1) return { ambiguous: partial };
  return { unknown: true };
}
