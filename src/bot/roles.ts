import type { Membership, Role } from "../features/people/people.table.ts";
import type { Viewer } from "./context.ts";

/** Admin holds every role. */
export function hasRole(viewer: Viewer, ...roles: Role[]): boolean {
  if (!viewer.person?.active) return false;
  return viewer.memberships.some((m) => m.role === "admin" || roles.includes(m.role));
}

/**
 * Why the access gate turns this person away, or null when it lets them in: "deactivated" for someone a
 * coordinator deactivated (whatever roles they still hold), "none" for a stranger or someone without a role.
 */
export function accessRefusal(viewer: Viewer): "none" | "deactivated" | null {
  if (viewer.person && !viewer.person.active) return "deactivated";
  return isKnown(viewer) ? null : "none";
}

export function isKnown(viewer: Viewer): boolean {
  return Boolean(viewer.person?.active && viewer.memberships.length > 0);
}

export function membershipsOf(viewer: Viewer, role: Role): Membership[] {
  return viewer.person?.active ? viewer.memberships.filter((m) => m.role === role) : [];
}

/** A province-wide view: admin, coordinator, or a leader without an agency scope. */
export function seesWholeProvince(viewer: Viewer): boolean {
  return hasRole(viewer, "coordinator") || membershipsOf(viewer, "leader").some((m) => m.agencyId === null);
}
