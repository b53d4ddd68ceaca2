import type { LabEvent, UnsequencedLabEvent } from '@socklab/contracts';

type AnyLabEvent = LabEvent | UnsequencedLabEvent;

/**
 * Hands a run's lab events to Redis in the order the lab emitted them, without waiting for
 * each to be acknowledged: a lab emits thousands of events (one per packet), and one round
 * trip each would leave the stream — and the learner's live view — seconds behind the lab.
 * Order holds because every publish goes out on one connection in call order (Redis gives
 * `0-*` stream ids, hence seqs, in arrival order).
 *
 * An event may need work done first (the run's status advanced in PostgreSQL before its
 * `phase` event is published): `push(event, before)` runs `before` after everything pushed
 * earlier was sent, and holds later events until it is done. `drain()` waits for every
 * publish and rejects with the first failure.
 */
export class EventPump {
  private chain: Promise<void> = Promise.resolve();
  private readonly inFlight = new Set<Promise<void>>();
  private failure: unknown = null;

  constructor(
    private readonly publish: (event: AnyLabEvent) => Promise<void>,
    /** Events are dropped while this says so (the run moved on without us). */
    private readonly dropping: () => boolean = () => false,
  ) {}

  push(event: AnyLabEvent, before?: () => Promise<void>): void {
    this.chain = this.chain.then(async () => {
      if (this.failure !== null || this.dropping()) return;
      try {
        await before?.();
      } catch (error) {
        this.failure ??= error;
        return;
      }
      if (this.dropping()) return;
      const sent = this.publish(event).catch((error: unknown) => {
        this.failure ??= error;
      });
      this.inFlight.add(sent);
      void sent.finally(() => this.inFlight.delete(sent));
    });
  }

  async drain(): Promise<void> {
    await this.chain;
    await Promise.all([...this.inFlight]);
    if (this.failure !== null) throw this.failure;
  }
}
