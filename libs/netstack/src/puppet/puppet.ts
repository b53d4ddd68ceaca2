/**
 * Puppet mode (packetdrill / packetimpact style): a script owns one TCP 4-tuple on a
 * host, injects raw segments with chosen flags, numbers, window and payload, and expects
 * segments matching a partial pattern. The host's TcpLayer never sees that 4-tuple.
 *
 * Numbering is relative, as in packetdrill: a segment's seq is relative to its sender's
 * ISN, its ack to the receiver's. Our ISN is `iss` (an option); the remote's is learnt
 * from the first SYN (or SYN-ACK) it sends.
 */
import type { Driver } from '../clock/driver';
import { NetError } from '../iface/errors';
import type { Host } from '../iface/host';
import { formatEndpoint, type Endpoint } from '../wire/ip-types';
import { segmentLength, type TcpOptions, type TcpRepr } from '../wire/tcp-repr';
import { WaitSet } from '../peer/waiter';
import { formatFlags, parseFlags } from './flags';

export interface InjectSpec {
  flags: string;
  /** Relative to our ISN; default: the next unsent sequence number. */
  seq?: number;
  /** Relative to the remote's ISN; default: everything the remote sent so far. Ignored without '.'. */
  ack?: number;
  /** Raw 16-bit window field; default 65535. */
  win?: number;
  payload?: Uint8Array | string;
  options?: TcpOptions;
}

export interface SegmentPattern {
  /** Exact flag set, e.g. 'S.' */
  flags?: string;
  /** Relative to the remote's ISN. */
  seq?: number;
  /** Relative to our ISN. */
  ack?: number;
  win?: number;
  payloadLength?: number;
  payload?: Uint8Array | string;
  /** Each given option must be present with an equal value. */
  options?: Partial<TcpOptions>;
}

export interface ObservedSegment {
  t: number;
  tcp: TcpRepr;
  /** Relative numbers (null while the corresponding ISN is unknown). */
  seq: number | null;
  ack: number | null;
}

export interface PuppetOptions {
  localPort: number;
  /** Known for an active open; for a passive one it is learnt from the first segment. */
  remote?: Endpoint;
  /** Our initial sequence number. */
  iss?: number;
}

const encoder = new TextEncoder();
const toBytes = (data: Uint8Array | string | undefined) =>
  data === undefined ? new Uint8Array(0) : typeof data === 'string' ? encoder.encode(data) : data;

export class Puppet {
  readonly iss: number;
  private irsValue: number | null = null;
  private remoteEndpoint: Endpoint | null;
  private sndNxt: number;
  private rcvNxt: number | null = null;
  private readonly unread: ObservedSegment[] = [];
  private readonly seen: ObservedSegment[] = [];
  private readonly waits: WaitSet;
  private readonly release: () => void;

  constructor(
    readonly host: Host,
    private readonly driver: Driver,
    readonly options: PuppetOptions,
  ) {
    this.iss = (options.iss ?? 0x5eed0000) >>> 0;
    this.sndNxt = this.iss;
    this.remoteEndpoint = options.remote ?? null;
    this.waits = new WaitSet(driver);
    this.release = host.interceptTcp((now, src, dst, segment) => {
      if (dst !== host.addr || segment.dstPort !== options.localPort) return false;
      const remote = this.remoteEndpoint;
      if (remote && (remote.addr !== src || remote.port !== segment.srcPort)) return false;
      if (!remote) this.remoteEndpoint = { addr: src, port: segment.srcPort };
      this.observe(now, segment);
      return true;
    });
  }

  get irs(): number | null {
    return this.irsValue;
  }

  get remote(): Endpoint | null {
    return this.remoteEndpoint;
  }

  /** Every segment received for the 4-tuple so far, in order. */
  get received(): readonly ObservedSegment[] {
    return this.seen;
  }

  /** Sends one segment now, bypassing the TCP layer. Returns what was sent. */
  inject(spec: InjectSpec): TcpRepr {
    const remote = this.remoteEndpoint;
    if (!remote)
      throw new NetError(
        'puppet/unknown-isn',
        'inject: no remote endpoint yet (give `remote` or expect a SYN first)',
      );
    const flags = parseFlags(spec.flags);
    const payload = toBytes(spec.payload);
    const seq = spec.seq === undefined ? this.sndNxt : (this.iss + spec.seq) >>> 0;
    let ack = 0;
    if (flags.ack) {
      if (spec.ack !== undefined) {
        if (this.irsValue === null) {
          throw new NetError(
            'puppet/unknown-isn',
            `inject ${spec.flags} ack ${spec.ack}: the remote's ISN is not known yet`,
          );
        }
        ack = (this.irsValue + spec.ack) >>> 0;
      } else if (this.rcvNxt !== null) ack = this.rcvNxt;
    }
    const segment: TcpRepr = {
      srcPort: this.options.localPort,
      dstPort: remote.port,
      seq,
      ack,
      flags,
      window: spec.win ?? 65535,
      urgentPointer: 0,
      options: spec.options ?? {},
      payload,
    };
    const end = (seq + segmentLength(segment)) >>> 0;
    if (((end - this.sndNxt) | 0) > 0) this.sndNxt = end;
    const now = this.driver.now();
    this.host.noteTime(now);
    this.host.sendTcpSegment(now, remote.addr, segment);
    this.driver.kick();
    return segment;
  }

  /**
   * Resolves with the first segment received (since the last expect) that matches;
   * earlier non-matching ones are consumed. Rejects with 'puppet/timeout' listing what
   * arrived instead when nothing matches within `within` ms.
   */
  expect(pattern: SegmentPattern, options: { within: number }): Promise<ObservedSegment> {
    const skipped: ObservedSegment[] = [];
    return this.waits.waitFor(
      () => {
        for (let next = this.unread.shift(); next; next = this.unread.shift()) {
          if (this.matches(next, pattern)) return next;
          skipped.push(next);
        }
        return undefined;
      },
      () =>
        `${describePattern(pattern)} on ${this.describeTuple()}; ` +
        (skipped.length === 0
          ? 'nothing arrived'
          : `saw instead: ${skipped.map((s) => this.format(s)).join(' | ')}`),
      options.within,
      'puppet/timeout',
    );
  }

  /** Resolves if no segment arrives within `within` ms; rejects with the one that did. */
  async expectNothing(options: { within: number }): Promise<void> {
    const start = this.seen.length;
    await new Promise<void>((resolve) =>
      this.driver.setTimer(this.driver.now() + options.within, () => resolve()),
    );
    if (this.seen.length > start) {
      throw new NetError(
        'puppet/unexpected',
        `expected silence on ${this.describeTuple()}, got ${this.format(this.seen[start])}`,
      );
    }
    this.unread.length = 0;
  }

  /** tcpdump-like line with relative numbers: "S. seq 0 ack 1 win 65535 len 0 <mss 1460>". */
  format(segment: ObservedSegment): string {
    const t = segment.tcp;
    const opts = Object.entries(t.options)
      .map(([k, v]) => `${k} ${JSON.stringify(v)}`)
      .join(',');
    return (
      `${formatFlags(t.flags)} seq ${segment.seq ?? t.seq}` +
      (t.flags.ack ? ` ack ${segment.ack ?? t.ack}` : '') +
      ` win ${t.window} len ${t.payload.length}` +
      (opts ? ` <${opts}>` : '')
    );
  }

  /** Stops intercepting: the TCP layer sees the 4-tuple again. */
  close(): void {
    this.release();
  }

  private observe(now: number, segment: TcpRepr): void {
    const tcp = { ...segment, payload: segment.payload.slice() };
    if (tcp.flags.syn && this.irsValue === null) this.irsValue = tcp.seq;
    const end = (tcp.seq + segmentLength(tcp)) >>> 0;
    if (this.irsValue !== null && (this.rcvNxt === null || ((end - this.rcvNxt) | 0) > 0)) this.rcvNxt = end;
    const observed: ObservedSegment = {
      t: now,
      tcp,
      seq: this.irsValue === null ? null : (tcp.seq - this.irsValue) >>> 0,
      ack: tcp.flags.ack ? (tcp.ack - this.iss) >>> 0 : null,
    };
    this.seen.push(observed);
    this.unread.push(observed);
    this.waits.recheck();
  }

  private matches(s: ObservedSegment, p: SegmentPattern): boolean {
    if (p.flags !== undefined && formatFlags(s.tcp.flags) !== formatFlags(parseFlags(p.flags))) return false;
    if (p.seq !== undefined && s.seq !== p.seq >>> 0) return false;
    if (p.ack !== undefined && s.ack !== p.ack >>> 0) return false;
    if (p.win !== undefined && s.tcp.window !== p.win) return false;
    if (p.payloadLength !== undefined && s.tcp.payload.length !== p.payloadLength) return false;
    if (
      p.payload !== undefined &&
      Buffer.compare(Buffer.from(s.tcp.payload), Buffer.from(toBytes(p.payload))) !== 0
    ) {
      return false;
    }
    for (const [key, value] of Object.entries(p.options ?? {})) {
      if (JSON.stringify(s.tcp.options[key as keyof TcpOptions]) !== JSON.stringify(value)) return false;
    }
    return true;
  }

  private describeTuple(): string {
    const local = `${formatEndpoint({ addr: this.host.addr, port: this.options.localPort })}`;
    return this.remoteEndpoint
      ? `${local} ↔ ${formatEndpoint(this.remoteEndpoint)}`
      : `${local} (no remote yet)`;
  }
}

function describePattern(p: SegmentPattern): string {
  const parts = Object.entries(p).map(([k, v]) => `${k} ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  return `a segment with ${parts.join(', ') || 'anything'}`;
}
