import { nearest } from "../templates/nearest-name.ts";
import { AGENCY_KINDS } from "./agencies.table.ts";

/** Kind codes are typed in templates, CSV files and /kinds: lower case, no spaces. */
export const KIND_CODE_PATTERN = /^[a-z][a-z0-9_-]{0,31}$/;

/** One kind as shown to people: its stored names, or none for a well-known kind named by the locales. */
export interface KindInfo {
  code: string;
  name?: { vi: string; en?: string | null };
  order: number;
  /** Stored in agency_kinds (else a well-known kind or one only agencies use). */
  stored: boolean;
}

/** Where a kind no row names stands: the well-known ones in their natural order, anything else last. */
const defaultOrder = (code: string) => {
  const i = (AGENCY_KINDS as readonly string[]).indexOf(code);
  return i === -1 ? 1000 : i;
};

/** The kinds of this deployment: names, summary order, and which codes templates and imports may use. */
export class KindCatalogue {
  private readonly byCode: Map<string, KindInfo>;

  constructor(stored: readonly { code: string; nameVi: string; nameEn: string | null; sortOrder: number }[], usedByAgencies: readonly string[] = []) {
    this.byCode = new Map();
    for (const code of [...AGENCY_KINDS, ...usedByAgencies]) this.byCode.set(code, { code, order: defaultOrder(code), stored: false });
    for (const k of stored) this.byCode.set(k.code, { code: k.code, name: { vi: k.nameVi, en: k.nameEn }, order: k.sortOrder, stored: true });
  }

  /** Every kind, in summary order. */
  list(): KindInfo[] {
    return [...this.byCode.values()].sort((a, b) => a.order - b.order || a.code.localeCompare(b.code));
  }

  has(code: string): boolean {
    return this.byCode.has(code);
  }

  order(code: string): number {
    return this.byCode.get(code)?.order ?? defaultOrder(code);
  }

  /** Items sorted by the summary order of their kind (stable otherwise). */
  sort<T>(items: readonly T[], kindOf: (item: T) => string): T[] {
    return [...items].sort((a, b) => this.order(kindOf(a)) - this.order(kindOf(b)));
  }

  /**
   * What is wrong with the kinds a template selects its agencies by: one line per kind this province does
   * not have, in the words of the other template checks (`agencies.kinds.0: unknown agency kind …`).
   */
  unknownKindProblems(selector: { mode: string; kinds?: readonly string[] }): string[] {
    if (selector.mode !== "kinds" || !selector.kinds) return [];
    const known = this.list().map((k) => k.code);
    return selector.kinds.flatMap((k, i) => {
      if (this.has(k)) return [];
      const near = nearest(k, known);
      return [`agencies.kinds.${i}: unknown agency kind ${JSON.stringify(k)}${near ? ` (did you mean "${near}"?)` : ""}; agency kinds are ${known.join(", ")}`];
    });
  }

  /** The next free place at the end, for a new kind. */
  nextOrder(): number {
    return Math.max(0, ...[...this.byCode.values()].filter((k) => k.order < 1000).map((k) => k.order + 1));
  }

  /**
   * The kind's name in `locale`: the stored name (English form, else Vietnamese), else the locale's name of a
   * well-known kind (`agency-kind-<code>` through `translate`), else the code itself.
   */
  label(code: string, locale: string, translate: (key: string) => string): string {
    const k = this.byCode.get(code);
    if (k?.name) return locale === "en" ? (k.name.en ?? k.name.vi) : k.name.vi;
    return (AGENCY_KINDS as readonly string[]).includes(code) ? translate(`agency-kind-${code}`) : code;
  }
}
