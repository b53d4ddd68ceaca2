/**
 * TCP header (RFC 9293 §3.1): view, parse into `TcpRepr` (tcp-repr.ts) and emit.
 * The checksum covers the IPv4 pseudo-header, header and payload; it is verified on
 * parse and computed on emit, so callers must pass the datagram's addresses.
 */
import { readU16, readU32, writeU16, writeU32 } from './bytes';
import { foldComplement, pseudoHeaderSum, sumWords } from './checksum';
import type { Ipv4Addr } from './ip-types';
import { IpProtocol } from './ipv4';
import { fail, ok, type WireResult } from './result';
import { emitTcpOptions, parseTcpOptions, tcpOptionsLength } from './tcp-options';
import type { TcpFlags, TcpRepr } from './tcp-repr';

export const TCP_HEADER_LEN = 20;

export const TcpFlagBits = {
  FIN: 0x01,
  SYN: 0x02,
  RST: 0x04,
  PSH: 0x08,
  ACK: 0x10,
  URG: 0x20,
  ECE: 0x40,
  CWR: 0x80,
} as const;

/**
 * Zero-copy view of a TCP segment: `bytes` must be exactly the IP payload (its length is
 * the segment length). `check` guarantees 20 ≤ data offset ≤ bytes.length.
 */
export class TcpPacket {
  private constructor(readonly bytes: Uint8Array) {}

  static check(bytes: Uint8Array): WireResult<TcpPacket> {
    if (bytes.length < TCP_HEADER_LEN) return fail('truncated');
    const headerLength = (bytes[12] >> 4) * 4;
    if (headerLength < TCP_HEADER_LEN) return fail('bad-length');
    if (bytes.length < headerLength) return fail('truncated');
    return ok(new TcpPacket(bytes));
  }

  get srcPort(): number {
    return readU16(this.bytes, 0);
  }
  get dstPort(): number {
    return readU16(this.bytes, 2);
  }
  get seq(): number {
    return readU32(this.bytes, 4);
  }
  get ack(): number {
    return readU32(this.bytes, 8);
  }
  get headerLength(): number {
    return (this.bytes[12] >> 4) * 4;
  }
  /** The eight flag bits CWR…FIN of byte 13. */
  get flagBits(): number {
    return this.bytes[13];
  }
  get window(): number {
    return readU16(this.bytes, 14);
  }
  get checksum(): number {
    return readU16(this.bytes, 16);
  }
  get urgentPointer(): number {
    return readU16(this.bytes, 18);
  }
  get options(): Uint8Array {
    return this.bytes.subarray(TCP_HEADER_LEN, this.headerLength);
  }
  get payload(): Uint8Array {
    return this.bytes.subarray(this.headerLength);
  }
  verifyChecksum(src: Ipv4Addr, dst: Ipv4Addr): boolean {
    const length = this.bytes.length;
    return (
      foldComplement(sumWords(this.bytes, 0, length, pseudoHeaderSum(src, dst, IpProtocol.Tcp, length))) === 0
    );
  }
}

export function flagsFromBits(bits: number): TcpFlags {
  return {
    fin: (bits & TcpFlagBits.FIN) !== 0,
    syn: (bits & TcpFlagBits.SYN) !== 0,
    rst: (bits & TcpFlagBits.RST) !== 0,
    psh: (bits & TcpFlagBits.PSH) !== 0,
    ack: (bits & TcpFlagBits.ACK) !== 0,
    urg: (bits & TcpFlagBits.URG) !== 0,
    ece: (bits & TcpFlagBits.ECE) !== 0,
    cwr: (bits & TcpFlagBits.CWR) !== 0,
  };
}

export function flagsToBits(flags: TcpFlags): number {
  return (
    (flags.fin ? TcpFlagBits.FIN : 0) |
    (flags.syn ? TcpFlagBits.SYN : 0) |
    (flags.rst ? TcpFlagBits.RST : 0) |
    (flags.psh ? TcpFlagBits.PSH : 0) |
    (flags.ack ? TcpFlagBits.ACK : 0) |
    (flags.urg ? TcpFlagBits.URG : 0) |
    (flags.ece ? TcpFlagBits.ECE : 0) |
    (flags.cwr ? TcpFlagBits.CWR : 0)
  );
}

/** Verifies the checksum and the options. `payload` is a view into the packet's bytes. */
export function parseTcp(packet: TcpPacket, src: Ipv4Addr, dst: Ipv4Addr): WireResult<TcpRepr> {
  if (!packet.verifyChecksum(src, dst)) return fail('bad-checksum');
  const options = parseTcpOptions(packet.options);
  if (!options.ok) return options;
  const flags = flagsFromBits(packet.flagBits);
  return ok({
    srcPort: packet.srcPort,
    dstPort: packet.dstPort,
    seq: packet.seq,
    ack: flags.ack ? packet.ack : 0,
    flags,
    window: packet.window,
    urgentPointer: packet.urgentPointer,
    options: options.value,
    payload: packet.payload,
  });
}

export function tcpBufferLength(repr: TcpRepr): number {
  return TCP_HEADER_LEN + tcpOptionsLength(repr.options) + repr.payload.length;
}

/** Writes the segment at the start of `buffer` (at least `tcpBufferLength(repr)` bytes). */
export function emitTcp(repr: TcpRepr, buffer: Uint8Array, src: Ipv4Addr, dst: Ipv4Addr): void {
  const headerLength = TCP_HEADER_LEN + emitTcpOptions(repr.options, buffer, TCP_HEADER_LEN);
  const length = headerLength + repr.payload.length;
  writeU16(buffer, 0, repr.srcPort);
  writeU16(buffer, 2, repr.dstPort);
  writeU32(buffer, 4, repr.seq);
  writeU32(buffer, 8, repr.flags.ack ? repr.ack : 0);
  buffer[12] = (headerLength / 4) << 4;
  buffer[13] = flagsToBits(repr.flags);
  writeU16(buffer, 14, repr.window);
  writeU16(buffer, 16, 0);
  writeU16(buffer, 18, repr.urgentPointer);
  buffer.set(repr.payload, headerLength);
  writeU16(
    buffer,
    16,
    foldComplement(sumWords(buffer, 0, length, pseudoHeaderSum(src, dst, IpProtocol.Tcp, length))),
  );
}
