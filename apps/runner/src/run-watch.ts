import { isTerminalRunStatus, type RunStatus } from '@socklab/contracts';

/** What the watch reads of the run on each poll. */
export interface WatchedRun {
  status: RunStatus;
  attempt: number;
  runnerId: string | null;
}

/**
 * The AbortSignal handed to the lab engine. It aborts when
 * - the run is cancelled in the database (RunRepo.cancel),
 * - the run moved on without this job: finished, at another attempt or held by another
 *   job (this runner was presumed dead — a long pause, a partition — and the run was
 *   taken over or failed), or
 * - the worker aborts the job (shutdown past its grace: the job is handed back).
 * The run is read every `pollMs`: one primary-key read per running job per interval.
 */
export class RunWatch {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private polling = false;
  cancelled = false;
  superseded = false;
  shuttingDown = false;

  constructor(
    readRun: () => Promise<WatchedRun>,
    owner: { attempt: number; holder: string },
    pollMs: number,
    private readonly jobSignal?: AbortSignal,
  ) {
    this.timer = setInterval(() => {
      if (this.polling) return;
      this.polling = true;
      readRun()
        .then((run) => {
          if (run.status === 'cancelled') this.abort('cancelled');
          else if (
            isTerminalRunStatus(run.status) ||
            run.attempt !== owner.attempt ||
            run.runnerId !== owner.holder
          )
            this.abort('superseded');
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

  private abort(why: 'cancelled' | 'superseded' | 'shutdown'): void {
    if (this.controller.signal.aborted) return;
    if (why === 'cancelled') this.cancelled = true;
    else if (why === 'superseded') this.superseded = true;
    else this.shuttingDown = true;
    const code = { cancelled: 'run/cancelled', superseded: 'run/stale-attempt', shutdown: 'runner/shutdown' }[
      why
    ];
    this.controller.abort(new Error(code));
  }
}
