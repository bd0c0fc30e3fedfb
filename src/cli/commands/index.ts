import type { CliCommand } from "../cli-command.ts";
import { holidaysCommand } from "./holidays.ts";

/** Every operator command. Features add theirs here. */
export const cliCommands: CliCommand[] = [
  holidaysCommand,
];
