/**
 * Merges every source of one run into the unified trace (model/trace-schema.ts).
 * Connections come from captured segments (passive inference) and from kernel socket
 * histories; both are joined by 4-tuple, choosing the incarnation that started closest in
 * time. Every state keeps its source label; agreement is computed per endpoint.
 * The result is validated against the schema before it is returned.
 */
import { TraceError } from '../errors';
import type { KernelCollectorResult } from '../kernel/collector';
import { inferConnections } from '../infer/infer-connections';
import { flagsText, type SegmentSummary } from '../infer/segment-summary';
import {
  traceSchema,
  TRACE_FORMAT_VERSION,
  type CounterDiff,
  type ScenarioStep,
  type SocketAddress,
  type SourceStatus,
  type StateObservation,
  type Trace,
  type TraceConnection,
  type TraceHost,
  type TracePacket,
} from '../model/trace-schema';
import type { TcpState } from '../model/tcp-state';
import type { SsSnapshot } from '../ss/ss-snapshot';
import { realtimeToMonotonic, type ClockPair } from '../strace/clock-alignment';
import type { StraceParseResult, StraceSocketInfo } from '../strace/strace-parse';
import { computeAgreement } from './agreement';
import {
  traceIcmpMessages,
  traceUdpDatagrams,
  type CapturedIcmpMessage,
  type CapturedUdpDatagram,
} from './datagrams';
import { kernelHistories } from './kernel-histories';

export interface CapturedSegment extends SegmentSummary {
  /** Index of the frame in capture.pcapng. */
  index: number;
  link: string;
  direction: 'in' | 'out';
  impairment?: TracePacket['impairment'];
}

export interface NetstackTransitionInput {
  tNs: bigint;
  local: SocketAddress;
  remote: SocketAddress;
  to: TcpState;
  from: TcpState;
  cause: string;
}

export interface TraceSources {
  /** CLOCK_MONOTONIC ns that becomes t = 0. */
  originNs: bigint;
  hosts: TraceHost[];
  segments?: CapturedSegment[];
  /** UDP datagrams and ICMP messages on learner links (trace.json has them when given). */
  udpDatagrams?: CapturedUdpDatagram[];
  icmpMessages?: CapturedIcmpMessage[];
  kernel?: KernelCollectorResult | { unavailable: string };
  ssSnapshots?: SsSnapshot[];
  netstack?: NetstackTransitionInput[];
  strace?: { parsed: StraceParseResult; clock: ClockPair };
  steps?: Array<{ tNs: bigint; name: string; detail?: string }>;
  counters?: CounterDiff[];
}

const key = (a: SocketAddress): string => `${a.addr}:${a.port}`;
const tupleKey = (a: SocketAddress, b: SocketAddress): string => [key(a), key(b)].sort().join('|');

interface Draft {
  id: string;
  startNs: bigint;
  endpoints: [SocketAddress, SocketAddress];
  states: Map<string, StateObservation[]>;
}

export function buildTrace(sources: TraceSources): Trace {
  const rel = (tNs: bigint): number => Number(tNs - sources.originNs);
  const hostOf = (addr: string): string | null =>
    sources.hosts.find((h) => h.addresses.includes(addr))?.id ?? null;
  const drafts: Draft[] = [];
  const byTuple = new Map<string, Draft[]>();
  const status: SourceStatus[] = [];

  const createDraft = (a: SocketAddress, b: SocketAddress, tNs: bigint, id?: string): Draft => {
    const list = byTuple.get(tupleKey(a, b)) ?? [];
    const draft: Draft = {
      id: id ?? `${key(a)}-${key(b)}${list.length > 0 ? `#${list.length + 1}` : ''}`,
      startNs: tNs,
      endpoints: [a, b],
      states: new Map(),
    };
    byTuple.set(tupleKey(a, b), [...list, draft]);
    drafts.push(draft);
    return draft;
  };
  /** The incarnation of the 4-tuple that started closest to tNs. */
  const draftFor = (a: SocketAddress, b: SocketAddress, tNs: bigint): Draft | undefined => {
    let best: Draft | undefined;
    for (const d of byTuple.get(tupleKey(a, b)) ?? []) {
      if (!best || abs(d.startNs - tNs) < abs(best.startNs - tNs)) best = d;
    }
    return best;
  };
  const observe = (d: Draft, local: SocketAddress, o: StateObservation): void => {
    d.states.set(key(local), [...(d.states.get(key(local)) ?? []), o]);
  };

  // 1. Inferred from frames.
  const segments = sources.segments ?? [];
  const inferred = inferConnections(segments);
  const connectionOfSegment = new Map<number, Draft>();
  for (const c of inferred) {
    const target = createDraft(c.endpoints[0].local, c.endpoints[1].local, segments[c.segments[0]].tNs, c.id);
    for (const ep of c.endpoints) {
      for (const p of ep.path)
        observe(target, ep.local, { t: rel(p.tNs), state: p.state, source: 'inferred', cause: p.cause });
    }
    for (const i of c.segments) connectionOfSegment.set(i, target);
  }
  status.push(
    segments.length > 0
      ? { source: 'inferred', status: 'ok' }
      : { source: 'inferred', status: 'unavailable', reason: 'no captured segments' },
  );

  // 2. Kernel tracepoints.
  const kernel = sources.kernel;
  if (kernel && 'events' in kernel) {
    for (const h of kernelHistories(kernel.events)) {
      const d =
        draftFor(h.local, h.remote, h.path[0].tNs) ??
        (h.path.some((p) => p.state === 'SYN_SENT')
          ? createDraft(h.local, h.remote, h.path[0].tNs)
          : createDraft(h.remote, h.local, h.path[0].tNs));
      for (const p of h.path)
        observe(d, h.local, { t: rel(p.tNs), state: p.state, source: 'kernel', cause: p.cause });
    }
    const reason = kernel.skipped.map((s) => s.reason).join('; ');
    status.push({
      source: 'kernel',
      status: kernel.skipped.length > 0 ? 'partial' : 'ok',
      lostEvents: kernel.lostEvents,
      ...(reason ? { reason } : {}),
    });
  } else {
    status.push({ source: 'kernel', status: 'unavailable', reason: kernel?.unavailable ?? 'not collected' });
  }

  // 3. Netstack (exact peer-side transitions).
  for (const n of sources.netstack ?? []) {
    const d = draftFor(n.local, n.remote, n.tNs) ?? createDraft(n.local, n.remote, n.tNs);
    const own = d.states.get(key(n.local))?.filter((o) => o.source === 'netstack') ?? [];
    if (own.length === 0)
      observe(d, n.local, {
        t: rel(n.tNs),
        state: n.from,
        source: 'netstack',
        cause: 'before first transition',
      });
    observe(d, n.local, { t: rel(n.tNs), state: n.to, source: 'netstack', cause: n.cause });
  }
  if (sources.netstack) status.push({ source: 'netstack', status: 'ok' });

  // 4. ss snapshots: a state is recorded when it differs from the previous snapshot's.
  for (const snap of sources.ssSnapshots ?? []) {
    for (const s of snap.sockets) {
      if (
        s.local.port === null ||
        s.peer.port === null ||
        !s.local.addr.includes('.') ||
        !s.peer.addr.includes('.')
      )
        continue;
      const local = { addr: s.local.addr, port: s.local.port };
      const remote = { addr: s.peer.addr, port: s.peer.port };
      const d = draftFor(local, remote, snap.tNs);
      if (!d) continue;
      const previous = d.states
        .get(key(local))
        ?.filter((o) => o.source === 'ss')
        .at(-1);
      if (previous?.state !== s.state)
        observe(d, local, { t: rel(snap.tNs), state: s.state, source: 'ss', cause: 'snapshot' });
    }
  }
  if (sources.ssSnapshots) status.push({ source: 'ss', status: 'ok' });

  const connections: TraceConnection[] = drafts.map((d) => ({
    id: d.id,
    endpoints: d.endpoints.map((local) => {
      const states = [...(d.states.get(key(local)) ?? [])].sort((a, b) => a.t - b.t);
      const agreement = computeAgreement(states);
      return { hostId: hostOf(local.addr), local, states, ...(agreement ? { agreement } : {}) };
    }) as TraceConnection['endpoints'],
  }));

  const packets = buildPackets(segments, connectionOfSegment, rel);
  const tcpEvents =
    kernel && 'events' in kernel
      ? kernel.events
          .filter((e) => e.kind !== 'state')
          .map((e) => ({
            t: rel(e.tNs),
            kind: e.kind as Trace['tcpEvents'][number]['kind'],
            connectionId: draftFor(e.local, e.remote, e.tNs)?.id ?? null,
            local: e.local,
            remote: e.remote,
            ...('state' in e && e.state ? { state: e.state } : {}),
            ...('reason' in e && e.reason ? { reason: e.reason } : {}),
          }))
      : [];

  const { syscalls, processEvents } = straceEvents(sources.strace, rel);
  if (sources.strace) status.push({ source: 'strace', status: 'ok' });
  if (sources.counters) status.push({ source: 'nstat', status: 'ok' });

  const steps: ScenarioStep[] = (sources.steps ?? []).map((s, index) => ({
    index,
    t: rel(s.tNs),
    name: s.name,
    ...(s.detail ? { detail: s.detail } : {}),
  }));
  const trace = {
    version: TRACE_FORMAT_VERSION,
    clock: { source: 'CLOCK_MONOTONIC', originNs: sources.originNs.toString() },
    sources: status,
    hosts: sources.hosts,
    connections,
    tcpEvents,
    packets,
    ...(sources.udpDatagrams ? { udpDatagrams: traceUdpDatagrams(sources.udpDatagrams, rel) } : {}),
    ...(sources.icmpMessages ? { icmpMessages: traceIcmpMessages(sources.icmpMessages, rel) } : {}),
    syscalls,
    processEvents,
    steps,
    counters: sources.counters ?? [],
  };
  const parsed = traceSchema.safeParse(trace);
  if (!parsed.success)
    throw new TraceError('trace/invalid-trace', `merged trace violates its schema: ${parsed.error.message}`);
  return parsed.data;
}

function abs(x: bigint): bigint {
  return x < 0n ? -x : x;
}

/** Relative sequence numbers: offsets from each sender's ISN (its SYN, else its first segment). */
function buildPackets(
  segments: CapturedSegment[],
  owner: Map<number, Draft>,
  rel: (t: bigint) => number,
): TracePacket[] {
  const isn = new Map<string, number>();
  for (const s of segments) {
    const k = `${key(s.src)}>${key(s.dst)}`;
    if (s.flags.syn || !isn.has(k)) isn.set(k, s.seq);
  }
  return segments.map((s, i) => {
    const own = isn.get(`${key(s.src)}>${key(s.dst)}`)!;
    const peer = isn.get(`${key(s.dst)}>${key(s.src)}`);
    return {
      index: s.index,
      t: rel(s.tNs),
      link: s.link,
      direction: s.direction,
      connectionId: owner.get(i)?.id ?? null,
      src: s.src,
      dst: s.dst,
      flags: flagsText(s.flags),
      seq: (s.seq - own) >>> 0,
      ack: s.flags.ack ? (peer === undefined ? s.ack : (s.ack - peer) >>> 0) : null,
      len: s.len,
      window: s.window ?? 0,
      ...(s.impairment ? { impairment: s.impairment } : {}),
    };
  });
}

function straceEvents(
  strace: TraceSources['strace'],
  rel: (t: bigint) => number,
): Pick<Trace, 'syscalls' | 'processEvents'> {
  if (!strace) return { syscalls: [], processEvents: [] };
  const mono = (t: bigint): number => rel(realtimeToMonotonic(t, strace.clock));
  const { parsed } = strace;
  const seen = new Set<number>();
  const processEvents: Trace['processEvents'] = [];
  const syscalls = parsed.syscalls.map((s) => {
    if (!seen.has(s.pid)) {
      seen.add(s.pid);
      processEvents.push({ pid: s.pid, t: mono(s.tStartNs), kind: 'start', detail: 'first traced call' });
    }
    return {
      pid: s.pid,
      tStart: mono(s.tStartNs),
      tEnd: s.tEndNs === null ? null : mono(s.tEndNs),
      name: s.name,
      fd: s.fd,
      socket: s.socket ? ipv4Socket(s.socket) : null,
      args: s.args,
      ret: s.ret,
      errno: s.errno,
      errnoText: s.errnoText,
      durationNs: s.durationNs,
    };
  });
  for (const sig of parsed.signals)
    processEvents.push({
      pid: sig.pid,
      t: mono(sig.tNs),
      kind: 'signal',
      signal: sig.signal,
      detail: sig.info,
    });
  for (const e of parsed.exits) {
    processEvents.push(
      e.kind === 'exited'
        ? { pid: e.pid, t: mono(e.tNs), kind: 'exit', exitCode: e.exitCode }
        : { pid: e.pid, t: mono(e.tNs), kind: 'killed', signal: e.signal },
    );
  }
  processEvents.sort((a, b) => a.t - b.t);
  return { syscalls, processEvents };
}

const IPV4 = /^\d+\.\d+\.\d+\.\d+$/;

/** The trace model carries IPv4 endpoints only; IPv6 ones stay visible in `args`. */
function ipv4Socket(socket: StraceSocketInfo): Trace['syscalls'][number]['socket'] {
  return {
    protocol: socket.protocol,
    ...(socket.inode !== undefined ? { inode: socket.inode } : {}),
    ...(socket.local && IPV4.test(socket.local.addr) ? { local: socket.local } : {}),
    ...(socket.remote && IPV4.test(socket.remote.addr) ? { remote: socket.remote } : {}),
  };
}
