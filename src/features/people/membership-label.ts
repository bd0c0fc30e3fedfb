import type { Translate } from "../../bot/i18n.ts";
import type { Membership } from "./people.table.ts";

/** "Reporter — Department of Health (SO-YT)", "Province leader", in the reader's language. */
export function membershipLabel(
  m: Pick<Membership, "role" | "agencyId">,
  agency: { code: string; name: string } | null | undefined,
  t: Translate,
  locale: string,
): string {
  const key =
    m.role === "leader" ? (m.agencyId === null ? "onboarding-role-leader-province" : "onboarding-role-leader-agency") : `onboarding-role-${m.role}`;
  const role = t(locale, key);
  return agency ? t(locale, "onboarding-role-in-agency", { role, agency: agency.name, code: agency.code }) : role;
}
