/**
 * The run's LabEvent stream. execute() emits *sequenced* events: this sequencer stamps
 * `seq` (0, 1, 2, … without gaps) and `t` (ms since the run started, monotonic), so a
 * consumer (the runner publishing to Redis, the CLI printing) forwards them as they are.
 * `t` is the time of emission, or, for events a tracer observes after the fact
 * (emitObserved), the time they happened. A throwing listener never disturbs the run.
 */
import { SCENARIO_EVENT_TYPES, type LabEvent, type UnsequencedLabEvent } from '@socklab/contracts';
import type { TcpState } from '@socklab/netstack';

/** Distributes Omit<T,'t'> over the event union, so each variant keeps its own fields. */
export type LabEventInput = UnsequencedLabEvent extends infer E
  ? E extends UnsequencedLabEvent
    ? Omit<E, 't'>
    : never
  : never;

export type LabEventListener = (event: LabEvent) => void;

/** Where the lab's parts emit their events (the run's sequencer, or a scenario's view of it). */
export interface LabEventSink {
  emit(event: LabEventInput): void;
  /** See LabEventSequencer.emitObserved. */
  emitObserved(event: LabEventInput, happenedNs: bigint, tracer: string): void;
}

export class LabEventSequencer implements LabEventSink {
  private seq = 0;
  private readonly originNs = process.hrtime.bigint();
  /** Per tracer: the latest `happenedNs` emitted (see emitObserved). */
  private readonly observedUpTo = new Map<string, bigint>();
  private closed = false;

  constructor(private readonly listener: LabEventListener | undefined) {}

  /** After the run's result: a phase abandoned at the deadline may not emit any more. */
  close(): void {
    this.closed = true;
  }

  emit(event: LabEventInput): void {
    this.send(event, process.hrtime.bigint());
  }

  /**
   * Emits an event that `tracer` (e.g. 'kernel', 'strace') observed after the fact, with `t`
   * = `happenedNs` (CLOCK_MONOTONIC), the time it happened. The tracers deliver in time
   * order; should one still deliver an event older than its previous one, it gets that
   * one's time, so `t` never decreases within a tracer's events (the LabEvent contract).
   */
  emitObserved(event: LabEventInput, happenedNs: bigint, tracer: string): void {
    const upTo = this.observedUpTo.get(tracer);
    const atNs = upTo !== undefined && happenedNs < upTo ? upTo : happenedNs;
    this.observedUpTo.set(tracer, atNs);
    this.send(event, atNs);
  }

  /**
   * The sink for one scenario's parts: their events carry `scenario` (scenarios may run at
   * once), and each of its tracers keeps its own never-decreasing `t`.
   */
  forScenario(scenarioId: string): LabEventSink {
    const tag = (event: LabEventInput): LabEventInput =>
      (SCENARIO_EVENT_TYPES as readonly string[]).includes(event.type)
        ? ({ ...event, scenario: scenarioId } as LabEventInput)
        : event;
    return {
      emit: (event) => this.emit(tag(event)),
      emitObserved: (event, happenedNs, tracer) =>
        this.emitObserved(tag(event), happenedNs, `${scenarioId}/${tracer}`),
    };
  }

  private send(event: LabEventInput, atNs: bigint): void {
    if (!this.listener || this.closed) return;
    const t = Math.max(0, Number(atNs - this.originNs) / 1e6);
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
