import type { LabEvent, LiveRunEnd } from '@socklab/contracts';
import type { RunEventFanout, RunEventWatch } from '@socklab/db';

/** Where a feed writes: one socket. */
export interface RunFeedSink {
  event(runId: string, event: LabEvent): void;
  end(runId: string, end: LiveRunEnd): void;
}

/**
 * One socket's subscription to one run: the run's events from `fromSeq` on (history,
 * then live) to that socket only, until the `result` event, an explicit end, or close.
 * A feed is created only after the subscriber was authorised for the run, and it reads
 * only that run's stream, so it cannot carry another run's events.
 */
export class RunFeed {
  private watch: RunEventWatch | null = null;
  private closed = false;
  /** True once the history has been sent and live events flow. */
  live = false;

  constructor(
    readonly runId: string,
    private readonly sink: RunFeedSink,
  ) {}

  get isOpen(): boolean {
    return !this.closed;
  }

  /** Sends the history, then keeps sending live events. Rejects when the stream cannot be read. */
  async start(fanout: RunEventFanout, fromSeq: number): Promise<void> {
    const watch = await fanout.watch(this.runId, fromSeq, (event) => this.deliver(event));
    if (this.closed) {
      watch.close();
      return;
    }
    this.watch = watch;
    this.live = true;
  }

  /** Ends the feed and tells the subscriber why. */
  end(end: LiveRunEnd): void {
    if (this.closed) return;
    this.close();
    this.sink.end(this.runId, end);
  }

  /** Stops the feed without telling the subscriber (unsubscribe, disconnect). */
  close(): void {
    this.closed = true;
    this.watch?.close();
    this.watch = null;
  }

  private deliver(event: LabEvent): void {
    if (this.closed) return;
    this.sink.event(this.runId, event);
    if (event.type === 'result') this.end({ reason: 'result' });
  }
}
