/**
 * Ethernet II frames (IEEE 802.3 §3.2, "DIX" framing): destination MAC, source MAC,
 * EtherType, payload. The FCS is not part of the bytes (TAP devices strip it).
 */
import { readU16, writeU16 } from './bytes';
import type { MacAddr } from './ip-types';
import { fail, ok, type WireResult } from './result';

export const EtherType = {
  Ipv4: 0x0800,
  Arp: 0x0806,
  Vlan: 0x8100,
  Ipv6: 0x86dd,
} as const;

export const ETHERNET_HEADER_LEN = 14;

/** Zero-copy view of an Ethernet II frame. Construct with `check`: afterwards no accessor throws. */
export class EthernetFrame {
  private constructor(readonly bytes: Uint8Array) {}

  static check(bytes: Uint8Array): WireResult<EthernetFrame> {
    if (bytes.length < ETHERNET_HEADER_LEN) return fail('truncated');
    return ok(new EthernetFrame(bytes));
  }

  /** For writing into a buffer the caller sized with `EthernetRepr.bufferLength`. */
  static unchecked(bytes: Uint8Array): EthernetFrame {
    return new EthernetFrame(bytes);
  }

  get dst(): MacAddr {
    return this.bytes.subarray(0, 6);
  }

  get src(): MacAddr {
    return this.bytes.subarray(6, 12);
  }

  /** Values below 0x0600 are IEEE 802.3 length fields, not EtherTypes; no handler matches them. */
  get etherType(): number {
    return readU16(this.bytes, 12);
  }

  get payload(): Uint8Array {
    return this.bytes.subarray(ETHERNET_HEADER_LEN);
  }
}

export interface EthernetRepr {
  src: MacAddr;
  dst: MacAddr;
  etherType: number;
}

export const EthernetRepr = {
  /** The MACs are views into the frame: copy them to keep them past the frame's lifetime. */
  parse(frame: EthernetFrame): EthernetRepr {
    return { src: frame.src, dst: frame.dst, etherType: frame.etherType };
  },

  bufferLength(payloadLength: number): number {
    return ETHERNET_HEADER_LEN + payloadLength;
  },

  /** Writes the 14-byte header at the start of `buffer`; the caller writes the payload after it. */
  emit(repr: EthernetRepr, buffer: Uint8Array): void {
    buffer.set(repr.dst.subarray(0, 6), 0);
    buffer.set(repr.src.subarray(0, 6), 6);
    writeU16(buffer, 12, repr.etherType);
  },
};
