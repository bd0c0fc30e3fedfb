import type { Logger } from "./logger.ts";

/** Closes what was opened, last opened first: runner, then background jobs, then the database. */
export class ShutdownRegistry {
  private readonly steps: { name: string; close: () => Promise<void> | void }[] = [];
  private running: Promise<void> | undefined;
  private readonly stopping = new AbortController();
  /** Aborted when shutdown begins, for work that would otherwise keep waiting (start-up retries). */
  readonly signal = this.stopping.signal;

  constructor(private readonly logger: Logger) {}

  register(name: string, close: () => Promise<void> | void): void {
    this.steps.push({ name, close });
  }

  shutdown(reason: string): Promise<void> {
    this.running ??= (async () => {
      this.stopping.abort();
      this.logger.info({ reason }, "shutting down");
      for (const step of [...this.steps].reverse()) {
        try {
          await step.close();
          this.logger.info({ step: step.name }, "closed");
        } catch (err) {
          this.logger.error({ err, step: step.name }, "close failed");
        }
      }
    })();
    return this.running;
  }

  /** SIGINT/SIGTERM shut down cleanly; a hard deadline stops a stuck shutdown. */
  installSignalHandlers(deadlineMs = 10_000): void {
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      process.once(signal, () => {
        setTimeout(() => process.exit(1), deadlineMs).unref();
        void this.shutdown(signal).then(() => process.exit(0));
      });
    }
  }
}
