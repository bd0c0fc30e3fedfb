import type { CliCommand } from "../cli-command.ts";

/** Every operator command. Features add theirs here. */
export const cliCommands: CliCommand[] = [];
