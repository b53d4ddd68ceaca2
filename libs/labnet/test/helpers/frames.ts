/**
 * Tiny byte builders for the kernel tests: Ethernet II, ARP (RFC 826), IPv4 (RFC 791)
 * and ICMP echo (RFC 792). Written here on purpose, independent of libs/netstack, so the
 * tests check labnet against the kernel and not against our own parser.
 */
export const BROADCAST_MAC = 'ff:ff:ff:ff:ff:ff';
export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_ARP = 0x0806;

export function macBytes(mac: string): Uint8Array {
  return Uint8Array.from(mac.split(':').map((part) => parseInt(part, 16)));
}

export function macString(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(':');
}

export function ipBytes(ip: string): Uint8Array {
  return Uint8Array.from(ip.split('.').map(Number));
}

export function ethernet(dst: string, src: string, etherType: number, payload: Uint8Array): Uint8Array {
  const frame = new Uint8Array(14 + payload.length);
  frame.set(macBytes(dst), 0);
  frame.set(macBytes(src), 6);
  new DataView(frame.buffer).setUint16(12, etherType);
  frame.set(payload, 14);
  return frame;
}

export function arpRequest(senderMac: string, senderIp: string, targetIp: string): Uint8Array {
  const arp = new Uint8Array(28);
  const view = new DataView(arp.buffer);
  view.setUint16(0, 1); // htype Ethernet
  view.setUint16(2, ETHERTYPE_IPV4);
  arp[4] = 6;
  arp[5] = 4;
  view.setUint16(6, 1); // request
  arp.set(macBytes(senderMac), 8);
  arp.set(ipBytes(senderIp), 14);
  arp.set(ipBytes(targetIp), 24);
  return ethernet(BROADCAST_MAC, senderMac, ETHERTYPE_ARP, arp);
}

/** RFC 1071 one's-complement sum. */
export function internetChecksum(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i + 1 < bytes.length; i += 2) sum += (bytes[i] << 8) | bytes[i + 1];
  if (bytes.length % 2 === 1) sum += bytes[bytes.length - 1] << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

export function ipv4(src: string, dst: string, protocol: number, payload: Uint8Array): Uint8Array {
  const packet = new Uint8Array(20 + payload.length);
  const view = new DataView(packet.buffer);
  packet[0] = 0x45;
  view.setUint16(2, packet.length);
  view.setUint16(4, 0x1234);
  packet[8] = 64;
  packet[9] = protocol;
  packet.set(ipBytes(src), 12);
  packet.set(ipBytes(dst), 16);
  view.setUint16(10, internetChecksum(packet.subarray(0, 20)));
  packet.set(payload, 20);
  return packet;
}

export function icmpEchoRequest(id: number, seq: number, data: Uint8Array): Uint8Array {
  const icmp = new Uint8Array(8 + data.length);
  const view = new DataView(icmp.buffer);
  icmp[0] = 8;
  view.setUint16(4, id);
  view.setUint16(6, seq);
  icmp.set(data, 8);
  view.setUint16(2, internetChecksum(icmp));
  return icmp;
}

export interface ParsedFrame {
  readonly dst: string;
  readonly src: string;
  readonly etherType: number;
  readonly payload: Uint8Array;
}

export function parseEthernet(frame: Uint8Array): ParsedFrame {
  return {
    dst: macString(frame.subarray(0, 6)),
    src: macString(frame.subarray(6, 12)),
    etherType: (frame[12] << 8) | frame[13],
    payload: frame.subarray(14),
  };
}

export function isArpReply(frame: Uint8Array, fromIp: string): boolean {
  const eth = parseEthernet(frame);
  if (eth.etherType !== ETHERTYPE_ARP) return false;
  const arp = eth.payload;
  return ((arp[6] << 8) | arp[7]) === 2 && arp.subarray(14, 18).join('.') === fromIp;
}

/** TCP segment fields the switch tests look at (RFC 9293 section 3.1), or undefined. */
export function tcpSegment(
  frame: Uint8Array,
): { seq: number; payloadLength: number; flags: number } | undefined {
  const eth = parseEthernet(frame);
  if (eth.etherType !== ETHERTYPE_IPV4 || eth.payload[9] !== 6) return undefined;
  const ip = eth.payload;
  const ihl = (ip[0] & 0x0f) * 4;
  const totalLength = (ip[2] << 8) | ip[3];
  const tcp = ip.subarray(ihl, totalLength);
  const dataOffset = (tcp[12] >> 4) * 4;
  const seq = new DataView(tcp.buffer, tcp.byteOffset).getUint32(4);
  return { seq, payloadLength: tcp.length - dataOffset, flags: tcp[13] };
}
