/**
 * UDP (RFC 768). The checksum covers the IPv4 pseudo-header, the UDP header and the
 * payload; a transmitted zero means "no checksum", so a computed zero is sent as 0xffff.
 */
import { readU16, writeU16 } from './bytes';
import { foldComplement, pseudoHeaderSum, sumWords } from './checksum';
import type { Ipv4Addr } from './ip-types';
import { IpProtocol } from './ipv4';
import { fail, ok, type WireResult } from './result';

export const UDP_HEADER_LEN = 8;

/** Zero-copy view of a UDP datagram; `check` guarantees 8 ≤ length field ≤ bytes.length. */
export class UdpPacket {
  private constructor(readonly bytes: Uint8Array) {}

  static check(bytes: Uint8Array): WireResult<UdpPacket> {
    if (bytes.length < UDP_HEADER_LEN) return fail('truncated');
    const length = readU16(bytes, 4);
    if (length < UDP_HEADER_LEN) return fail('bad-length');
    if (bytes.length < length) return fail('truncated');
    return ok(new UdpPacket(bytes));
  }

  get srcPort(): number {
    return readU16(this.bytes, 0);
  }
  get dstPort(): number {
    return readU16(this.bytes, 2);
  }
  get length(): number {
    return readU16(this.bytes, 4);
  }
  get checksum(): number {
    return readU16(this.bytes, 6);
  }
  get payload(): Uint8Array {
    return this.bytes.subarray(UDP_HEADER_LEN, this.length);
  }
  /** True when the checksum is absent (zero) or correct. */
  verifyChecksum(src: Ipv4Addr, dst: Ipv4Addr): boolean {
    if (this.checksum === 0) return true;
    const length = this.length;
    return (
      foldComplement(sumWords(this.bytes, 0, length, pseudoHeaderSum(src, dst, IpProtocol.Udp, length))) === 0
    );
  }
}

export interface UdpRepr {
  srcPort: number;
  dstPort: number;
  /** A view into the packet's bytes after parse. */
  payload: Uint8Array;
}

export const UdpRepr = {
  parse(packet: UdpPacket, src: Ipv4Addr, dst: Ipv4Addr): WireResult<UdpRepr> {
    if (!packet.verifyChecksum(src, dst)) return fail('bad-checksum');
    return ok({ srcPort: packet.srcPort, dstPort: packet.dstPort, payload: packet.payload });
  },

  bufferLength(repr: UdpRepr): number {
    return UDP_HEADER_LEN + repr.payload.length;
  },

  emit(repr: UdpRepr, buffer: Uint8Array, src: Ipv4Addr, dst: Ipv4Addr): void {
    const length = UDP_HEADER_LEN + repr.payload.length;
    writeU16(buffer, 0, repr.srcPort);
    writeU16(buffer, 2, repr.dstPort);
    writeU16(buffer, 4, length);
    writeU16(buffer, 6, 0);
    buffer.set(repr.payload, UDP_HEADER_LEN);
    const sum = foldComplement(
      sumWords(buffer, 0, length, pseudoHeaderSum(src, dst, IpProtocol.Udp, length)),
    );
    writeU16(buffer, 6, sum === 0 ? 0xffff : sum);
  },
};
