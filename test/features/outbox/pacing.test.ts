import { describe, expect, it } from "vitest";
import { Pacer } from "../../../src/features/outbox/pacing.ts";
import { nextRowState, DEFAULT_RETRY_POLICY } from "../../../src/features/outbox/delivery-outcome.ts";

const limits = { globalPerSecond: 30, perChatPerSecond: 1, groupPerMinute: 20, headroom: 1 };

/** Sends as fast as the pacer allows, on a simulated clock; returns the send times. */
function simulate(pacer: Pacer, chats: number[], startMs = 0): number[] {
  let now = startMs;
  const times: number[] = [];
  for (const chat of chats) {
    now = pacer.readyAt(chat, now);
    pacer.commit(chat, now);
    times.push(now);
  }
  return times;
}

describe("pacing", () => {
  it("spaces sends to different chats by 1/30 s, so no one-second window holds more than 30", () => {
    const times = simulate(new Pacer(limits), Array.from({ length: 300 }, (_, i) => i + 1));
    for (let i = 30; i < times.length; i++) expect(times[i]! - times[i - 30]!).toBeGreaterThanOrEqual(1000 - 1e-6);
    expect(times.at(-1)).toBeCloseTo((299 * 1000) / 30, 3);
  });

  it("keeps headroom below the configured ceiling", () => {
    const times = simulate(new Pacer({ ...limits, headroom: 0.98 }), Array.from({ length: 31 }, (_, i) => i + 1));
    expect(times[30]! - times[0]!).toBeGreaterThan(1000);
  });

  it("sends at most one message per second to one chat", () => {
    const times = simulate(new Pacer(limits), [7, 7, 7]);
    expect(times).toEqual([0, 1000, 2000]);
  });

  it("lets other chats go while one chat waits", () => {
    const pacer = new Pacer(limits);
    pacer.commit(7, 0);
    expect(pacer.chatReadyAt(7, 20)).toBe(1000);
    expect(pacer.readyAt(8, 20)).toBeCloseTo(1000 / 30, 6);
    expect(pacer.readyAt(8, 40)).toBe(40);
  });

  it("allows 20 messages per minute to a group, then waits for the window", () => {
    const pacer = new Pacer({ ...limits, perChatPerSecond: 100 });
    const times = simulate(pacer, Array.from({ length: 21 }, () => -100));
    expect(times[20]! - times[0]!).toBeGreaterThanOrEqual(60_000);
    expect(times[19]! - times[0]!).toBeLessThan(60_000);
  });

  it("pauses everything after a 429 until retry_after has passed", () => {
    const pacer = new Pacer(limits);
    pacer.commit(1, 0);
    pacer.pause(5_000);
    expect(pacer.readyAt(2, 100)).toBe(5_000);
    expect(pacer.globalReadyAt(6_000)).toBe(6_000);
  });

  it("forgets chats whose spacing ran out", () => {
    const pacer = new Pacer(limits);
    pacer.commit(1, 0);
    pacer.prune(5_000);
    expect(pacer.chatReadyAt(1, 10)).toBe(10);
  });
});

describe("delivery outcome", () => {
  const now = new Date("2026-11-20T02:00:00Z");
  it("retries other errors with doubling backoff, then fails with the reason", () => {
    const first = nextRowState({ kind: "error", reason: "500: boom" }, 0, now, DEFAULT_RETRY_POLICY);
    expect(first).toMatchObject({ status: "pending", attempts: 1 });
    const second = nextRowState({ kind: "error", reason: "500: boom" }, 1, now, DEFAULT_RETRY_POLICY);
    if (first.status !== "pending" || second.status !== "pending") throw new Error("expected retries");
    expect(second.notBefore.getTime() - now.getTime()).toBe(2 * (first.notBefore.getTime() - now.getTime()));
    expect(nextRowState({ kind: "error", reason: "500: boom" }, 4, now, DEFAULT_RETRY_POLICY)).toEqual({
      status: "failed",
      attempts: 5,
      error: "500: boom",
    });
  });

  it("does not count a 429 as an attempt and waits retry_after", () => {
    const next = nextRowState({ kind: "rate-limited", retryAfterSeconds: 7 }, 2, now, DEFAULT_RETRY_POLICY);
    expect(next).toMatchObject({ status: "pending", attempts: 2, notBefore: new Date(now.getTime() + 7000) });
  });

  it("never retries a blocked recipient", () => {
    expect(nextRowState({ kind: "undeliverable", reason: "403: blocked" }, 0, now, DEFAULT_RETRY_POLICY).status).toBe("undeliverable");
  });
});
