import type { CliCommand } from "../cli-command.ts";
import { holidaysCommand } from "./holidays.ts";
import { importAgenciesCommand } from "./import-agencies.ts";
import { inviteCommand } from "./invite.ts";
import { listAgenciesCommand } from "./list-agencies.ts";
import { listPeopleCommand } from "./list-people.ts";

/** Every operator command. Features add theirs here. */
export const cliCommands: CliCommand[] = [
  holidaysCommand,
  importAgenciesCommand,
  inviteCommand,
  listAgenciesCommand,
  listPeopleCommand,
];
