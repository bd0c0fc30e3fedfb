import type { Clock } from "../../config/clock.ts";
import type { Logger } from "../../config/logger.ts";
import type { Db } from "../../db/client.ts";
import { isDatabaseUnavailable } from "../../db/db-errors.ts";
import { DEFAULT_RETRY_POLICY, nextRowState, type RetryPolicy, type SendFn, type SendResult } from "./delivery-outcome.ts";
import { claimDueRows, releaseRows, settleRow, type ClaimedRow } from "./outbox.repository.ts";
import { Pacer, type PacingLimits } from "./pacing.ts";

export interface OutboxDispatcherOptions {
  db: Db;
  clock: Clock;
  send: SendFn;
  /** Waits for pacing; tests inject one that advances a ManualClock instead of sleeping. */
  sleep?: (ms: number) => Promise<void>;
  limits: PacingLimits;
  logger: Logger;
  /** Written to claimed_by, so a row's claim can be traced to the process that made it. */
  instanceId: string;
  /** A row stuck in `sending` longer than this is assumed lost with its process and is sent again. */
  leaseMs?: number;
  batchSize?: number;
  /** Sends awaiting Telegram's answer at once (Telegram's latency, not our pacing, limits a single lane). */
  maxInFlight?: number;
  /** Pause between looks at the queue when nothing is due. */
  idlePollMs?: number;
  /** A claimed row that would have to wait longer than this goes back to the queue instead. */
  maxHoldMs?: number;
  retry?: RetryPolicy;
  /**
   * Runs `fn` while this instance is the one that sends (e.g. a PostgreSQL advisory lock), or returns
   * undefined at once when another instance is. One sender keeps Telegram's global limit one budget.
   * `lost` is aborted when the leadership ends under `fn` (the lock's database session ended).
   */
  leadership?: <T>(fn: (lost: AbortSignal) => Promise<T>) => Promise<T | undefined>;
  /** Wait between attempts to become the sender. */
  standbyPollMs?: number;
  /** Called after each look at the queue, e.g. to refresh broadcast progress messages. Errors are logged. */
  afterCycle?: () => Promise<void>;
}

export interface DrainStats {
  sent: number;
  retried: number;
  rateLimited: number;
  failed: number;
  undeliverable: number;
  /** Claimed rows handed back unsent because their chat or the whole dispatcher had to wait. */
  released: number;
}

export interface OutboxDispatcher {
  /** Sends everything due now (and what becomes due while pacing waits), then returns. */
  drainOnce(): Promise<DrainStats>;
  /** Runs the loop in the background until `stop()`. */
  start(): void;
  /** Stops claiming, hands unsent claimed rows back, and waits for the sends in flight to be recorded. */
  stop(): Promise<void>;
  readonly stats: DrainStats;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The one sender of bulk messages. Claims due rows, paces them under Telegram's limits, sends them,
 * and records each verdict. At-least-once: only a row that was sent but not yet recorded when its
 * process died is sent again, after the lease.
 */
export function createOutboxDispatcher(opts: OutboxDispatcherOptions): OutboxDispatcher {
  const sleep = opts.sleep ?? realSleep;
  const leaseMs = opts.leaseMs ?? 60_000;
  const batchSize = opts.batchSize ?? Math.max(10, Math.ceil(opts.limits.globalPerSecond * 2));
  const maxInFlight = opts.maxInFlight ?? 16;
  const idlePollMs = opts.idlePollMs ?? 1_000;
  const maxHoldMs = opts.maxHoldMs ?? 2_000;
  const retry = opts.retry ?? DEFAULT_RETRY_POLICY;
  const log = opts.logger.child({ component: "outbox", instance: opts.instanceId });
  const pacer = new Pacer(opts.limits);
  const inFlight = new Set<Promise<void>>();
  const stats: DrainStats = { sent: 0, retried: 0, rateLimited: 0, failed: 0, undeliverable: 0, released: 0 };

  let stopping = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  const stopSignal = () => new Promise<void>((resolve) => (wake = resolve));
  const idle = (ms: number) => Promise.race([sleep(ms), stopSignal()]);
  /** Set while leading: aborted when the leadership is lost, so no more is claimed. */
  let leading: AbortSignal | undefined;
  // What happened while the database could not be written: verdicts of sends that went out, and claimed rows
  // that were not sent. Written as soon as it answers again, so a database outage repeats and delays nothing.
  const unrecorded: Array<{ id: number; update: ReturnType<typeof nextRowState>; at: Date }> = [];
  const unsent: ClaimedRow[] = [];
  let databaseDown = false;
  /** Clock times of this instance's last failed database access and of the start of its current term as sender. */
  let databaseFailedAt = Number.NEGATIVE_INFINITY;
  let leadingSince = Number.NEGATIVE_INFINITY;
  const failed = (err: unknown) => {
    if (isDatabaseUnavailable(err)) databaseFailedAt = nowMs();
  };
  const nowMs = () => opts.clock.now().getTime();

  async function sendOne(row: ClaimedRow): Promise<void> {
    let result: SendResult;
    try {
      result = await opts.send(row.payload, row.chatId);
    } catch (err) {
      result = { kind: "error", reason: err instanceof Error ? err.message : String(err) };
    }
    const now = opts.clock.now();
    if (result.kind === "rate-limited") {
      pacer.pause(now.getTime() + Math.max(1, result.retryAfterSeconds) * 1000);
      log.warn({ retryAfter: result.retryAfterSeconds, chat: row.chatId }, "telegram rate limit: pausing");
    }
    const update = nextRowState(result, row.attempts, now, retry);
    if (update.status === "sent") stats.sent++;
    else if (update.status === "failed") stats.failed++;
    else if (update.status === "undeliverable") stats.undeliverable++;
    else if (result.kind === "rate-limited") stats.rateLimited++;
    else stats.retried++;
    if (update.status !== "sent") log.info({ id: row.id, kind: row.kind, outcome: update.status, error: update.error }, "outbox send not delivered");
    try {
      await settleRow(opts.db, row.id, opts.instanceId, update, now);
    } catch (err) {
      if (!isDatabaseUnavailable(err)) throw err;
      failed(err);
      databaseDown = true;
      unrecorded.push({ id: row.id, update, at: now });
      keepCatchingUp();
    }
  }

  const behind = () => unrecorded.length > 0 || unsent.length > 0;
  let catchingUp: Promise<void> | undefined;
  /** Writes what could not be written while the database was away; throws (keeping the rest) while it still is. */
  function catchUp(): Promise<void> {
    catchingUp ??= writeBehind().finally(() => (catchingUp = undefined));
    return catchingUp;
  }

  let retrying = false;
  /**
   * Tries to catch up every second until it succeeds, whatever else this instance is doing (waiting for the
   * leadership can take long): until then, other instances leave these rows alone for only a lease.
   */
  function keepCatchingUp(): void {
    if (retrying) return;
    retrying = true;
    void (async () => {
      while (behind() && !stopping) {
        try {
          await catchUp();
        } catch (err) {
          failed(err);
          await realSleep(1_000); // real time even under a test's clock: the database is what it waits for
        }
      }
    })().finally(() => (retrying = false));
  }

  async function writeBehind(): Promise<void> {
    while (unrecorded.length > 0) {
      const { id, update, at } = unrecorded[0]!;
      await settleRow(opts.db, id, opts.instanceId, update, at);
      unrecorded.shift();
    }
    if (unsent.length > 0) {
      await releaseRows(opts.db, unsent.map((r) => r.id), opts.instanceId, opts.clock.now());
      unsent.length = 0;
    }
    if (databaseDown) log.info("outbox caught up after the database came back");
    databaseDown = false;
  }

  async function release(rows: ClaimedRow[], notBeforeMs: number): Promise<void> {
    if (rows.length === 0) return;
    stats.released += rows.length;
    await releaseRows(opts.db, rows.map((r) => r.id), opts.instanceId, new Date(notBeforeMs));
  }

  /**
   * Sends a claimed batch under the pacing, in id order except that a row whose chat must still wait
   * lets later rows to other chats go first. Returns when every send has started.
   */
  async function sendBatch(rows: ClaimedRow[]): Promise<void> {
    const queue = [...rows];
    while (queue.length > 0) {
      if (stopping) return release(queue, nowMs());
      // Sends whose verdict cannot be recorded would be repeated after a crash: keep the rest for later.
      if (databaseDown) {
        unsent.push(...queue);
        return keepCatchingUp();
      }
      while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
      const now = nowMs();
      const globalAt = pacer.globalReadyAt(now);
      if (globalAt - now > maxHoldMs) return release(queue, globalAt); // paused after a 429
      let pick = -1;
      let soonest = Infinity;
      for (let k = 0; k < queue.length && pick < 0; k++) {
        const at = pacer.chatReadyAt(queue[k]!.chatId, now);
        if (at <= globalAt) pick = k;
        else soonest = Math.min(soonest, at);
      }
      if (pick < 0) {
        // Every remaining chat must wait: hand back those that would wait too long, sleep for the rest.
        for (const row of [...queue]) {
          const at = pacer.chatReadyAt(row.chatId, now);
          if (at - now > maxHoldMs) {
            queue.splice(queue.indexOf(row), 1);
            await release([row], at);
          }
        }
        if (queue.length > 0) await sleep(Math.max(1, Math.ceil(soonest - now)));
        continue;
      }
      if (globalAt > now) {
        await sleep(Math.ceil(globalAt - now));
        continue; // look again: a 429 may have paused everything meanwhile
      }
      const [row] = queue.splice(pick, 1) as [ClaimedRow];
      pacer.commit(row.chatId, now);
      const p: Promise<void> = sendOne(row)
        .catch((err: unknown) => log.error({ err, id: row.id }, "could not record an outbox send"))
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
  }

  async function claim(): Promise<ClaimedRow[]> {
    if (stopping || leading?.aborted || pacer.globalReadyAt(nowMs()) - nowMs() > maxHoldMs) return []; // paused after a 429: claim nothing
    // Within a lease of a database outage or of becoming the sender, claims of other instances are left alone even
    // if older than the lease: the previous sender, if alive, records what it sent during an outage as soon as it
    // can, and taking its rows first would send them twice. So an outage longer than the lease repeats nothing
    // either; the rows of a dead instance wait up to a lease after the takeover.
    const quietFor = nowMs() - Math.max(databaseFailedAt, leadingSince);
    return claimDueRows(opts.db, opts.clock.now(), opts.instanceId, batchSize, quietFor < leaseMs ? nowMs() : leaseMs);
  }

  /**
   * Claims and sends until nothing more is due; returns how many rows were claimed. The next batch
   * is claimed while the current one is being sent, so the claim never leaves a gap in the pacing.
   */
  async function cycle(): Promise<number> {
    await catchUp();
    let total = 0;
    let next = claim();
    for (;;) {
      const rows = await next;
      if (rows.length === 0) return total;
      total += rows.length;
      next = rows.length === batchSize ? claim() : Promise.resolve([]);
      next.catch(() => undefined); // awaited below; this only keeps a failed prefetch from counting as unhandled
      await sendBatch(rows);
      if (databaseDown) {
        void next.then(
          (more) => {
            unsent.push(...more);
            keepCatchingUp();
          },
          () => undefined,
        );
        throw new Error("the database stopped answering while sends were being recorded");
      }
      if (stopping) {
        await release(await next, nowMs());
        return total;
      }
    }
  }

  async function afterCycle(): Promise<void> {
    try {
      await opts.afterCycle?.();
    } catch (err) {
      log.warn({ err }, "after-cycle hook failed");
    }
  }

  async function drainOnce(): Promise<DrainStats> {
    const before = { ...stats };
    while (!stopping && (await cycle()) > 0);
    while (inFlight.size > 0) await Promise.all(inFlight);
    // Sends settled after the last claim may have freed rows that are due (a 429 whose wait already passed).
    if (!stopping && (await cycle()) > 0) await drainOnce();
    while (inFlight.size > 0) await Promise.all(inFlight);
    await afterCycle();
    return Object.fromEntries(Object.entries(stats).map(([k, v]) => [k, v - before[k as keyof DrainStats]])) as unknown as DrainStats;
  }

  /** Sending while this instance holds the leadership; returns on stop, on losing it or on a database error. */
  async function term(lost?: AbortSignal): Promise<void> {
    leading = lost;
    if (lost) leadingSince = nowMs();
    const lostSignal = new Promise<void>((resolve) => lost?.addEventListener("abort", () => resolve(), { once: true }));
    try {
      await leadTerm(lost, lostSignal);
    } finally {
      leading = undefined;
    }
    if (lost?.aborted) log.warn("outbox leadership lost (its database session ended); standing by");
  }

  async function leadTerm(lost: AbortSignal | undefined, lostSignal: Promise<void>): Promise<void> {
    const pause = (ms: number) => Promise.race([idle(ms), lostSignal]);
    while (!stopping && !lost?.aborted) {
      let claimed: number;
      try {
        claimed = await cycle();
      } catch (err) {
        failed(err);
        log.error({ err }, "outbox cycle failed; stepping back");
        await pause(idlePollMs * 5);
        return;
      }
      await afterCycle();
      if (claimed === 0) {
        const pausedFor = pacer.globalReadyAt(nowMs()) - nowMs();
        await pause(Math.max(idlePollMs, pausedFor));
      }
    }
  }

  async function run(): Promise<void> {
    log.info("outbox dispatcher started");
    while (!stopping) {
      if (!opts.leadership) {
        await term();
        continue;
      }
      let led: true | undefined;
      try {
        led = await opts.leadership(async (lost) => {
          log.info("outbox leadership taken: this instance sends");
          await term(lost);
          return true as const;
        });
      } catch (err) {
        failed(err);
        log.error({ err }, "outbox leadership failed");
      }
      if (!led && !stopping) await idle(opts.standbyPollMs ?? 5_000);
    }
    while (inFlight.size > 0) await Promise.all(inFlight);
    log.info("outbox dispatcher stopped");
  }

  return {
    drainOnce,
    stats,
    start() {
      if (loop) return;
      stopping = false;
      loop = run().finally(() => (loop = undefined));
    },
    async stop() {
      stopping = true;
      wake?.();
      await loop;
      while (inFlight.size > 0) await Promise.all(inFlight);
    },
  };
}
