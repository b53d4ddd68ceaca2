/** Ethernet frame → the TCP segment, UDP datagram or ICMP message it carries (or null), with netstack's wire parsers. */
import {
  EtherType,
  EthernetFrame,
  Icmpv4Packet,
  IpProtocol,
  Ipv4Packet,
  Ipv4Repr,
  TcpPacket,
  UdpPacket,
  parseQuotedDatagram,
  parseTcp,
  type Ipv4Addr,
  type QuotedDatagram,
  type TcpRepr,
} from '@socklab/netstack';

export interface ParsedTcpFrame {
  src: Ipv4Addr;
  dst: Ipv4Addr;
  tcp: TcpRepr;
}

export interface ParsedUdpFrame {
  src: Ipv4Addr;
  dst: Ipv4Addr;
  srcPort: number;
  dstPort: number;
  /** A view into the frame. */
  payload: Uint8Array;
}

export interface ParsedIcmpFrame {
  src: Ipv4Addr;
  dst: Ipv4Addr;
  type: number;
  code: number;
  /** Error messages (RFC 792 types 3, 4, 5, 11, 12): the datagram they are about. */
  quoted: QuotedDatagram | null;
}

/** ICMP types whose body quotes the offending datagram (RFC 792). */
const ERROR_TYPES = new Set([3, 4, 5, 11, 12]);

function ipv4Of(frame: Uint8Array): { ip: Ipv4Repr; packet: Ipv4Packet } | null {
  const eth = EthernetFrame.check(frame);
  if (!eth.ok || eth.value.etherType !== EtherType.Ipv4) return null;
  const packet = Ipv4Packet.check(eth.value.payload);
  if (!packet.ok) return null;
  const ip = Ipv4Repr.parse(packet.value);
  return ip.ok ? { ip: ip.value, packet: packet.value } : null;
}

export function parseTcpFrame(frame: Uint8Array): ParsedTcpFrame | null {
  const datagram = ipv4Of(frame);
  if (!datagram || datagram.ip.protocol !== IpProtocol.Tcp) return null;
  const { ip, packet } = datagram;
  const tcpPacket = TcpPacket.check(packet.payload);
  if (!tcpPacket.ok) return null;
  const tcp = parseTcp(tcpPacket.value, ip.src, ip.dst);
  return tcp.ok ? { src: ip.src, dst: ip.dst, tcp: tcp.value } : null;
}

/** The datagram as sent, whether or not its checksum is right: the capture shows the wire. */
export function parseUdpFrame(frame: Uint8Array): ParsedUdpFrame | null {
  const datagram = ipv4Of(frame);
  if (!datagram || datagram.ip.protocol !== IpProtocol.Udp) return null;
  const udp = UdpPacket.check(datagram.packet.payload);
  if (!udp.ok) return null;
  const { src, dst } = datagram.ip;
  return { src, dst, srcPort: udp.value.srcPort, dstPort: udp.value.dstPort, payload: udp.value.payload };
}

export function parseIcmpFrame(frame: Uint8Array): ParsedIcmpFrame | null {
  const datagram = ipv4Of(frame);
  if (!datagram || datagram.ip.protocol !== IpProtocol.Icmp) return null;
  const icmp = Icmpv4Packet.check(datagram.packet.payload);
  if (!icmp.ok) return null;
  const { type, code } = icmp.value;
  const quoted = ERROR_TYPES.has(type) ? parseQuotedDatagram(icmp.value.data) : null;
  const { src, dst } = datagram.ip;
  return { src, dst, type, code, quoted: quoted?.ok ? quoted.value : null };
}

/** The frame's protocol as the contracts' packet event names it. */
export function frameProtocol(frame: Uint8Array): 'tcp' | 'udp' | 'icmp' | 'arp' | 'other' {
  const eth = EthernetFrame.check(frame);
  if (!eth.ok) return 'other';
  if (eth.value.etherType === EtherType.Arp) return 'arp';
  const datagram = ipv4Of(frame);
  if (!datagram) return 'other';
  if (datagram.ip.protocol === IpProtocol.Tcp) return 'tcp';
  if (datagram.ip.protocol === IpProtocol.Udp) return 'udp';
  return datagram.ip.protocol === IpProtocol.Icmp ? 'icmp' : 'other';
}
