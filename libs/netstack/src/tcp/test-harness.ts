/**
 * Test support (not exported): drives one TCP layer with hand-built segments from a
 * scripted remote host on a virtual clock, and records everything the layer emits.
 */
import { parseIpv4 } from '../wire/ip-types';
import { NO_FLAGS, type TcpFlags, type TcpRepr } from '../wire/tcp-repr';
import type { SegmentEvent, TcpConfig, TcpLayer, TcpListener, TcpSocket, TcpTransition } from './api';
import { createTcpLayer } from './layer';
import { seqAdd } from './seq';

export const LOCAL_ADDR = parseIpv4('10.0.0.1');
export const REMOTE_ADDR = parseIpv4('10.0.0.2');
export const LOCAL_PORT = 80;
export const REMOTE_PORT = 40000;
/** The remote's initial sequence number in scripted handshakes. */
export const REMOTE_ISS = 1000;

export type FlagName = keyof TcpFlags;

export function flags(...names: FlagName[]): TcpFlags {
  const result = { ...NO_FLAGS };
  for (const name of names) result[name] = true;
  return result;
}

export function bytes(length: number, seed = 0): Uint8Array {
  const data = new Uint8Array(length);
  for (let i = 0; i < length; i++) data[i] = (i * 31 + seed) & 0xff;
  return data;
}

export interface SegmentSpec {
  seq: number;
  ack?: number;
  flags?: FlagName[];
  window?: number;
  payload?: Uint8Array;
  options?: TcpRepr['options'];
  srcPort?: number;
  dstPort?: number;
}

export function segment(spec: SegmentSpec): TcpRepr {
  const names = spec.flags ?? (spec.ack !== undefined ? ['ack'] : []);
  return {
    srcPort: spec.srcPort ?? REMOTE_PORT,
    dstPort: spec.dstPort ?? LOCAL_PORT,
    seq: spec.seq >>> 0,
    ack: (spec.ack ?? 0) >>> 0,
    flags: flags(...names),
    window: spec.window ?? 65535,
    urgentPointer: 0,
    options: spec.options ?? {},
    payload: spec.payload ?? new Uint8Array(0),
  };
}

/** A short, readable rendering of a segment's flags, e.g. 'SYN,ACK'. */
export function flagString(repr: TcpRepr): string {
  const order: FlagName[] = ['syn', 'fin', 'rst', 'psh', 'ack'];
  return order
    .filter((name) => repr.flags[name])
    .map((name) => name.toUpperCase())
    .join(',');
}

export class Harness {
  readonly layer: TcpLayer;
  readonly sent: TcpRepr[] = [];
  readonly events: SegmentEvent[] = [];
  readonly transitions: TcpTransition[] = [];
  now = 0;

  constructor(config: Partial<TcpConfig> = {}) {
    this.layer = createTcpLayer({
      localAddrs: [LOCAL_ADDR],
      config: { delayedAck: 0, ...config },
      output: (src, dst, seg) => {
        if (src !== LOCAL_ADDR || dst !== REMOTE_ADDR)
          throw new Error('segment sent between the wrong addresses');
        this.sent.push(seg);
      },
      hooks: {
        onSegment: (event) => this.events.push(event),
        onTransition: (transition) => this.transitions.push(transition),
      },
    });
  }

  /** Delivers a segment from the remote host at the current time. */
  deliver(spec: SegmentSpec): void {
    this.layer.receive(this.now, REMOTE_ADDR, LOCAL_ADDR, segment(spec));
  }

  /** The drop reason of the last incoming segment, or undefined. */
  get lastDrop(): string | undefined {
    return [...this.events].reverse().find((e) => e.direction === 'in')?.dropped;
  }

  /** Segments sent since the last call. */
  take(): TcpRepr[] {
    return this.sent.splice(0, this.sent.length);
  }

  takeOne(): TcpRepr {
    const out = this.take();
    expect(out.map(flagString)).toHaveLength(1);
    return out[0]!;
  }

  /** Advances the virtual clock to `time`, running every timer that falls due on the way. */
  advanceTo(time: number): void {
    for (;;) {
      const at = this.layer.pollAt();
      if (at === null || at > time) break;
      this.now = Math.max(this.now, at);
      this.layer.poll(this.now);
    }
    this.now = time;
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.now + ms);
  }

  listen(backlog?: number): TcpListener {
    return this.layer.listen(this.now, LOCAL_PORT, backlog === undefined ? {} : { backlog });
  }

  /** Passive open completed by a scripted client; returns the accepted socket. */
  acceptConnection(options: { window?: number; synOptions?: TcpRepr['options'] } = {}): {
    socket: TcpSocket;
    iss: number;
  } {
    const listener = this.listen();
    this.deliver({ seq: REMOTE_ISS, flags: ['syn'], options: options.synOptions ?? { mss: 1460 } });
    const synAck = this.takeOne();
    this.deliver({ seq: REMOTE_ISS + 1, ack: seqAdd(synAck.seq, 1), window: options.window ?? 65535 });
    const socket = listener.accept();
    if (socket === null) throw new Error('handshake did not complete');
    return { socket, iss: synAck.seq };
  }

  /** Active open answered by a scripted server; returns the socket in ESTABLISHED. */
  openConnection(options: { synAckOptions?: TcpRepr['options']; window?: number } = {}): {
    socket: TcpSocket;
    iss: number;
  } {
    const socket = this.layer.connect(
      this.now,
      { addr: REMOTE_ADDR, port: REMOTE_PORT },
      { localPort: LOCAL_PORT },
    );
    const syn = this.takeOne();
    this.deliver({
      seq: REMOTE_ISS,
      ack: seqAdd(syn.seq, 1),
      flags: ['syn', 'ack'],
      window: options.window ?? 65535,
      options: options.synAckOptions ?? { mss: 1460 },
    });
    this.take(); // the ACK completing the handshake
    return { socket, iss: syn.seq };
  }
}
