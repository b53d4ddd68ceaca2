import type { RunStatus } from '@socklab/contracts';

/**
 * The AbortSignal handed to the lab engine. It aborts when the run is cancelled in the
 * database (RunRepo.cancel, polled every `pollMs`: one indexed primary-key read per
 * running job per interval) or when the worker aborts the job (shutdown past its grace: the job is handed back).
 */
export class RunWatch {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private polling = false;
  cancelled = false;
  shuttingDown = false;

  constructor(
    readStatus: () => Promise<RunStatus>,
    pollMs: number,
    private readonly jobSignal?: AbortSignal,
  ) {
    this.timer = setInterval(() => {
      if (this.polling) return;
      this.polling = true;
      readStatus()
        .then((status) => {
          if (status === 'cancelled') this.abort('cancelled');
        })
        .catch(() => undefined) // A failed poll is retried on the next tick.
        .finally(() => {
          this.polling = false;
        });
    }, pollMs);
    jobSignal?.addEventListener('abort', this.onJobAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  stop(): void {
    clearInterval(this.timer);
    this.jobSignal?.removeEventListener('abort', this.onJobAbort);
  }

  private readonly onJobAbort = () => this.abort('shutdown');

  private abort(why: 'cancelled' | 'shutdown'): void {
    if (this.controller.signal.aborted) return;
    if (why === 'cancelled') this.cancelled = true;
    else this.shuttingDown = true;
    this.controller.abort(new Error(why === 'cancelled' ? 'run/cancelled' : 'runner/shutdown'));
  }
}
