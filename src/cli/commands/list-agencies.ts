import { listAgencies } from "../../features/agencies/agencies.repository.ts";
import { orderAsTree } from "../../features/agencies/agency-tree.ts";
import { expectPositionals, parseFlags, type CliCommand } from "../cli-command.ts";

export const listAgenciesCommand: CliCommand = {
  name: "list-agencies",
  async run(args, ctx) {
    expectPositionals(parseFlags(args, []).positional, 0);
    const locale = ctx.config.DEFAULT_LOCALE;
    const tree = orderAsTree(await listAgencies(ctx.database.db));
    if (tree.length === 0) return ctx.out(ctx.t(locale, "admin-cli-agencies-empty"));
    for (const { agency: a, depth } of tree) {
      const inactive = a.active ? "" : ` ${ctx.t(locale, "admin-inactive-mark")}`;
      ctx.out(`${"  ".repeat(depth)}${a.code}\t${a.name}\t${a.kind}${inactive}`);
    }
  },
};
