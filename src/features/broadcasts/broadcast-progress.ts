import type { Translate } from "../../bot/i18n.ts";
import type { Clock } from "../../config/clock.ts";
import type { Db } from "../../db/client.ts";
import { broadcastFigures, broadcastsWithProgress, type BroadcastFigures } from "./broadcasts.repository.ts";

/** The coordinator's progress line: sent, failed and acknowledged out of N. */
export function progressText(t: Translate, locale: string, b: { id: number; requireAck: boolean }, f: BroadcastFigures): string {
  const key = f.pending > 0 ? "broadcast-progress-sending" : "broadcast-progress-done";
  const lines = [t(locale, key, { id: String(b.id) }), t(locale, "broadcast-progress-sent", { sent: f.sent, total: f.total })];
  lines.push(t(locale, "broadcast-progress-failed", { failed: f.failed }));
  if (f.pending > 0) lines.push(t(locale, "broadcast-progress-pending", { pending: f.pending }));
  if (b.requireAck) lines.push(t(locale, "broadcast-progress-acked", { acked: f.acked, sent: f.sent }));
  return lines.join("\n");
}

export interface BroadcastProgressOptions {
  db: Db;
  clock: Clock;
  t: Translate;
  defaultLocale: string;
  /** editMessageText of the progress message; "message is not modified" may be thrown and is ignored. */
  edit(chatId: number, messageId: number, text: string): Promise<void>;
  /** One edit per broadcast at most this often, except the last one when delivery ends. */
  minIntervalMs?: number;
  /** Broadcasts older than this are no longer followed (acknowledgements still show in /broadcasts). */
  followForMs?: number;
  onError?(err: unknown, broadcastId: number): void;
}

/**
 * Keeps each recent broadcast's progress message up to date. Called after every dispatcher cycle;
 * throttled per broadcast, and it only edits when the figures changed. The memory of what was shown
 * is per process: after a restart each followed message is edited once more at most.
 */
export function createBroadcastProgress(opts: BroadcastProgressOptions): () => Promise<void> {
  const minIntervalMs = opts.minIntervalMs ?? 5_000;
  const followForMs = opts.followForMs ?? 3 * 24 * 3600_000;
  const shown = new Map<number, { text: string; at: number; done: boolean }>();
  let lastQueryAt = -Infinity;

  return async function refreshProgress(): Promise<void> {
    const now = opts.clock.now().getTime();
    // The figures query is cheap but runs after every cycle; once a second is plenty.
    if (now - lastQueryAt < 1_000) return;
    lastQueryAt = now;
    const list = await broadcastsWithProgress(opts.db, new Date(now - followForMs));
    if (list.length === 0) return;
    const figures = await broadcastFigures(opts.db, list.map((b) => b.id));
    for (const b of list) {
      const f = figures.get(b.id)!;
      const text = progressText(opts.t, b.senderLocale ?? opts.defaultLocale, b, f);
      const before = shown.get(b.id);
      if (before?.text === text) continue;
      const done = f.pending === 0;
      if (before && now - before.at < minIntervalMs && !(done && !before.done)) continue;
      try {
        await opts.edit(b.progressChatId!, b.progressMessageId!, text);
      } catch (err) {
        // A deleted progress message must not stop the others; the next change tries again.
        if (!String(err).includes("not modified")) opts.onError?.(err, b.id);
      }
      shown.set(b.id, { text, at: now, done });
    }
  };
}
