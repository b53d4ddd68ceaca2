import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';

/**
 * The schedule shared by the API's reconcilers: a pass every `intervalMs` (0: only when
 * called), at most one pass at a time (a call during a pass gets that pass), and the
 * pass in flight awaited on shutdown. Subclasses say what one pass does.
 */
export abstract class PeriodicReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<string[]> | null = null;

  protected constructor(
    private readonly logger: Logger,
    /** What a pass re-queues, for the log: "run(s)", "self-test(s)". */
    private readonly what: string,
    private readonly intervalMs: () => number,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.intervalMs();
    if (every > 0) this.timer = setInterval(() => this.tick(), every);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.pass?.catch(() => undefined);
  }

  /** One pass. @returns the ids of what was re-queued. */
  reconcileOnce(now: Date = new Date()): Promise<string[]> {
    this.pass ??= this.scan(now).finally(() => {
      this.pass = null;
    });
    return this.pass;
  }

  protected abstract scan(now: Date): Promise<string[]>;

  private tick(): void {
    this.reconcileOnce()
      .then(
        (ids) => ids.length > 0 && this.logger.warn(`re-queued ${ids.length} ${this.what} Redis had lost`),
      )
      .catch((error: unknown) => this.logger.warn(`reconciler pass failed: ${String(error)}`));
  }
}
