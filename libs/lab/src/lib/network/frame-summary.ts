/** Ethernet frame → the TCP segment it carries (or null), with netstack's wire parsers. */
import {
  EtherType,
  EthernetFrame,
  IpProtocol,
  Ipv4Packet,
  Ipv4Repr,
  TcpPacket,
  parseTcp,
  type Ipv4Addr,
  type TcpRepr,
} from '@socklab/netstack';

export interface ParsedTcpFrame {
  src: Ipv4Addr;
  dst: Ipv4Addr;
  tcp: TcpRepr;
}

export function parseTcpFrame(frame: Uint8Array): ParsedTcpFrame | null {
  const eth = EthernetFrame.check(frame);
  if (!eth.ok || eth.value.etherType !== EtherType.Ipv4) return null;
  const packet = Ipv4Packet.check(eth.value.payload);
  if (!packet.ok) return null;
  const ip = Ipv4Repr.parse(packet.value);
  if (!ip.ok || ip.value.protocol !== IpProtocol.Tcp) return null;
  const tcpPacket = TcpPacket.check(packet.value.payload);
  if (!tcpPacket.ok) return null;
  const tcp = parseTcp(tcpPacket.value, ip.value.src, ip.value.dst);
  return tcp.ok ? { src: ip.value.src, dst: ip.value.dst, tcp: tcp.value } : null;
}

/** The frame's protocol as the contracts' packet event names it. */
export function frameProtocol(frame: Uint8Array): 'tcp' | 'udp' | 'icmp' | 'arp' | 'other' {
  const eth = EthernetFrame.check(frame);
  if (!eth.ok) return 'other';
  if (eth.value.etherType === EtherType.Arp) return 'arp';
  if (eth.value.etherType !== EtherType.Ipv4) return 'other';
  const packet = Ipv4Packet.check(eth.value.payload);
  if (!packet.ok) return 'other';
  const ip = Ipv4Repr.parse(packet.value);
  if (!ip.ok) return 'other';
  if (ip.value.protocol === IpProtocol.Tcp) return 'tcp';
  if (ip.value.protocol === IpProtocol.Udp) return 'udp';
  return ip.value.protocol === IpProtocol.Icmp ? 'icmp' : 'other';
}
