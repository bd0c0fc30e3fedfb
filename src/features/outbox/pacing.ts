/** Telegram's sending limits, as configured (OUTBOX_* variables). */
export interface PacingLimits {
  globalPerSecond: number;
  perChatPerSecond: number;
  groupPerMinute: number;
  /**
   * Share of each limit actually used (0 < headroom ≤ 1). Telegram counts arrivals, we count departures;
   * a little headroom keeps network jitter from squeezing 31 messages into somebody's one-second window.
   */
  headroom?: number;
}

export const DEFAULT_HEADROOM = 0.98;

/**
 * The pacing of one dispatcher: even spacing globally and per chat (no bursts, no catching up after a
 * stall), a sliding window of one minute for groups, and a global pause after a 429. Pure: times are
 * milliseconds passed in by the caller, so tests drive it with a manual clock.
 */
export class Pacer {
  private readonly globalGapMs: number;
  private readonly chatGapMs: number;
  private readonly groupPerMinute: number;
  private readonly catchUpMs: number;
  private nextGlobalAt = 0;
  private pausedUntil = 0;
  private readonly nextChatAt = new Map<number, number>();
  private readonly groupSends = new Map<number, number[]>();

  constructor(limits: PacingLimits) {
    const headroom = limits.headroom ?? DEFAULT_HEADROOM;
    if (!(headroom > 0 && headroom <= 1)) throw new RangeError("headroom must be in (0, 1]");
    this.globalGapMs = 1000 / (limits.globalPerSecond * headroom);
    this.chatGapMs = 1000 / (limits.perChatPerSecond * headroom);
    // The slack is how much longer than one second `limit` spaced sends take (20 ms at 30/s and 0.98).
    this.catchUpMs = Math.min(this.globalGapMs, (limits.globalPerSecond * this.globalGapMs - 1000) / 4);
    this.groupPerMinute = Math.max(1, Math.floor(limits.groupPerMinute * headroom));
  }

  /** When the whole dispatcher may send next (pauses included). */
  globalReadyAt(nowMs: number): number {
    return Math.max(nowMs, this.nextGlobalAt, this.pausedUntil);
  }

  /** When this chat alone may receive its next message (ignoring the global spacing). */
  chatReadyAt(chatId: number, nowMs: number): number {
    let at = Math.max(nowMs, this.nextChatAt.get(chatId) ?? 0);
    if (chatId < 0) {
      const recent = this.recentGroupSends(chatId, nowMs);
      if (recent.length >= this.groupPerMinute) at = Math.max(at, recent[recent.length - this.groupPerMinute]! + 60_000);
    }
    return at;
  }

  /** The earliest moment a message to this chat may leave. */
  readyAt(chatId: number, nowMs: number): number {
    return Math.max(this.globalReadyAt(nowMs), this.chatReadyAt(chatId, nowMs));
  }

  /** Records a send that leaves now; call only when `readyAt(chatId, now) <= now`. */
  commit(chatId: number, nowMs: number): void {
    // A timer that wakes a little late should not lower the rate: keep to the ideal schedule when the
    // delay is within a quarter of the headroom's slack, so no one-second window can exceed the limit.
    const late = nowMs - this.nextGlobalAt;
    this.nextGlobalAt = (late >= 0 && late < this.catchUpMs ? this.nextGlobalAt : nowMs) + this.globalGapMs;
    this.nextChatAt.set(chatId, nowMs + this.chatGapMs);
    if (chatId < 0) {
      const recent = this.recentGroupSends(chatId, nowMs);
      recent.push(nowMs);
      this.groupSends.set(chatId, recent);
    }
    if (this.nextChatAt.size > 50_000) this.prune(nowMs);
  }

  /** Telegram said 429: nothing leaves before `untilMs`. */
  pause(untilMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, untilMs);
  }

  /** Chats whose spacing has run out are forgotten, so memory stays bounded on long runs. */
  prune(nowMs: number): void {
    for (const [chat, at] of this.nextChatAt) if (at <= nowMs) this.nextChatAt.delete(chat);
    for (const [chat] of this.groupSends) if (this.recentGroupSends(chat, nowMs).length === 0) this.groupSends.delete(chat);
  }

  private recentGroupSends(chatId: number, nowMs: number): number[] {
    const all = this.groupSends.get(chatId) ?? [];
    const recent = all.filter((t) => t > nowMs - 60_000);
    if (recent.length !== all.length) this.groupSends.set(chatId, recent);
    return recent;
  }
}
