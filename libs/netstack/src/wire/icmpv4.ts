/**
 * ICMPv4 (RFC 792): echo request/reply and destination unreachable. The checksum covers
 * the whole ICMP message. Other types are well-formed but unsupported.
 */
import { readU16, readU32, writeU16 } from './bytes';
import { internetChecksum } from './checksum';
import type { Ipv4Addr } from './ip-types';
import { IpProtocol, Ipv4Packet, IPV4_HEADER_LEN } from './ipv4';
import { fail, ok, type WireResult } from './result';

export const IcmpType = {
  EchoReply: 0,
  DstUnreachable: 3,
  EchoRequest: 8,
} as const;

/** Destination-unreachable codes (RFC 792 p.4, RFC 1122 §3.2.2.1). */
export const IcmpUnreachable = {
  Net: 0,
  Host: 1,
  Protocol: 2,
  Port: 3,
  FragNeeded: 4,
  SourceRouteFailed: 5,
} as const;

export const ICMPV4_HEADER_LEN = 8;

/** Zero-copy view of an ICMPv4 message; `check` guarantees the 8-byte header. */
export class Icmpv4Packet {
  private constructor(readonly bytes: Uint8Array) {}

  static check(bytes: Uint8Array): WireResult<Icmpv4Packet> {
    if (bytes.length < ICMPV4_HEADER_LEN) return fail('truncated');
    return ok(new Icmpv4Packet(bytes));
  }

  get type(): number {
    return this.bytes[0];
  }
  get code(): number {
    return this.bytes[1];
  }
  get checksum(): number {
    return readU16(this.bytes, 2);
  }
  /** Echo messages: identifier and sequence number in the second word. */
  get echoIdent(): number {
    return readU16(this.bytes, 4);
  }
  get echoSeqNo(): number {
    return readU16(this.bytes, 6);
  }
  /** Everything after the 8-byte header: echo data, or the quoted datagram of an error. */
  get data(): Uint8Array {
    return this.bytes.subarray(ICMPV4_HEADER_LEN);
  }
  verifyChecksum(): boolean {
    return internetChecksum(this.bytes) === 0;
  }
}

export type Icmpv4Repr =
  | { kind: 'echo-request' | 'echo-reply'; ident: number; seqNo: number; data: Uint8Array }
  /** `quoted`: the offending datagram's IP header plus at least 8 bytes of its payload (RFC 792). */
  | { kind: 'dst-unreachable'; code: number; quoted: Uint8Array };

export const Icmpv4Repr = {
  parse(packet: Icmpv4Packet): WireResult<Icmpv4Repr> {
    if (!packet.verifyChecksum()) return fail('bad-checksum');
    switch (packet.type) {
      case IcmpType.EchoRequest:
      case IcmpType.EchoReply:
        if (packet.code !== 0) return fail('unsupported');
        return ok({
          kind: packet.type === IcmpType.EchoRequest ? 'echo-request' : 'echo-reply',
          ident: packet.echoIdent,
          seqNo: packet.echoSeqNo,
          data: packet.data,
        });
      case IcmpType.DstUnreachable:
        return ok({ kind: 'dst-unreachable', code: packet.code, quoted: packet.data });
      default:
        return fail('unsupported');
    }
  },

  bufferLength(repr: Icmpv4Repr): number {
    return ICMPV4_HEADER_LEN + (repr.kind === 'dst-unreachable' ? repr.quoted.length : repr.data.length);
  },

  emit(repr: Icmpv4Repr, buffer: Uint8Array): void {
    const length = Icmpv4Repr.bufferLength(repr);
    if (repr.kind === 'dst-unreachable') {
      buffer[0] = IcmpType.DstUnreachable;
      buffer[1] = repr.code;
      buffer.fill(0, 4, 8); // unused (RFC 792); next-hop MTU only for code 4 (RFC 1191)
      buffer.set(repr.quoted, ICMPV4_HEADER_LEN);
    } else {
      buffer[0] = repr.kind === 'echo-request' ? IcmpType.EchoRequest : IcmpType.EchoReply;
      buffer[1] = 0;
      writeU16(buffer, 4, repr.ident);
      writeU16(buffer, 6, repr.seqNo);
      buffer.set(repr.data, ICMPV4_HEADER_LEN);
    }
    writeU16(buffer, 2, 0);
    writeU16(buffer, 2, internetChecksum(buffer, 0, length));
  },
};

/** The part of an offending datagram an ICMP error quotes: its header plus 8 payload bytes (RFC 792). */
export function quoteDatagram(packet: Ipv4Packet): Uint8Array {
  return packet.bytes.subarray(0, Math.min(packet.totalLength, packet.headerLength + 8));
}

/** What a host needs from a quoted datagram to find the socket an ICMP error belongs to. */
export interface QuotedDatagram {
  src: Ipv4Addr;
  dst: Ipv4Addr;
  protocol: number;
  /** Transport ports, when the protocol is TCP or UDP and the quote holds them. */
  srcPort: number | null;
  dstPort: number | null;
}

/**
 * Reads a quoted datagram. Unlike `Ipv4Packet.check`, the total length may exceed the
 * bytes present (the quote is cut after 8 payload bytes); only the header must be whole.
 */
export function parseQuotedDatagram(quoted: Uint8Array): WireResult<QuotedDatagram> {
  if (quoted.length < IPV4_HEADER_LEN) return fail('truncated');
  if (quoted[0] >> 4 !== 4) return fail('bad-version');
  const headerLength = (quoted[0] & 0x0f) * 4;
  if (headerLength < IPV4_HEADER_LEN) return fail('bad-length');
  if (quoted.length < headerLength) return fail('truncated');
  const protocol = quoted[9];
  const hasPorts =
    (protocol === IpProtocol.Udp || protocol === IpProtocol.Tcp) && quoted.length >= headerLength + 4;
  return ok({
    src: readU32(quoted, 12),
    dst: readU32(quoted, 16),
    protocol,
    srcPort: hasPorts ? readU16(quoted, headerLength) : null,
    dstPort: hasPorts ? readU16(quoted, headerLength + 2) : null,
  });
}
