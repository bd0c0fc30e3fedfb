import type { BotContext } from "./context.ts";
import { isKnown } from "./roles.ts";
import { unusableCharacter } from "./user-text.ts";

/**
 * The door for everything typed in chat: a message whose text or caption holds a character that cannot be
 * stored or shown (a NUL, another control character, half an emoji) is answered once, clearly, and goes no
 * further, so no feature, conversation log (jsonb) or chart ever meets it. Button data only comes from our
 * own buttons; forged data with such a character is an expired button.
 */
export async function refuseUnusableInput(ctx: BotContext, next: () => Promise<void>): Promise<void> {
  // Someone without a role still gets only the access gate's one sentence.
  if (!isKnown(ctx.viewer)) return next();
  const msg = ctx.message ?? ctx.editedMessage;
  const typed = msg ? [msg.text, msg.caption, msg.document?.file_name].filter((t): t is string => t !== undefined) : [];
  const character = typed.map((t) => unusableCharacter(t)).find((c) => c !== undefined);
  if (character) {
    if (ctx.message) await ctx.reply(ctx.t("input-unusable-characters", { character }));
    return;
  }
  const data = ctx.callbackQuery?.data;
  if (data !== undefined && unusableCharacter(data)) {
    await ctx.answerCallbackQuery({ text: ctx.t("button-expired") });
    return;
  }
  await next();
}
