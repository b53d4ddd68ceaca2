/**
 * A learning Ethernet switch in userspace (IEEE 802.1Q-2018 section 8: learn source
 * addresses, forward known unicast to one port, flood unknown unicast, broadcast and
 * multicast to all other ports, filter frames whose destination is on the arrival port).
 *
 * Per port there is an ingress and an egress ImpairmentPipeline; frame hooks see every
 * arrival and departure with the impairment decisions as annotations.
 */
import { MonotonicScheduler, Scheduler } from '../clock/scheduler';
import { LabnetError } from '../errors';
import { FrameAnnotation } from '../impair/annotations';
import { LinkDirection, PortId } from '../impair/impairment';
import { ImpairmentHandle, ImpairmentPipeline } from '../impair/impairment-pipeline';
import { partition } from '../impair/partition';
import { DEFAULT_AGEING_NS, MacEntry, macKey, MacTable } from './mac-table';
import { FrameHook, PortInput, SwitchPort } from './switch-port';

/** Smallest frame we forward: two MAC addresses and the EtherType. */
const MIN_FRAME_BYTES = 14;

export interface LearningSwitchOptions {
  readonly scheduler?: Scheduler;
  /** MAC ageing time (default 300 s, IEEE 802.1Q-2018 section 8.8.3). */
  readonly ageingNs?: bigint;
  readonly macCapacity?: number;
}

export interface SwitchCounters {
  forwarded: number;
  flooded: number;
  filtered: number;
  runts: number;
}

interface AttachedPort {
  readonly port: SwitchPort;
  readonly ingress: ImpairmentPipeline;
  readonly egress: ImpairmentPipeline;
}

export class LearningSwitch {
  readonly scheduler: Scheduler;
  private readonly macTable: MacTable;
  private readonly ports = new Map<PortId, AttachedPort>();
  private portList: AttachedPort[] = [];
  private hooks: FrameHook[] = [];
  readonly counters: SwitchCounters = { forwarded: 0, flooded: 0, filtered: 0, runts: 0 };

  constructor(options: LearningSwitchOptions = {}) {
    this.scheduler = options.scheduler ?? new MonotonicScheduler();
    this.macTable = new MacTable(options.ageingNs ?? DEFAULT_AGEING_NS, options.macCapacity);
  }

  /** Connects a port; frames the port sends go into the returned function. */
  attach(port: SwitchPort): PortInput {
    if (this.ports.has(port.id)) {
      throw new LabnetError(
        'labnet/port-already-attached',
        `Port id ${port.id} ('${port.name}') is already attached.`,
      );
    }
    const attached: AttachedPort = {
      port,
      ingress: new ImpairmentPipeline(port.id, 'ingress', this.scheduler),
      egress: new ImpairmentPipeline(port.id, 'egress', this.scheduler),
    };
    this.ports.set(port.id, attached);
    this.portList = [...this.ports.values()];
    return (frame) => {
      if (this.ports.get(port.id) === attached) this.receive(attached, frame);
    };
  }

  /** Disconnects a port and forgets the addresses learned on it. */
  detach(portId: PortId): void {
    if (!this.ports.delete(portId)) return;
    this.portList = [...this.ports.values()];
    this.macTable.forgetPort(portId);
  }

  /** The impairments applied to frames entering ('ingress') or leaving ('egress') the port. */
  impairments(portId: PortId, direction: LinkDirection): ImpairmentPipeline {
    const attached = this.ports.get(portId);
    if (!attached)
      throw new LabnetError('labnet/invalid-config', `No port ${portId} is attached to the switch.`);
    return direction === 'ingress' ? attached.ingress : attached.egress;
  }

  /** Cuts a and b off from each other (both directions); returns a function that heals it. */
  partition(a: PortId, b: PortId): () => void {
    const cut = partition(a, b);
    const handles: ImpairmentHandle[] = [
      this.impairments(a, 'egress').add(cut),
      this.impairments(b, 'egress').add(cut),
    ];
    return () => handles.forEach((handle) => handle.remove());
  }

  /** Subscribes a capture hook to every port; returns unsubscribe. */
  addFrameHook(hook: FrameHook): () => void {
    this.hooks = [...this.hooks, hook];
    return () => (this.hooks = this.hooks.filter((h) => h !== hook));
  }

  macEntries(): MacEntry[] {
    return this.macTable.entries();
  }

  /** Drops aged MAC entries now (lookups also age lazily); call periodically on a long run. */
  sweepMacTable(): number {
    return this.macTable.sweep(this.scheduler.nowNs());
  }

  private receive(source: AttachedPort, frame: Uint8Array): void {
    if (frame.byteLength < MIN_FRAME_BYTES) {
      this.counters.runts++;
      return;
    }
    const decision = source.ingress.decide(frame);
    this.report(source.port.id, 'in', frame, decision.annotations);
    source.ingress.release(frame, decision, (survivor) => this.forward(source, survivor));
  }

  private forward(source: AttachedPort, frame: Uint8Array): void {
    if (this.ports.get(source.port.id) !== source) return;
    const nowNs = this.scheduler.nowNs();
    const destination = macKey(frame, 0);
    const sourceMac = macKey(frame, 6);
    // Group bit set (I/G, IEEE 802-2014 section 8.2): never a valid source address.
    if (frame[6] & 1) {
      this.counters.filtered++;
      return;
    }
    this.macTable.learn(sourceMac, source.port.id, nowNs);
    const isGroup = (frame[0] & 1) === 1;
    const known = isGroup ? undefined : this.macTable.lookup(destination, nowNs);
    if (known !== undefined) {
      const target = this.ports.get(known);
      if (known === source.port.id || !target) {
        this.counters.filtered++;
        return;
      }
      this.counters.forwarded++;
      this.transmit(source, target, frame);
      return;
    }
    this.counters.flooded++;
    for (const target of this.portList) if (target !== source) this.transmit(source, target, frame);
  }

  private transmit(source: AttachedPort, target: AttachedPort, frame: Uint8Array): void {
    const decision = target.egress.decide(frame, source.port.id);
    if (decision.copies.length === 0) {
      this.report(target.port.id, 'out', frame, decision.annotations);
      return;
    }
    target.egress.release(frame, decision, (survivor, annotations) => {
      if (this.ports.get(target.port.id) !== target) return;
      this.report(target.port.id, 'out', survivor, annotations);
      target.port.deliver(survivor);
    });
  }

  private report(
    portId: PortId,
    direction: 'in' | 'out',
    frame: Uint8Array,
    annotations: readonly FrameAnnotation[],
  ): void {
    if (this.hooks.length === 0) return;
    const timestampNs = this.scheduler.nowNs();
    for (const hook of this.hooks) hook(portId, direction, frame, timestampNs, annotations);
  }
}
