import type { Role } from "./people.table.ts";

/**
 * The buttons of /people and a person's card, as typed values. Encoded `pp:<verb>:<numbers…>` (well under
 * Telegram's 64 bytes); decoding refuses anything else, and every handler re-loads and re-checks what it names.
 */
export type PeopleButton =
  | { verb: "page"; page: number }
  | { verb: "card"; personId: number }
  | { verb: "deactivate"; personId: number }
  | { verb: "reason"; reason: DeactivationReason }
  | { verb: "reactivate"; personId: number }
  | { verb: "remove"; membershipId: number }
  | { verb: "change"; membershipId: number }
  /** The new role of a membership; roles that need an agency go on to the agency picker. */
  | { verb: "set-role"; membershipId: number; role: Role }
  /** A page of the agency picker for a membership that is to become `role` at the agency picked. */
  | { verb: "agencies"; membershipId: number; role: Role; page: number }
  | { verb: "set-agency"; membershipId: number; role: Role; agencyId: number };

export const DEACTIVATION_REASONS = ["retired", "transferred", "left"] as const;
export type DeactivationReason = (typeof DEACTIVATION_REASONS)[number];

const VERBS = {
  page: "pg",
  card: "c",
  deactivate: "d",
  reason: "rs",
  reactivate: "ra",
  remove: "rm",
  change: "ch",
  "set-role": "sr",
  agencies: "ag",
  "set-agency": "sa",
} as const satisfies Record<PeopleButton["verb"], string>;

const ROLE_CODE: Record<Role, string> = { admin: "a", coordinator: "c", leader: "l", reporter: "r" };
const CODE_ROLE = Object.fromEntries(Object.entries(ROLE_CODE).map(([r, c]) => [c, r])) as Record<string, Role>;

export const PEOPLE_PREFIX = "pp:";

export function encodePeopleButton(b: PeopleButton): string {
  const parts: (string | number)[] = [VERBS[b.verb]];
  switch (b.verb) {
    case "page":
      parts.push(b.page);
      break;
    case "card":
    case "deactivate":
    case "reactivate":
      parts.push(b.personId);
      break;
    case "reason":
      parts.push(DEACTIVATION_REASONS.indexOf(b.reason));
      break;
    case "remove":
    case "change":
      parts.push(b.membershipId);
      break;
    case "set-role":
      parts.push(b.membershipId, ROLE_CODE[b.role]);
      break;
    case "agencies":
      parts.push(b.membershipId, ROLE_CODE[b.role], b.page);
      break;
    case "set-agency":
      parts.push(b.membershipId, ROLE_CODE[b.role], b.agencyId);
      break;
  }
  return PEOPLE_PREFIX + parts.join(":");
}

const id = (s: string | undefined): number | undefined => (s !== undefined && /^\d{1,9}$/.test(s) ? Number(s) : undefined);

/** The button a callback data names, or undefined for anything forged, stale in format, or another feature's. */
export function decodePeopleButton(data: string): PeopleButton | undefined {
  if (!data.startsWith(PEOPLE_PREFIX)) return undefined;
  const [verb, a, b, c, ...rest] = data.slice(PEOPLE_PREFIX.length).split(":");
  if (rest.length > 0) return undefined;
  const n1 = id(a);
  const role = b === undefined ? undefined : CODE_ROLE[b];
  const n3 = id(c);
  const none = (...xs: (string | undefined)[]) => xs.every((x) => x === undefined);
  switch (verb) {
    case VERBS.page:
      return n1 !== undefined && none(b, c) ? { verb: "page", page: n1 } : undefined;
    case VERBS.card:
    case VERBS.deactivate:
    case VERBS.reactivate: {
      const v = verb === VERBS.card ? "card" : verb === VERBS.deactivate ? "deactivate" : "reactivate";
      return n1 !== undefined && none(b, c) ? { verb: v, personId: n1 } : undefined;
    }
    case VERBS.reason: {
      const reason = n1 === undefined ? undefined : DEACTIVATION_REASONS[n1];
      return reason && none(b, c) ? { verb: "reason", reason } : undefined;
    }
    case VERBS.remove:
    case VERBS.change:
      return n1 !== undefined && none(b, c) ? { verb: verb === VERBS.remove ? "remove" : "change", membershipId: n1 } : undefined;
    case VERBS["set-role"]:
      return n1 !== undefined && role && c === undefined ? { verb: "set-role", membershipId: n1, role } : undefined;
    case VERBS.agencies:
      return n1 !== undefined && role && n3 !== undefined ? { verb: "agencies", membershipId: n1, role, page: n3 } : undefined;
    case VERBS["set-agency"]:
      return n1 !== undefined && role && n3 !== undefined ? { verb: "set-agency", membershipId: n1, role, agencyId: n3 } : undefined;
    default:
      return undefined;
  }
}
