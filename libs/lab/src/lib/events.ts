/**
 * The run's LabEvent stream. execute() emits *sequenced* events: this sequencer stamps
 * `seq` (0, 1, 2, … without gaps) and `t` (ms since the run started, monotonic), so a
 * consumer (the runner publishing to Redis, the CLI printing) forwards them as they are.
 * A throwing listener never disturbs the run.
 */
import type { LabEvent, UnsequencedLabEvent } from '@socklab/contracts';
import type { TcpState } from '@socklab/netstack';

/** Distributes Omit<T,'t'> over the event union, so each variant keeps its own fields. */
export type LabEventInput = UnsequencedLabEvent extends infer E
  ? E extends UnsequencedLabEvent
    ? Omit<E, 't'>
    : never
  : never;

export type LabEventListener = (event: LabEvent) => void;

export class LabEventSequencer {
  private seq = 0;
  private readonly originNs = process.hrtime.bigint();

  constructor(private readonly listener: LabEventListener | undefined) {}

  emit(event: LabEventInput): void {
    if (!this.listener) return;
    const t = Number(process.hrtime.bigint() - this.originNs) / 1e6;
    const sequenced = { ...event, seq: this.seq++, t } as LabEvent;
    try {
      this.listener(sequenced);
    } catch {
      // A consumer's failure is the consumer's problem; the run goes on.
    }
  }
}

/** contracts' state events use the RFC 9293 names of netstack and trace.json directly. */
export function contractState(state: TcpState): Extract<LabEvent, { type: 'state' }>['to'] {
  return state;
}

/** "<addr>:<port>-<addr>:<port>", lower endpoint first (the contract's connection id). */
export function contractConnectionId(a: string, b: string): string {
  return [a, b].sort().join('-');
}
