/**
 * Hand-made scenario evidence for tests: hosts, connections with per-source state
 * observations, sender-side packets (TCP, UDP, ICMP), system calls, program runs, peer byte streams and
 * counters, all with times written in milliseconds.
 */
import type { Trace, TracePacket, TraceSyscall } from '@socklab/trace';
import type { ProcessOutcome, ScenarioEvidence, StepOutcome } from '../api';

type State = Trace['connections'][number]['endpoints'][number]['states'][number]['state'];
type Source = Trace['connections'][number]['endpoints'][number]['states'][number]['source'];
type SourceStatus = Trace['sources'][number];

export interface BuilderHost {
  address: string;
  learner?: boolean;
}

const ns = (ms: number): number => Math.round(ms * 1_000_000);

export class ScenarioBuilder {
  private readonly trace: Trace;
  private readonly processes: ProcessOutcome[] = [];
  private readonly steps: StepOutcome[] = [];
  private readonly streams: ScenarioEvidence['streams'] = {};
  private nextPacketIndex = 0;

  constructor(
    private readonly scenarioId: string,
    private readonly hosts: Record<string, BuilderHost>,
    private readonly port = 8080,
  ) {
    this.trace = {
      version: 1,
      clock: { source: 'CLOCK_MONOTONIC', originNs: '1000000000' },
      sources: (['kernel', 'inferred', 'ss', 'netstack', 'strace', 'nstat', 'capture'] as const).map(
        (source) => ({
          source,
          status: 'ok' as const,
        }),
      ),
      hosts: Object.entries(hosts).map(([name, host]) => ({
        id: `h-${name}`,
        role: host.learner ? ('learner' as const) : ('peer' as const),
        name,
        addresses: [host.address],
      })),
      connections: [],
      tcpEvents: [],
      packets: [],
      syscalls: [],
      processEvents: [],
      steps: [],
      counters: [],
    };
  }

  /** A connection actively opened from `opener` to `acceptor` (endpoints[0] is the opener). */
  connection(
    id: string,
    opener: { host: string; port: number },
    acceptor: { host: string; port?: number },
  ): this {
    this.trace.connections.push({
      id,
      endpoints: [
        {
          hostId: `h-${opener.host}`,
          local: { addr: this.address(opener.host), port: opener.port },
          states: [],
        },
        {
          hostId: `h-${acceptor.host}`,
          local: { addr: this.address(acceptor.host), port: acceptor.port ?? this.port },
          states: [],
        },
      ],
    });
    return this;
  }

  /** State observations of `host`'s endpoint of a connection, e.g. [[0, 'SYN_SENT'], [1.2, 'ESTABLISHED']]. */
  states(connectionId: string, host: string, source: Source, path: Array<[number, State]>): this {
    const endpoint = this.endpointOf(connectionId, host);
    endpoint.states.push(...path.map(([ms, state]) => ({ t: ns(ms), state, source })));
    endpoint.states.sort((a, b) => a.t - b.t);
    return this;
  }

  /**
   * A segment `from` sent on a connection, captured as it entered the switch (and, with
   * `alsoOut`, as it left); with `onlyOut`, only as it left toward the receiver, as the lab
   * records what a peer inside it sends. `dropped`: an impairment dropped that copy.
   */
  packet(
    connectionId: string,
    from: string,
    ms: number,
    flags: string,
    options: {
      seq?: number;
      ack?: number | null;
      len?: number;
      window?: number;
      alsoOut?: boolean;
      onlyOut?: boolean;
      dropped?: boolean;
    } = {},
  ): this {
    const connection = this.connectionById(connectionId);
    const src = this.endpointOf(connectionId, from).local;
    const dst = connection.endpoints[connection.endpoints[0].local === src ? 1 : 0].local;
    const packet: TracePacket = {
      index: this.nextPacketIndex++,
      t: ns(ms),
      link: `port-${from}`,
      direction: 'in',
      connectionId,
      src,
      dst,
      flags,
      seq: options.seq ?? 0,
      ack: options.ack === undefined ? (flags.includes('.') ? 1 : null) : options.ack,
      len: options.len ?? 0,
      window: options.window ?? 65535,
      ...(options.dropped ? { impairment: { action: 'drop' as const, rule: 'test' } } : {}),
    };
    if (options.onlyOut) {
      this.trace.packets.push({ ...packet, direction: 'out', link: `port-${this.hostAt(dst.addr)}` });
      return this;
    }
    this.trace.packets.push(packet);
    if (options.alsoOut) {
      this.trace.packets.push({
        ...packet,
        index: this.nextPacketIndex++,
        direction: 'out',
        link: `port-${this.hostAt(dst.addr)}`,
      });
    }
    return this;
  }

  /** A UDP datagram `from` sent to `to` (at `toPort`, the service port by default), captured as it entered the switch. */
  udp(
    from: string,
    to: string,
    ms: number,
    payload: string,
    options: { fromPort?: number; toPort?: number } = {},
  ): this {
    const bytes = Buffer.from(payload, 'utf8');
    (this.trace.udpDatagrams ??= []).push({
      index: this.nextPacketIndex++,
      t: ns(ms),
      link: `port-${from}`,
      direction: 'in',
      src: { addr: this.address(from), port: options.fromPort ?? 40000 },
      dst: { addr: this.address(to), port: options.toPort ?? this.port },
      len: bytes.length,
      payload: bytes.toString('base64'),
    });
    return this;
  }

  /** An ICMP message (RFC 792 type and code) `from` sent to `to`, captured as it left toward `to`. */
  icmp(from: string, to: string, ms: number, type: number, code: number): this {
    (this.trace.icmpMessages ??= []).push({
      index: this.nextPacketIndex++,
      t: ns(ms),
      link: `port-${to}`,
      direction: 'out',
      src: this.address(from),
      dst: this.address(to),
      type,
      code,
    });
    return this;
  }

  syscall(
    pid: number,
    ms: number,
    name: string,
    options: Partial<Omit<TraceSyscall, 'pid' | 'name' | 'tStart'>> = {},
  ): this {
    this.trace.syscalls.push({
      pid,
      tStart: ns(ms),
      tEnd: options.tEnd ?? ns(ms) + 10_000,
      name,
      fd: options.fd ?? null,
      socket: options.socket ?? null,
      args: options.args ?? '',
      ret: options.ret ?? (options.errno ? '-1' : '0'),
      errno: options.errno ?? null,
      errnoText: options.errnoText ?? null,
      durationNs: options.durationNs ?? 10_000,
    });
    return this;
  }

  /**
   * A run of a learner program; by default it started at 0 and was still running at the end.
   * `stoppedByLabAtMs`: the lab began stopping it then (killedByLab unless said otherwise).
   */
  run(
    host: string,
    pid: number,
    outcome: Partial<Omit<ProcessOutcome, 'host' | 'pid'>> & {
      exitedAtMs?: number;
      startedAtMs?: number;
      stoppedByLabAtMs?: number;
    } = {},
  ): this {
    const { exitedAtMs, startedAtMs, stoppedByLabAtMs, ...rest } = outcome;
    const stopped = stoppedByLabAtMs !== undefined;
    const exited = exitedAtMs !== undefined;
    this.processes.push({
      host,
      pid,
      startedAt: ns(startedAtMs ?? 0),
      exitedAt: exited ? ns(exitedAtMs) : null,
      exitCode: null,
      signal: null,
      killedByLab: stopped,
      stoppedByLabAt: stopped ? ns(stoppedByLabAtMs) : null,
      timedOut: false,
      stdout: '',
      stderr: '',
      outputTruncated: false,
      aliveAtEnd: !exited,
      ...rest,
    });
    return this;
  }

  /** What a named peer connection sent and received, as text. */
  stream(name: string, bytes: { sent?: string | Uint8Array; received?: string | Uint8Array }): this {
    const base64 = (value: string | Uint8Array | undefined): string =>
      Buffer.from(value ?? '').toString('base64');
    this.streams[name] = { sent: base64(bytes.sent), received: base64(bytes.received) };
    return this;
  }

  step(step: Partial<StepOutcome> & { tStartMs: number; tEndMs: number | null }): this {
    const { tStartMs, tEndMs, ...rest } = step;
    this.steps.push({
      path: `steps[${this.steps.length}]`,
      action: 'wait',
      status: 'done',
      tStart: ns(tStartMs),
      tEnd: tEndMs === null ? null : ns(tEndMs),
      ...rest,
    });
    return this;
  }

  counters(host: string, diff: Record<string, number>): this {
    this.trace.counters.push({ hostId: `h-${host}`, before: {}, after: diff, diff });
    return this;
  }

  source(source: SourceStatus['source'], status: SourceStatus['status'], reason?: string): this {
    this.trace.sources = this.trace.sources.map((entry) =>
      entry.source === source ? { source, status, ...(reason ? { reason } : {}) } : entry,
    );
    return this;
  }

  build(): ScenarioEvidence {
    return {
      scenarioId: this.scenarioId,
      trace: structuredClone(this.trace),
      processes: [...this.processes],
      steps: [...this.steps],
      streams: { ...this.streams },
      hostAddresses: Object.fromEntries(
        Object.entries(this.hosts).map(([name, host]) => [name, host.address]),
      ),
      port: this.port,
    };
  }

  private address(host: string): string {
    const entry = this.hosts[host];
    if (!entry) throw new Error(`unknown host ${host}`);
    return entry.address;
  }

  private hostAt(addr: string): string {
    const entry = Object.entries(this.hosts).find(([, host]) => host.address === addr);
    if (!entry) throw new Error(`no host has address ${addr}`);
    return entry[0];
  }

  private connectionById(id: string): Trace['connections'][number] {
    const connection = this.trace.connections.find((candidate) => candidate.id === id);
    if (!connection) throw new Error(`unknown connection ${id}`);
    return connection;
  }

  private endpointOf(connectionId: string, host: string): Trace['connections'][number]['endpoints'][number] {
    const endpoint = this.connectionById(connectionId).endpoints.find(
      (candidate) => candidate.local.addr === this.address(host),
    );
    if (!endpoint) throw new Error(`${host} is not an endpoint of ${connectionId}`);
    return endpoint;
  }
}
