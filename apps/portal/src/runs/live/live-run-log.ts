/**
 * A run's LabEvents as they arrive (replayed history first, then live), folded into what
 * the run view shows. Appends are O(1), so a run with thousands of segments stays smooth;
 * `version` changes with every accepted event, for React's useSyncExternalStore.
 *
 * Events are taken in `seq` order: one already seen is ignored (a replay overlapping the
 * live stream), and a jump forward is accepted and counted (the stream trimmed history).
 * A `phase: building` after the first starts a new attempt (the runner retried after an
 * infrastructure failure): what the previous attempt showed is cleared.
 *
 * Segments and states are placed by `t`, when they happened: the learner's kernel states
 * arrive a little after the segments around them (LabEvent contract), so their `seq` is late.
 *
 * Scenarios: events of programs and networks name their scenario (`scenario`, the
 * exercise's scenario id) and are grouped by it. Events of older runners do not: for
 * them, as each scenario runs in a fresh lab network whose capture numbers frames from 0,
 * a packet index that does not grow starts the next scenario. A connection belongs to the
 * scenario of its first segment; its states may arrive before that segment (the peer's
 * SYN_SENT) and wait for it.
 */
import { scenarioOf, type LabEvent, type LabEventOf } from '@socklab/contracts';
import type {
  ConnectionRecord,
  ScenarioPicture,
  SegmentRecord,
  StateRecord,
  SyscallRecord,
} from '../picture/picture';
import { addressOf } from '../picture/picture';

export type LabPhase = LabEventOf<'phase'>['phase'];

export interface OutputBlock {
  stream: LabEventOf<'output'>['stream'];
  host: string;
  text: string;
}

interface LiveConnection {
  id: string;
  scenario: number | null;
  segments: SegmentRecord[];
  states: StateRecord[];
}

export interface ScenarioMeta {
  id: string;
  title: string | null;
}

/** Output kept per run; the runner caps it too, this bounds the page's memory. */
export const OUTPUT_LIMIT_CHARS = 1_000_000;

export class LiveRunLog {
  version = 0;
  nextSeq = 0;
  missedEvents = 0;
  /** `t` of the latest event: milliseconds since the run started. */
  lastT = 0;
  attempt = 0;
  phases: { phase: LabPhase; t: number }[] = [];
  output: OutputBlock[] = [];
  outputChars = 0;
  outputTruncated = false;
  checks: LabEventOf<'check'>[] = [];
  errors: LabEventOf<'error'>[] = [];
  result: LabEventOf<'result'> | null = null;
  /** Frames that were not TCP (ARP, ICMP, UDP), by protocol. */
  otherFrames: Record<string, number> = {};
  private connections = new Map<string, LiveConnection>();
  private syscalls: { scenario: number; record: SyscallRecord }[] = [];
  private scenario = 0;
  /** Scenario ids as the events named them, in order of first appearance (index = scenario). */
  private scenarioIds: string[] = [];
  private lastFrameIndex = -1;
  private picturesCache: { version: number; key: string; pictures: ScenarioPicture[] } | null = null;

  /** Takes the events in order; returns true if any was new. */
  applyAll(events: readonly LabEvent[]): boolean {
    let changed = false;
    for (const event of events) changed = this.apply(event) || changed;
    return changed;
  }

  apply(event: LabEvent): boolean {
    if (event.seq < this.nextSeq) return false;
    this.missedEvents += event.seq - this.nextSeq;
    this.nextSeq = event.seq + 1;
    this.lastT = event.t;
    this.version++;
    const scenario = scenarioOf(event);
    if (scenario !== undefined) this.enterScenario(scenario);
    switch (event.type) {
      case 'phase':
        if (event.phase === 'building') this.startAttempt();
        this.phases.push({ phase: event.phase, t: event.t });
        break;
      case 'output':
        this.addOutput(event);
        break;
      case 'packet':
        this.addPacket(event);
        break;
      case 'state':
        this.addState(event);
        break;
      case 'syscall':
        this.syscalls.push({ scenario: this.scenario, record: syscallRecord(event) });
        break;
      case 'check':
        this.checks.push(event);
        break;
      case 'result':
        this.result = event;
        break;
      case 'error':
        this.errors.push(event);
        break;
    }
    return true;
  }

  get currentPhase(): LabPhase | null {
    return this.phases.at(-1)?.phase ?? null;
  }

  get segmentCount(): number {
    let count = 0;
    for (const connection of this.connections.values()) count += connection.segments.length;
    return count;
  }

  /** One picture per scenario seen so far, named after `meta` (the exercise's scenarios, in order). */
  pictures(meta: readonly ScenarioMeta[] = []): ScenarioPicture[] {
    const key = meta.map((m) => m.id).join('\u0000');
    if (this.picturesCache?.version === this.version && this.picturesCache.key === key) {
      return this.picturesCache.pictures;
    }
    const count =
      this.connections.size === 0 && this.syscalls.length === 0
        ? 0
        : Math.max(this.scenario + 1, this.scenarioIds.length);
    const pictures: ScenarioPicture[] = [];
    for (let i = 0; i < count; i++) {
      // States of a connection with no segment yet belong to the scenario running now.
      const connections = [...this.connections.values()].filter((c) => (c.scenario ?? this.scenario) === i);
      const states = connections.flatMap((c) => c.states);
      const named = this.scenarioIds[i];
      const scenarioMeta = named === undefined ? meta[i] : meta.find((m) => m.id === named);
      pictures.push({
        id: named ?? scenarioMeta?.id ?? `scenario-${i + 1}`,
        title: scenarioMeta?.title ?? null,
        connections: connections.map(connectionRecord),
        segments: connections.flatMap((c) => c.segments).sort((a, b) => a.order - b.order),
        states,
        syscalls: this.syscalls.filter((s) => s.scenario === i).map((s) => s.record),
        hosts: hostsOf(states),
      });
    }
    this.picturesCache = { version: this.version, key, pictures };
    return pictures;
  }

  private startAttempt(): void {
    this.attempt++;
    if (this.attempt === 1) return;
    this.phases = [];
    this.output = [];
    this.outputChars = 0;
    this.outputTruncated = false;
    this.checks = [];
    this.result = null;
    this.otherFrames = {};
    this.connections.clear();
    this.syscalls = [];
    this.scenario = 0;
    this.scenarioIds = [];
    this.lastFrameIndex = -1;
  }

  /** The event names its scenario: it is the current one (no frame-number guessing). */
  private enterScenario(id: string): void {
    let index = this.scenarioIds.indexOf(id);
    if (index < 0) index = this.scenarioIds.push(id) - 1;
    this.scenario = index;
  }

  private addOutput(event: LabEventOf<'output'>): void {
    if (this.outputTruncated) return;
    let chunk = event.chunk;
    if (this.outputChars + chunk.length > OUTPUT_LIMIT_CHARS) {
      chunk = chunk.slice(0, OUTPUT_LIMIT_CHARS - this.outputChars);
      this.outputTruncated = true;
    }
    this.outputChars += chunk.length;
    const last = this.output.at(-1);
    if (last && last.stream === event.stream && last.host === event.host) last.text += chunk;
    else this.output.push({ stream: event.stream, host: event.host, text: chunk });
  }

  private addPacket(event: LabEventOf<'packet'>): void {
    if (event.scenario === undefined) {
      if (this.lastFrameIndex >= 0 && event.index <= this.lastFrameIndex) this.scenario++;
      this.lastFrameIndex = event.index;
    }
    if (event.protocol !== 'tcp' || !event.tcp) {
      this.otherFrames[event.protocol] = (this.otherFrames[event.protocol] ?? 0) + 1;
      return;
    }
    const id = connectionIdOf(event.src, event.dst);
    const connection = this.connection(id);
    connection.scenario ??= this.scenario;
    const { tcp } = event;
    connection.segments.push({
      index: event.index,
      order: event.t,
      timeMs: event.t,
      connectionId: id,
      src: event.src,
      dst: event.dst,
      flags: tcp.flags,
      seq: tcp.seq,
      ack: tcp.flags.includes('ACK') ? tcp.ack : null,
      len: tcp.payloadLength,
      window: tcp.window,
      ...(event.impairment ? { impairment: event.impairment } : {}),
    });
  }

  private addState(event: LabEventOf<'state'>): void {
    const connection = this.connection(event.conn);
    if (event.scenario !== undefined) connection.scenario ??= this.scenario;
    connection.states.push({
      order: event.t,
      timeMs: event.t,
      connectionId: event.conn,
      endpoint: event.endpoint,
      state: event.to,
      source: event.source,
    });
  }

  private connection(id: string): LiveConnection {
    let connection = this.connections.get(id);
    if (!connection) {
      connection = { id, scenario: null, segments: [], states: [] };
      this.connections.set(id, connection);
    }
    return connection;
  }
}

/** The contracts' connection id: both "addr:port" sorted, joined by "-". */
export function connectionIdOf(a: string, b: string): string {
  return [a, b].sort().join('-');
}

/** The sender of the first segment first; without segments, the first socket whose state changed. */
function connectionRecord(connection: LiveConnection): ConnectionRecord {
  const first = connection.segments[0];
  if (first) return { id: connection.id, endpoints: [first.src, first.dst] };
  const [a, b] = connection.id.split('-');
  const opener = connection.states[0]?.endpoint;
  return { id: connection.id, endpoints: opener === b ? [b, a] : [a, b] };
}

function syscallRecord(event: LabEventOf<'syscall'>): SyscallRecord {
  return {
    order: event.seq,
    pid: event.pid,
    name: event.name,
    args: event.args,
    ret: String(event.result),
    errno: event.errno ?? null,
    startMs: null,
    endMs: null,
  };
}

/** Kernel-traced sockets are the learner's program; netstack sockets are the lab's peers. */
function hostsOf(states: readonly StateRecord[]): ScenarioPicture['hosts'] {
  const hosts: ScenarioPicture['hosts'] = {};
  for (const state of states) {
    if (state.source === 'kernel') hosts[addressOf(state.endpoint)] = { name: null, role: 'learner' };
    else if (state.source === 'netstack') hosts[addressOf(state.endpoint)] ??= { name: null, role: 'peer' };
  }
  return hosts;
}
