/**
 * A code for a new agency from its name: the initials of its words without diacritics, upper case, an
 * abbreviation kept whole ("UBND phường Trấn Biên" → "UBNDPTB"), with -2, -3… when taken. `taken` holds codes in
 * upper case.
 */
export function suggestAgencyCode(name: string, taken: ReadonlySet<string>): string {
  const plain = name.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "D");
  const words = plain.split(/[^A-Za-z0-9]+/).filter(Boolean);
  let base = words.map((w) => (/^[A-Z0-9]{2,}$/.test(w) ? w : w[0]!)).join("").toUpperCase().slice(0, 28);
  if (base.length < 2) base = (words[0] ?? "DV").toUpperCase().slice(0, 28) || "DV";
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}
