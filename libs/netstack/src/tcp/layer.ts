/**
 * The TCP layer of one host: demultiplexes arriving segments by 4-tuple to connections,
 * then to listeners, and answers the rest with RST (RFC 9293 §3.10.7.1); allocates
 * ephemeral ports; runs timers; and delivers every event in order.
 *
 * Event delivery: segments out, hook calls and socket events raised during a call into
 * the layer are queued and delivered, in the order they happened, when the outermost
 * call returns. Handlers may call back into the layer; what they cause is delivered in
 * the same pass. An arriving segment's SegmentEvent comes before anything it caused.
 */
import type { Endpoint, FourTuple, Ipv4Addr } from '../wire/ip-types';
import { segmentLength, type TcpRepr } from '../wire/tcp-repr';
import type {
  SegmentEvent,
  SynPolicy,
  TcpConfig,
  TcpLayer,
  TcpLayerHooks,
  TcpListener,
  TcpOutput,
  TcpSocket,
  TcpTransition,
} from './api';
import { resolveTcpConfig } from './config';
import { Connection, type ConnectionHost } from './connection';
import { TcpError } from './errors';
import { openActive, openPassive } from './handshake';
import { segmentArrives } from './input';
import { createIsnGenerator, type IsnGenerator } from './isn';
import { Listener, resetSegment, type ListenerHost } from './listener';
import { seqAdd } from './seq';
import { runDueTimers } from './timers';

/** IANA dynamic port range (RFC 6335 §6). */
const EPHEMERAL_FIRST = 49152;
const EPHEMERAL_LAST = 65535;
/** Linux's default listen backlog cap (SOMAXCONN before 5.4). */
const DEFAULT_BACKLOG = 128;
const ANY_ADDR = 0;

export interface TcpLayerOptions {
  localAddrs: Ipv4Addr[];
  config?: Partial<TcpConfig>;
  hooks?: TcpLayerHooks;
  output: TcpOutput;
}

export function createTcpLayer(options: TcpLayerOptions): TcpLayer {
  return new Layer(options);
}

function connectionKey(local: Endpoint, remote: Endpoint): string {
  return `${local.addr}:${local.port}>${remote.addr}:${remote.port}`;
}

function listenerKey(addr: Ipv4Addr, port: number): string {
  return `${addr}:${port}`;
}

class Layer implements TcpLayer, ConnectionHost, ListenerHost {
  readonly config: Readonly<TcpConfig>;
  private readonly localAddrs: Ipv4Addr[];
  private readonly hooks: TcpLayerHooks;
  private readonly output: TcpOutput;
  private readonly isn: IsnGenerator;
  private readonly connections = new Map<string, Connection>();
  private readonly listeners = new Map<string, Listener>();
  private readonly synPolicies = new Map<number, SynPolicy>();
  private defaultSynPolicy: SynPolicy = 'accept';
  private nextEphemeral = EPHEMERAL_FIRST;
  private nextSocketId = 1;
  /** The latest time any call told us; the clock of forgetAll(), which takes none. */
  private lastNow = 0;
  private readonly pending: Array<() => void> = [];
  private depth = 0;
  private flushing = false;

  constructor(options: TcpLayerOptions) {
    if (options.localAddrs.length === 0)
      throw new TcpError('tcp/invalid-argument', 'a TCP layer needs a local address');
    this.config = resolveTcpConfig(options.config);
    this.localAddrs = [...options.localAddrs];
    this.hooks = options.hooks ?? {};
    this.output = options.output;
    this.isn = createIsnGenerator(this.config.isn);
  }

  // ---- event delivery -------------------------------------------------------------

  run<T>(body: () => T): T {
    this.depth += 1;
    try {
      return body();
    } finally {
      this.depth -= 1;
      if (this.depth === 0 && !this.flushing) this.flush();
    }
  }

  defer(callback: () => void): void {
    this.pending.push(callback);
  }

  private flush(): void {
    this.flushing = true;
    let delivered = 0;
    try {
      while (delivered < this.pending.length) this.pending[delivered++]();
    } finally {
      this.pending.splice(0, delivered);
      this.flushing = false;
    }
  }

  transmitSegment(now: number, src: Ipv4Addr, dst: Ipv4Addr, segment: TcpRepr): void {
    this.defer(() => {
      this.hooks.onSegment?.({ t: now, direction: 'out', src, dst, tcp: segment });
      this.output(src, dst, segment);
    });
  }

  reportTransition(transition: TcpTransition): void {
    const hook = this.hooks.onTransition;
    if (hook) this.defer(() => hook(transition));
  }

  // ---- segments in ----------------------------------------------------------------

  receive(now: number, src: Ipv4Addr, dst: Ipv4Addr, segment: TcpRepr): void {
    this.run(() => {
      this.lastNow = Math.max(this.lastNow, now);
      const event: SegmentEvent = { t: now, direction: 'in', src, dst, tcp: segment };
      const hook = this.hooks.onSegment;
      if (hook) this.defer(() => hook(event));
      const dropped = this.dispatch(now, src, dst, segment);
      if (dropped !== undefined) event.dropped = dropped;
    });
  }

  private dispatch(now: number, src: Ipv4Addr, dst: Ipv4Addr, seg: TcpRepr): string | undefined {
    const conn = this.connections.get(
      connectionKey({ addr: dst, port: seg.dstPort }, { addr: src, port: seg.srcPort }),
    );
    if (conn) return segmentArrives(conn, now, seg);
    const isConnectionRequest = seg.flags.syn && !seg.flags.ack && !seg.flags.rst;
    if (isConnectionRequest) {
      const policy = this.synPolicies.get(seg.dstPort) ?? this.defaultSynPolicy;
      if (policy === 'drop') return 'SYN dropped by policy';
      if (policy === 'refuse') {
        this.replyNoConnection(now, src, dst, seg);
        return 'SYN refused by policy (RST sent)';
      }
    }
    const listener =
      this.listeners.get(listenerKey(dst, seg.dstPort)) ??
      this.listeners.get(listenerKey(ANY_ADDR, seg.dstPort));
    if (listener) return listener.segmentArrives(now, src, dst, seg);
    if (seg.flags.rst) return 'RST for no connection';
    this.replyNoConnection(now, src, dst, seg);
    return 'no connection (RST sent)';
  }

  /**
   * §3.10.7.1: if the segment has ACK, <SEQ=SEG.ACK><CTL=RST>; otherwise
   * <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>.
   */
  private replyNoConnection(now: number, src: Ipv4Addr, dst: Ipv4Addr, seg: TcpRepr): void {
    const reset = seg.flags.ack
      ? resetSegment(seg, seg.ack, null)
      : resetSegment(seg, 0, seqAdd(seg.seq, segmentLength(seg)));
    this.sendReset(now, dst, src, reset);
  }

  sendReset(now: number, src: Ipv4Addr, dst: Ipv4Addr, reset: TcpRepr): void {
    this.transmitSegment(now, src, dst, reset);
  }

  // ---- timers ---------------------------------------------------------------------

  poll(now: number): void {
    this.run(() => {
      this.lastNow = Math.max(this.lastNow, now);
      for (const conn of [...this.connections.values()]) {
        if (!conn.released) runDueTimers(conn, now);
      }
    });
  }

  pollAt(): number | null {
    let next: number | null = null;
    for (const conn of this.connections.values()) {
      const at = conn.nextDeadline();
      if (at !== null && (next === null || at < next)) next = at;
    }
    return next;
  }

  // ---- opening and closing --------------------------------------------------------

  listen(now: number, port: number, options: { backlog?: number; addr?: Ipv4Addr } = {}): TcpListener {
    return this.run(() => {
      this.lastNow = Math.max(this.lastNow, now);
      const addr = options.addr ?? ANY_ADDR;
      if (addr !== ANY_ADDR) this.checkLocal(addr);
      const backlog = options.backlog ?? DEFAULT_BACKLOG;
      if (!Number.isInteger(backlog) || backlog < 0) {
        throw new TcpError('tcp/invalid-argument', `backlog must be a non-negative integer, got ${backlog}`);
      }
      const boundPort = port === 0 ? this.allocatePort(addr) : port;
      const key = listenerKey(addr, boundPort);
      if (this.listeners.has(key))
        throw new TcpError('tcp/address-in-use', `port ${boundPort} is already listening`);
      const listener = new Listener(addr, boundPort, backlog, this);
      this.listeners.set(key, listener);
      this.reportTransition({
        t: now,
        conn: listenerTuple(listener),
        from: 'CLOSED',
        to: 'LISTEN',
        cause: 'listen()',
      });
      return listener;
    });
  }

  closeListener(listener: Listener, now: number): void {
    this.run(() => {
      const key = listenerKey(listener.addr, listener.port);
      if (this.listeners.get(key) !== listener) return;
      this.listeners.delete(key);
      this.reportTransition({
        t: now,
        conn: listenerTuple(listener),
        from: 'LISTEN',
        to: 'CLOSED',
        cause: 'close()',
      });
      // Like inet_csk_listen_stop(): half-open connections vanish, queued ones are reset.
      for (const embryo of [...listener.embryos]) embryo.terminate(now, 'listener closed', null);
      let queued: TcpSocket | null;
      while ((queued = listener.accept()) !== null)
        (queued as Connection).resetAndClose(now, 'listener closed');
    });
  }

  spawn(listener: Listener, now: number, local: Endpoint, remote: Endpoint, syn: TcpRepr): Connection {
    const conn = this.register(local, remote, listener);
    openPassive(conn, now, this.isn.next({ local, remote }, now), syn);
    return conn;
  }

  connect(
    now: number,
    remote: Endpoint,
    options: { localPort?: number; localAddr?: Ipv4Addr } = {},
  ): TcpSocket {
    return this.run(() => {
      this.lastNow = Math.max(this.lastNow, now);
      const localAddr = options.localAddr ?? this.localAddrs[0];
      this.checkLocal(localAddr);
      const localPort = options.localPort ?? this.allocatePort(localAddr);
      const local = { addr: localAddr, port: localPort };
      if (this.connections.has(connectionKey(local, remote))) {
        throw new TcpError('tcp/address-in-use', `a connection ${localPort} → ${remote.port} already exists`);
      }
      const conn = this.register(local, { ...remote }, null);
      openActive(conn, now, this.isn.next({ local, remote }, now));
      return conn;
    });
  }

  private register(local: Endpoint, remote: Endpoint, listener: Listener | null): Connection {
    const conn = new Connection(
      this.nextSocketId++,
      this.config,
      { ...local },
      { ...remote },
      this,
      listener,
    );
    this.connections.set(connectionKey(local, remote), conn);
    return conn;
  }

  release(conn: Connection): void {
    const key = connectionKey(conn.local, conn.remote);
    if (this.connections.get(key) === conn) this.connections.delete(key);
  }

  setSynPolicy(port: number | 'all', policy: SynPolicy): void {
    if (port === 'all') {
      this.synPolicies.clear();
      this.defaultSynPolicy = policy;
    } else {
      this.synPolicies.set(port, policy);
    }
  }

  /**
   * A crash: every connection and listener disappears silently. Transitions to CLOSED are
   * still reported (cause 'host crash') so traces show where each connection ended.
   */
  forgetAll(): void {
    this.run(() => {
      for (const conn of [...this.connections.values()]) {
        conn.transition(this.lastNow, 'CLOSED', 'host crash (forgetAll)');
      }
      this.connections.clear();
      this.listeners.clear();
    });
  }

  sockets(): TcpSocket[] {
    return [...this.connections.values()];
  }

  private checkLocal(addr: Ipv4Addr): void {
    if (!this.localAddrs.includes(addr)) {
      throw new TcpError(
        'tcp/address-not-local',
        `address ${addr >>> 0} is not one of this host's addresses`,
      );
    }
  }

  /** The next port of the dynamic range not bound on `addr` by a connection or listener. */
  private allocatePort(addr: Ipv4Addr): number {
    const inUse = new Set<number>();
    for (const conn of this.connections.values()) if (conn.local.addr === addr) inUse.add(conn.local.port);
    for (const listener of this.listeners.values()) {
      if (listener.addr === addr || listener.addr === ANY_ADDR) inUse.add(listener.port);
    }
    const rangeSize = EPHEMERAL_LAST - EPHEMERAL_FIRST + 1;
    for (let tried = 0; tried < rangeSize; tried++) {
      const port = this.nextEphemeral;
      this.nextEphemeral = port === EPHEMERAL_LAST ? EPHEMERAL_FIRST : port + 1;
      if (!inUse.has(port)) return port;
    }
    throw new TcpError('tcp/no-free-port', 'every ephemeral port is in use');
  }
}

function listenerTuple(listener: Listener): FourTuple {
  return { local: { addr: listener.addr, port: listener.port }, remote: { addr: ANY_ADDR, port: 0 } };
}
