import type { CliCommand } from "../cli-command.ts";
import { holidaysCommand } from "./holidays.ts";
import { importAgenciesCommand } from "./import-agencies.ts";
import { inviteCommand } from "./invite.ts";
import { listAgenciesCommand } from "./list-agencies.ts";
import { listPeopleCommand } from "./list-people.ts";
import { delegateCommand } from "./delegate.ts";
import { importTemplateCommand } from "./import-template.ts";
import { exportTemplateCommand } from "./export-template.ts";
import { openPeriodCommand } from "./open-period.ts";
import { reopenPeriodCommand } from "./reopen-period.ts";
import { closePeriodCommand } from "./close-period.ts";
import { deactivateAgencyCommand, mergeAgenciesCommand, moveAgencyCommand, renameAgencyCommand } from "./reorganise-agencies.ts";
import { deactivatePersonCommand, reactivatePersonCommand, setRoleCommand } from "./people-lifecycle.ts";
import { organisationCommand } from "./organisation.ts";

/** Every operator command. Features add theirs here. */
export const cliCommands: CliCommand[] = [
  holidaysCommand,
  importAgenciesCommand,
  inviteCommand,
  listAgenciesCommand,
  listPeopleCommand,
  importTemplateCommand,
  exportTemplateCommand,
  openPeriodCommand,
  reopenPeriodCommand,
  closePeriodCommand,
  delegateCommand,
  deactivatePersonCommand,
  reactivatePersonCommand,
  setRoleCommand,
  renameAgencyCommand,
  moveAgencyCommand,
  deactivateAgencyCommand,
  mergeAgenciesCommand,
  organisationCommand,
];
