import { z } from "zod";

/** A name in Vietnamese, with its English form when one is given (English readers see the Vietnamese otherwise). */
export const namedSchema = z.strictObject({ vi: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200).optional() });
export type Named = z.infer<typeof namedSchema>;

const NUMBER_PREFIX = /^[\p{L}\p{N}&./_-]{1,40}$/u;

/**
 * Who runs this deployment: the province, the coordinating department and the body it reports to. Set by an
 * admin (chat or CLI), field by field, and used by every message and the DOCX; no locale names any of them.
 * A field not set yet reads as generic words ("cơ quan điều phối").
 */
export const organisationSchema = z.strictObject({
  /** The place, as in "Đồng Nai, ngày … tháng … năm …". */
  province: namedSchema.optional(),
  /** The coordinating department, e.g. "Sở Khoa học và Công nghệ". */
  coordinator: namedSchema.optional(),
  /** Its short name, e.g. "Sở KH&CN". */
  coordinatorShort: namedSchema.optional(),
  /** The issuer line of its documents; the coordinator's name in capitals when not given. */
  senderLine: namedSchema.optional(),
  /** What follows the number of its reports: "Số: …/BC-SKHCN". */
  numberPrefix: z.string().trim().regex(NUMBER_PREFIX).optional(),
  /** The body it reports to, e.g. "UBND tỉnh Đồng Nai". */
  reportsTo: namedSchema.optional(),
});
export type Organisation = z.infer<typeof organisationSchema>;

/** The fields an admin edits one by one, as typed after /organisation and as CLI options. */
export const ORGANISATION_FIELDS = ["province", "coordinator", "short", "sender", "prefix", "reports-to"] as const;
export type OrganisationField = (typeof ORGANISATION_FIELDS)[number];

const FIELD_PROPERTY = {
  province: "province",
  coordinator: "coordinator",
  short: "coordinatorShort",
  sender: "senderLine",
  prefix: "numberPrefix",
  "reports-to": "reportsTo",
} as const satisfies Record<OrganisationField, keyof Organisation>;

/** The fields a first set-up must give (the sender line has a default). */
export const REQUIRED_FIELDS: readonly OrganisationField[] = ORGANISATION_FIELDS.filter((f) => f !== "sender");

/** "Sở Khoa học và Công nghệ | Department of Science and Technology" → both forms; no bar → Vietnamese only. */
export function parseNamed(text: string): Named | undefined {
  const bar = text.indexOf("|");
  const vi = (bar === -1 ? text : text.slice(0, bar)).trim();
  const en = bar === -1 ? "" : text.slice(bar + 1).trim();
  const parsed = namedSchema.safeParse(en ? { vi, en } : { vi });
  return parsed.success ? parsed.data : undefined;
}

/** The organisation with one field changed; undefined when the value is not acceptable for the field. */
export function withField(org: Organisation, field: OrganisationField, text: string): Organisation | undefined {
  const prop = FIELD_PROPERTY[field];
  if (prop === "numberPrefix") {
    const prefix = text.trim();
    return NUMBER_PREFIX.test(prefix) ? { ...org, numberPrefix: prefix } : undefined;
  }
  const named = parseNamed(text);
  return named ? { ...org, [prop]: named } : undefined;
}

/** The fields not set yet (the set-up is done when none is left). */
export function missingFields(org: Organisation | undefined): OrganisationField[] {
  return REQUIRED_FIELDS.filter((f) => org?.[FIELD_PROPERTY[f]] === undefined);
}

/** The value of a field as typed ("vi | en"), for showing the settings. */
export function fieldText(org: Organisation | undefined, field: OrganisationField): string | undefined {
  const v = org?.[FIELD_PROPERTY[field]];
  if (v === undefined) return undefined;
  if (typeof v === "string") return v;
  return v.en ? `${v.vi} | ${v.en}` : v.vi;
}

/**
 * The placeables every message may use. The Vietnamese files use `$org…`, the English ones `$org…En` (the
 * English form, else the Vietnamese one), so one set of arguments serves both languages. `unset` gives the
 * generic words shown before the set-up ("cơ quan điều phối").
 */
export function organisationArgs(org: Organisation | undefined, unset: (locale: "vi" | "en", field: string) => string): Record<string, string> {
  const pair = (name: string, n: Named | undefined, field: string) => ({
    [name]: n?.vi ?? unset("vi", field),
    [`${name}En`]: n?.en ?? n?.vi ?? unset("en", field),
  });
  const upper = (n: Named | undefined): Named | undefined =>
    n && { vi: n.vi.toLocaleUpperCase("vi"), ...(n.en ? { en: n.en.toLocaleUpperCase("en") } : {}) };
  const sender = org?.senderLine ?? upper(org?.coordinator);
  const governing = upper(org?.reportsTo);
  return {
    ...pair("orgProvince", org?.province, "province"),
    ...pair("orgCoordinator", org?.coordinator, "coordinator"),
    ...pair("orgCoordinatorShort", org?.coordinatorShort ?? org?.coordinator, "coordinator"),
    ...pair("orgSender", sender, "sender"),
    ...pair("orgGoverning", governing, "governing"),
    ...pair("orgReportsTo", org?.reportsTo, "reports-to"),
    orgNumberPrefix: org?.numberPrefix ?? "…",
    orgNumberPrefixEn: org?.numberPrefix ?? "…",
  };
}
