/**
 * High-level representation of a TCP segment (RFC 9293 §3.1), independent of its bytes.
 * `parseTcp` (wire/tcp.ts) produces it from a checked view; `emitTcp` writes it back.
 *
 * All sequence numbers are unsigned 32-bit integers (0 … 2^32-1); compare them only with
 * the modular helpers in tcp/seq.ts, never with `<`.
 */
import type { Ipv4Addr } from './ip-types';

export interface TcpFlags {
  fin: boolean;
  syn: boolean;
  rst: boolean;
  psh: boolean;
  ack: boolean;
  urg: boolean;
  ece: boolean;
  cwr: boolean;
}

/** Options of RFC 9293 §3.2 and RFC 7323/2018. Absent = not present on the segment. */
export interface TcpOptions {
  /** Maximum segment size (RFC 9293 §3.7.1); only meaningful on SYN. */
  mss?: number;
  /** Window scale shift count (RFC 7323 §2), 0…14; only meaningful on SYN. */
  windowScale?: number;
  /** SACK-permitted (RFC 2018 §2); only meaningful on SYN. */
  sackPermitted?: boolean;
  /** Timestamps (RFC 7323 §3). */
  timestamps?: { tsVal: number; tsEcr: number };
  /** SACK blocks (RFC 2018 §3): [left edge, right edge) pairs. Parsed, not acted upon. */
  sackBlocks?: Array<[number, number]>;
}

export interface TcpRepr {
  srcPort: number;
  dstPort: number;
  seq: number;
  /** Acknowledgment number; meaningful only when `flags.ack` is set (0 otherwise). */
  ack: number;
  flags: TcpFlags;
  /** The 16-bit window field as sent on the wire (not yet scaled). */
  window: number;
  urgentPointer: number;
  options: TcpOptions;
  payload: Uint8Array;
}

/** A TCP segment together with the IPv4 addresses it travels between. */
export interface TcpSegment {
  src: Ipv4Addr;
  dst: Ipv4Addr;
  tcp: TcpRepr;
}

export const NO_FLAGS: Readonly<TcpFlags> = Object.freeze({
  fin: false,
  syn: false,
  rst: false,
  psh: false,
  ack: false,
  urg: false,
  ece: false,
  cwr: false,
});

/** Sequence space a segment occupies: payload length plus one each for SYN and FIN (RFC 9293 §3.4). */
export function segmentLength(repr: Pick<TcpRepr, 'flags' | 'payload'>): number {
  return repr.payload.length + (repr.flags.syn ? 1 : 0) + (repr.flags.fin ? 1 : 0);
}
