/**
 * IPv4 (RFC 791 §3.1). Options are skipped (the payload starts at IHL×4), the total
 * length wins over link-layer padding, fragments are recognised and refused: this stack
 * never fragments and does not reassemble.
 */
import { readU16, readU32, writeU16, writeU32 } from './bytes';
import { internetChecksum } from './checksum';
import type { Ipv4Addr } from './ip-types';
import { fail, ok, type WireResult } from './result';

export const IpProtocol = {
  Icmp: 1,
  Tcp: 6,
  Udp: 17,
} as const;

export const IPV4_HEADER_LEN = 20;
export const IPV4_BROADCAST: Ipv4Addr = 0xffffffff;

const FLAG_DF = 0x4000;
const FLAG_MF = 0x2000;
const OFFSET_MASK = 0x1fff;

/**
 * Zero-copy view of an IPv4 datagram. `check` guarantees version 4, 20 ≤ IHL×4 ≤ total
 * length ≤ bytes.length, so every accessor (including `payload` and `options`) is in range.
 */
export class Ipv4Packet {
  private constructor(readonly bytes: Uint8Array) {}

  static check(bytes: Uint8Array): WireResult<Ipv4Packet> {
    if (bytes.length < IPV4_HEADER_LEN) return fail('truncated');
    if (bytes[0] >> 4 !== 4) return fail('bad-version');
    const headerLength = (bytes[0] & 0x0f) * 4;
    if (headerLength < IPV4_HEADER_LEN) return fail('bad-length');
    if (bytes.length < headerLength) return fail('truncated');
    const totalLength = readU16(bytes, 2);
    if (totalLength < headerLength) return fail('bad-length');
    if (bytes.length < totalLength) return fail('truncated');
    return ok(new Ipv4Packet(bytes));
  }

  static unchecked(bytes: Uint8Array): Ipv4Packet {
    return new Ipv4Packet(bytes);
  }

  get version(): number {
    return this.bytes[0] >> 4;
  }
  get headerLength(): number {
    return (this.bytes[0] & 0x0f) * 4;
  }
  /** DSCP and ECN together (the former type-of-service byte). */
  get tos(): number {
    return this.bytes[1];
  }
  get totalLength(): number {
    return readU16(this.bytes, 2);
  }
  get ident(): number {
    return readU16(this.bytes, 4);
  }
  get dontFragment(): boolean {
    return (readU16(this.bytes, 6) & FLAG_DF) !== 0;
  }
  get moreFragments(): boolean {
    return (readU16(this.bytes, 6) & FLAG_MF) !== 0;
  }
  /** Fragment offset in bytes (the field counts 8-byte units). */
  get fragmentOffset(): number {
    return (readU16(this.bytes, 6) & OFFSET_MASK) * 8;
  }
  get isFragment(): boolean {
    return (readU16(this.bytes, 6) & (FLAG_MF | OFFSET_MASK)) !== 0;
  }
  get ttl(): number {
    return this.bytes[8];
  }
  get protocol(): number {
    return this.bytes[9];
  }
  get checksum(): number {
    return readU16(this.bytes, 10);
  }
  get src(): Ipv4Addr {
    return readU32(this.bytes, 12);
  }
  get dst(): Ipv4Addr {
    return readU32(this.bytes, 16);
  }
  get options(): Uint8Array {
    return this.bytes.subarray(IPV4_HEADER_LEN, this.headerLength);
  }
  /** The bytes between the header and the total length; padding after it is excluded. */
  get payload(): Uint8Array {
    return this.bytes.subarray(this.headerLength, this.totalLength);
  }
  /** The header checksum covers the header only, options included (RFC 791 §3.1). */
  verifyChecksum(): boolean {
    return internetChecksum(this.bytes, 0, this.headerLength) === 0;
  }
}

export interface Ipv4Repr {
  src: Ipv4Addr;
  dst: Ipv4Addr;
  protocol: number;
  ttl: number;
  payloadLength: number;
  /** Identification field; 0 when omitted on emit (allowed for DF datagrams, RFC 6864 §4.1). */
  ident?: number;
  /** Emitted DF flag; defaults to true (this stack does path-MTU-friendly atomic datagrams). */
  dontFragment?: boolean;
  tos?: number;
}

export const Ipv4Repr = {
  /** Verifies the header checksum and refuses fragments. */
  parse(packet: Ipv4Packet): WireResult<Ipv4Repr> {
    if (!packet.verifyChecksum()) return fail('bad-checksum');
    if (packet.isFragment) return fail('fragmented');
    return ok({
      src: packet.src,
      dst: packet.dst,
      protocol: packet.protocol,
      ttl: packet.ttl,
      payloadLength: packet.totalLength - packet.headerLength,
      ident: packet.ident,
      dontFragment: packet.dontFragment,
      tos: packet.tos,
    });
  },

  bufferLength(repr: Ipv4Repr): number {
    return IPV4_HEADER_LEN + repr.payloadLength;
  },

  /** Writes a 20-byte header (no options) with a correct checksum at the start of `buffer`. */
  emit(repr: Ipv4Repr, buffer: Uint8Array): void {
    buffer[0] = 0x45;
    buffer[1] = repr.tos ?? 0;
    writeU16(buffer, 2, IPV4_HEADER_LEN + repr.payloadLength);
    writeU16(buffer, 4, repr.ident ?? 0);
    writeU16(buffer, 6, repr.dontFragment === false ? 0 : FLAG_DF);
    buffer[8] = repr.ttl;
    buffer[9] = repr.protocol;
    writeU16(buffer, 10, 0);
    writeU32(buffer, 12, repr.src);
    writeU32(buffer, 16, repr.dst);
    writeU16(buffer, 10, internetChecksum(buffer, 0, IPV4_HEADER_LEN));
  },
};
