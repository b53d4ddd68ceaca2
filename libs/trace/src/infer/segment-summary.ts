/**
 * The least a passive observer needs to know about a captured TCP segment. Built from any
 * parser: `segmentFromTcpRepr` adapts libs/netstack's `TcpRepr`.
 */
import { formatIpv4, type Ipv4Addr, type TcpRepr } from '@socklab/netstack';
import type { SocketAddress } from '../model/trace-schema';

export interface SegmentFlags {
  fin: boolean;
  syn: boolean;
  rst: boolean;
  psh: boolean;
  ack: boolean;
  urg?: boolean;
  ece?: boolean;
  cwr?: boolean;
}

export interface SegmentSummary {
  /** CLOCK_MONOTONIC ns at the capture point. */
  tNs: bigint;
  src: SocketAddress;
  dst: SocketAddress;
  flags: SegmentFlags;
  /** Absolute 32-bit sequence and acknowledgment numbers (ack meaningful with flags.ack). */
  seq: number;
  ack: number;
  /** Payload bytes. */
  len: number;
  window?: number;
}

const FLAG_LETTERS: Array<[keyof SegmentFlags, string]> = [
  ['fin', 'F'],
  ['syn', 'S'],
  ['rst', 'R'],
  ['psh', 'P'],
  ['ack', '.'],
  ['urg', 'U'],
  ['ece', 'E'],
  ['cwr', 'W'],
];

/** tcpdump's notation and order: 'S', 'S.', '.', 'P.', 'F.', 'FP.', 'R', 'R.'; 'none' for no flags. */
export function flagsText(flags: SegmentFlags): string {
  const text = FLAG_LETTERS.filter(([k]) => flags[k])
    .map(([, letter]) => letter)
    .join('');
  return text === '' ? 'none' : text;
}

/** Sequence space the segment occupies: payload + 1 for SYN + 1 for FIN (RFC 9293 §3.4). */
export function sequenceLength(s: Pick<SegmentSummary, 'flags' | 'len'>): number {
  return s.len + (s.flags.syn ? 1 : 0) + (s.flags.fin ? 1 : 0);
}

/** a − b in sequence space, as a signed 32-bit distance (RFC 9293 §3.4 modular comparison). */
export function seqDiff(a: number, b: number): number {
  return ((a - b) | 0) as number;
}

export function segmentFromTcpRepr(tNs: bigint, src: Ipv4Addr, dst: Ipv4Addr, repr: TcpRepr): SegmentSummary {
  return {
    tNs,
    src: { addr: formatIpv4(src), port: repr.srcPort },
    dst: { addr: formatIpv4(dst), port: repr.dstPort },
    flags: { ...repr.flags },
    seq: repr.seq,
    ack: repr.ack,
    len: repr.payload.length,
    window: repr.window,
  };
}
