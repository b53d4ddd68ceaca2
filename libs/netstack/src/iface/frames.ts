/**
 * Allocation of outgoing frames: one buffer per frame, headers written in place, the
 * transport layer emitted at `IPV4_PAYLOAD_OFFSET`. The Ethernet destination is written
 * last (`setDestinationMac`), once the next hop is resolved, so frames can wait for ARP
 * without being copied.
 */
import { ArpRepr, type ArpRepr as ArpReprT } from '../wire/arp';
import { ETHERNET_HEADER_LEN, EtherType, EthernetRepr } from '../wire/ethernet';
import type { MacAddr } from '../wire/ip-types';
import { IPV4_HEADER_LEN, Ipv4Repr } from '../wire/ipv4';
import { ZERO_MAC } from '../wire/mac';

export const IPV4_PAYLOAD_OFFSET = ETHERNET_HEADER_LEN + IPV4_HEADER_LEN;

export function allocIpv4Frame(srcMac: MacAddr, ip: Ipv4Repr): Uint8Array {
  const frame = new Uint8Array(ETHERNET_HEADER_LEN + Ipv4Repr.bufferLength(ip));
  EthernetRepr.emit({ src: srcMac, dst: ZERO_MAC, etherType: EtherType.Ipv4 }, frame);
  Ipv4Repr.emit(ip, frame.subarray(ETHERNET_HEADER_LEN));
  return frame;
}

export function arpFrame(srcMac: MacAddr, dstMac: MacAddr, arp: ArpReprT): Uint8Array {
  const frame = new Uint8Array(EthernetRepr.bufferLength(ArpRepr.bufferLength()));
  EthernetRepr.emit({ src: srcMac, dst: dstMac, etherType: EtherType.Arp }, frame);
  ArpRepr.emit(arp, frame.subarray(ETHERNET_HEADER_LEN));
  return frame;
}

export function setDestinationMac(frame: Uint8Array, mac: MacAddr): void {
  frame.set(mac.subarray(0, 6), 0);
}
