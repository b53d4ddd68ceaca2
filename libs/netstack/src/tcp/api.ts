/**
 * The contract between the TCP layer (tcp/*) and its users: the host layer (iface/*),
 * which feeds it segments and timers, and the scripted-peer API, which drives sockets.
 *
 * The TCP layer performs no I/O and reads no clock: every call that can change state
 * takes `now` (milliseconds on the caller's clock, fractional allowed, monotonic), and
 * outgoing segments leave only through the `TcpOutput` callback given at construction.
 * `pollAt()` says when the layer next needs `poll(now)` (retransmission, delayed ACK,
 * persist, keepalive and TIME-WAIT timers).
 */
import type { Endpoint, FourTuple, Ipv4Addr } from '../wire/ip-types';
import type { TcpRepr } from '../wire/tcp-repr';

/** RFC 9293 §3.3.2 states. CLOSED is the state of a socket that exists but holds no connection. */
export type TcpState =
  | 'CLOSED'
  | 'LISTEN'
  | 'SYN_SENT'
  | 'SYN_RECEIVED'
  | 'ESTABLISHED'
  | 'FIN_WAIT_1'
  | 'FIN_WAIT_2'
  | 'CLOSE_WAIT'
  | 'CLOSING'
  | 'LAST_ACK'
  | 'TIME_WAIT';

/** Why a transition happened, in words a learner can follow (e.g. 'rcv SYN,ACK', 'close()', '2MSL timeout'). */
export type TransitionCause = string;

export interface TcpTransition {
  t: number;
  conn: FourTuple;
  from: TcpState;
  to: TcpState;
  cause: TransitionCause;
}

export type SegmentDirection = 'in' | 'out';

export interface SegmentEvent {
  t: number;
  direction: SegmentDirection;
  src: Ipv4Addr;
  dst: Ipv4Addr;
  tcp: TcpRepr;
  /** Set when the layer dropped an incoming segment, e.g. 'unacceptable', 'bad ack', 'no listener'. */
  dropped?: string;
}

/** Sends one segment toward the network (the host adds IP and Ethernet). */
export type TcpOutput = (src: Ipv4Addr, dst: Ipv4Addr, segment: TcpRepr) => void;

export interface TcpConfig {
  /** Maximum segment size we announce and send with (RFC 9293 §3.7.1). Default 1460. */
  mss: number;
  /** Receive buffer size in bytes; the advertised window never exceeds it. Default 65535. */
  receiveBufferSize: number;
  /** Send buffer size in bytes; `send` accepts at most this much unsent+unacked data. Default 1 MiB. */
  sendBufferSize: number;
  /** Window scale shift we offer (RFC 7323); null = do not offer. Default null. */
  windowScale: number | null;
  /** Initial retransmission timeout in ms (RFC 6298 §2.1). Default 1000. */
  initialRto: number;
  /** Lower and upper bound on the RTO in ms (RFC 6298 §2.4, §2.5). Defaults 200 and 60000. */
  minRto: number;
  maxRto: number;
  /** Retransmissions of one segment before the connection is aborted. Default 8. */
  maxRetransmissions: number;
  /**
   * Delayed-ACK timeout in ms (RFC 9293 §3.8.6.3), for data and for a FIN received in
   * ESTABLISHED (a close() on end-of-stream within it sends FIN+ACK); 0 = acknowledge at
   * once. Default 40.
   */
  delayedAck: number;
  /** 2×MSL: how long TIME-WAIT lasts, in ms (RFC 9293 §3.6.1). Default 60000. */
  timeWait: number;
  /** Keepalive (RFC 9293 §3.8.4); null = off. Default null. */
  keepalive: { idle: number; interval: number; probes: number } | null;
  /**
   * 'reno': RFC 5681 slow start, congestion avoidance and fast recovery with the RFC 6928
   * initial window; 'none': send as far as the peer's window allows. Default 'reno'.
   */
  congestionControl: 'reno' | 'none';
  /** Persist timer bounds for zero-window probing (RFC 9293 §3.8.6.1), ms. */
  persistMin: number;
  persistMax: number;
  /**
   * ISN generation: 'rfc6528' (clock + keyed hash of the 4-tuple) or a seed for reproducible
   * runs (same seed + same 4-tuples = same ISNs).
   */
  isn: { kind: 'rfc6528'; secret: Uint8Array } | { kind: 'seeded'; seed: number };
}

export interface SendOptions {
  /**
   * How to cut the data into segments:
   * - 'auto' (default): as large as MSS and the peer's window allow, coalescing with queued data;
   * - a number n: segments of at most n bytes, never coalesced with other writes;
   * - an array of sizes: exactly these segment sizes in order (must sum to data.length).
   */
  segmentation?: 'auto' | number | number[];
  /** Set PSH on the last segment of this write. Default true. */
  push?: boolean;
}

export interface TcpSocketEvents {
  /** A state transition of this socket. */
  state: (transition: TcpTransition) => void;
  /** New bytes are readable (call `read`). */
  data: () => void;
  /** The peer's FIN has been received and all data before it read or buffered. */
  eof: () => void;
  /** The connection was reset (RST received) or aborted after too many retransmissions. */
  reset: (reason: 'rst-received' | 'timeout' | 'aborted') => void;
  /** Buffered send data was acknowledged; more can be sent. */
  writable: () => void;
}

export interface TcpSocket {
  readonly id: number;
  readonly state: TcpState;
  readonly local: Endpoint;
  readonly remote: Endpoint;
  /** Initial send and receive sequence numbers (for relative numbering); null before known. */
  readonly iss: number | null;
  readonly irs: number | null;
  /** Bytes received and not yet read. */
  readonly readableBytes: number;
  /** True once the peer's FIN has been received. */
  readonly peerClosed: boolean;

  /** Queues data; returns how many bytes were accepted (limited by the send buffer). */
  send(now: number, data: Uint8Array, options?: SendOptions): number;
  /** Takes up to `max` buffered bytes (all when omitted). Reading opens the window again. */
  read(now: number, max?: number): Uint8Array;
  /** Stop taking data from the receive buffer: the window closes as it fills (zero window). */
  pauseReading(): void;
  resumeReading(now: number): void;
  /** shutdown(SHUT_WR): FIN after queued data; reading continues (half-close). */
  shutdownWrite(now: number): void;
  /** close(): like the kernel, RST at once if unread data remains, else FIN after queued data. */
  close(now: number): void;
  /** Abort: send RST now and forget the connection. */
  abort(now: number): void;

  on<E extends keyof TcpSocketEvents>(event: E, listener: TcpSocketEvents[E]): void;
  off<E extends keyof TcpSocketEvents>(event: E, listener: TcpSocketEvents[E]): void;
}

export interface TcpListener {
  readonly port: number;
  readonly backlog: number;
  /** Connections that completed the handshake and wait in the accept queue. */
  readonly pending: number;
  /** Takes the oldest established connection, or null. */
  accept(): TcpSocket | null;
  /** Called when a connection enters the accept queue. */
  onConnection(listener: () => void): void;
  /** Closes the listener; queued connections are reset. */
  close(now: number): void;
}

/** What to do with a SYN that arrives for a port nobody listens on, or for a listener that is told to. */
export type SynPolicy = 'accept' | 'refuse' | 'drop';

export interface TcpLayerHooks {
  onTransition?: (transition: TcpTransition) => void;
  onSegment?: (event: SegmentEvent) => void;
}

export interface TcpLayer {
  readonly config: Readonly<TcpConfig>;
  /** The host feeds every TCP segment addressed to one of its addresses (checksum already verified). */
  receive(now: number, src: Ipv4Addr, dst: Ipv4Addr, segment: TcpRepr): void;
  /** Runs due timers. */
  poll(now: number): void;
  /** Next time `poll` must run, or null when no timer is pending. */
  pollAt(): number | null;

  listen(now: number, port: number, options?: { backlog?: number; addr?: Ipv4Addr }): TcpListener;
  /** Active open; `localPort` defaults to an ephemeral port. */
  connect(now: number, remote: Endpoint, options?: { localPort?: number; localAddr?: Ipv4Addr }): TcpSocket;
  /** SYNs for `port` are answered with RST ('refuse'), silently ignored ('drop'), or handled normally. */
  setSynPolicy(port: number | 'all', policy: SynPolicy): void;
  /** Forget every connection and listener without sending anything (host reboot / crash). */
  forgetAll(): void;
  sockets(): TcpSocket[];
}
