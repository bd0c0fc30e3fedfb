import type { BaseContext } from "./context.ts";

/** The text above a cut list of buttons, with a line saying how many were left out (none: the text as it is). */
export function withHidden(ctx: Pick<BaseContext, "t">, text: string, hidden: number): string {
  return hidden > 0 ? `${text}\n${ctx.t("buttons-hidden", { count: hidden })}` : text;
}
