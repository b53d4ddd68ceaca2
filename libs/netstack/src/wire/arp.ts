/**
 * ARP (RFC 826) packets. The view accepts any hardware/protocol address sizes; the repr
 * speaks only IPv4 over Ethernet (htype 1, ptype 0x0800, hlen 6, plen 4).
 */
import { readU16, readU32, writeU16, writeU32 } from './bytes';
import { EtherType } from './ethernet';
import type { Ipv4Addr, MacAddr } from './ip-types';
import { fail, ok, type WireResult } from './result';

export const ARP_HTYPE_ETHERNET = 1;
export const ARP_OPER_REQUEST = 1;
export const ARP_OPER_REPLY = 2;
/** Length of an Ethernet/IPv4 ARP packet. */
export const ARP_ETHERNET_IPV4_LEN = 28;

/** Zero-copy view of an ARP packet; `check` guarantees all four addresses are in range. */
export class ArpPacket {
  private constructor(readonly bytes: Uint8Array) {}

  static check(bytes: Uint8Array): WireResult<ArpPacket> {
    if (bytes.length < 8) return fail('truncated');
    if (bytes.length < 8 + 2 * (bytes[4] + bytes[5])) return fail('truncated');
    return ok(new ArpPacket(bytes));
  }

  static unchecked(bytes: Uint8Array): ArpPacket {
    return new ArpPacket(bytes);
  }

  get hardwareType(): number {
    return readU16(this.bytes, 0);
  }
  get protocolType(): number {
    return readU16(this.bytes, 2);
  }
  get hardwareLength(): number {
    return this.bytes[4];
  }
  get protocolLength(): number {
    return this.bytes[5];
  }
  get operation(): number {
    return readU16(this.bytes, 6);
  }
  get senderHardwareAddr(): Uint8Array {
    return this.bytes.subarray(8, 8 + this.hardwareLength);
  }
  get senderProtocolAddr(): Uint8Array {
    const at = 8 + this.hardwareLength;
    return this.bytes.subarray(at, at + this.protocolLength);
  }
  get targetHardwareAddr(): Uint8Array {
    const at = 8 + this.hardwareLength + this.protocolLength;
    return this.bytes.subarray(at, at + this.hardwareLength);
  }
  get targetProtocolAddr(): Uint8Array {
    const at = 8 + 2 * this.hardwareLength + this.protocolLength;
    return this.bytes.subarray(at, at + this.protocolLength);
  }
}

export interface ArpRepr {
  operation: 'request' | 'reply';
  senderMac: MacAddr;
  senderAddr: Ipv4Addr;
  /** Ignored by receivers of a request (RFC 826 "Packet Reception"); all-zero when unknown. */
  targetMac: MacAddr;
  targetAddr: Ipv4Addr;
}

export const ArpRepr = {
  /** MACs are views into the packet's bytes. */
  parse(packet: ArpPacket): WireResult<ArpRepr> {
    if (
      packet.hardwareType !== ARP_HTYPE_ETHERNET ||
      packet.protocolType !== EtherType.Ipv4 ||
      packet.hardwareLength !== 6 ||
      packet.protocolLength !== 4
    ) {
      return fail('unsupported');
    }
    const oper = packet.operation;
    if (oper !== ARP_OPER_REQUEST && oper !== ARP_OPER_REPLY) return fail('unsupported');
    const b = packet.bytes;
    return ok({
      operation: oper === ARP_OPER_REQUEST ? 'request' : 'reply',
      senderMac: b.subarray(8, 14),
      senderAddr: readU32(b, 14),
      targetMac: b.subarray(18, 24),
      targetAddr: readU32(b, 24),
    });
  },

  bufferLength(): number {
    return ARP_ETHERNET_IPV4_LEN;
  },

  emit(repr: ArpRepr, buffer: Uint8Array): void {
    writeU16(buffer, 0, ARP_HTYPE_ETHERNET);
    writeU16(buffer, 2, EtherType.Ipv4);
    buffer[4] = 6;
    buffer[5] = 4;
    writeU16(buffer, 6, repr.operation === 'request' ? ARP_OPER_REQUEST : ARP_OPER_REPLY);
    buffer.set(repr.senderMac.subarray(0, 6), 8);
    writeU32(buffer, 14, repr.senderAddr);
    buffer.set(repr.targetMac.subarray(0, 6), 18);
    writeU32(buffer, 24, repr.targetAddr);
  },
};
