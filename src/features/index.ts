import type { Feature } from "../bot/features.ts";

/** Every feature of the bot, in the order their composers run. */
export function allFeatures(): Feature[] {
  return [];
}
