/**
 * Test-only Ethernet II / IPv4 / TCP frame builder with correct checksums (RFC 791 §3.1 header
 * checksum, RFC 9293 §3.1 checksum over the pseudo-header). Just enough to give tshark real
 * traffic; the product's wire code lives in libs/netstack.
 */
export interface TcpFrameSpec {
  readonly srcMac: string;
  readonly dstMac: string;
  readonly srcIp: string;
  readonly dstIp: string;
  readonly srcPort: number;
  readonly dstPort: number;
  readonly seq: number;
  readonly ack: number;
  /** TCP flag bits: FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10. */
  readonly flags: number;
  readonly window?: number;
  readonly ipId?: number;
  readonly payload?: Uint8Array;
}

export const TcpFlag = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10 } as const;

export function tcpFrame(spec: TcpFrameSpec): Buffer {
  const payload = spec.payload ?? new Uint8Array(0);
  const tcpLength = 20 + payload.length;
  const ipLength = 20 + tcpLength;
  const frame = Buffer.alloc(14 + ipLength);
  mac(spec.dstMac).copy(frame, 0);
  mac(spec.srcMac).copy(frame, 6);
  frame.writeUInt16BE(0x0800, 12);

  const ip = frame.subarray(14, 34);
  ip[0] = 0x45;
  ip.writeUInt16BE(ipLength, 2);
  ip.writeUInt16BE(spec.ipId ?? 0, 4);
  ip.writeUInt16BE(0x4000, 6); // DF
  ip[8] = 64;
  ip[9] = 6;
  ipv4(spec.srcIp).copy(ip, 12);
  ipv4(spec.dstIp).copy(ip, 16);
  ip.writeUInt16BE(checksum([ip]), 10);

  const tcp = frame.subarray(34);
  tcp.writeUInt16BE(spec.srcPort, 0);
  tcp.writeUInt16BE(spec.dstPort, 2);
  tcp.writeUInt32BE(spec.seq >>> 0, 4);
  tcp.writeUInt32BE(spec.ack >>> 0, 8);
  tcp[12] = 5 << 4;
  tcp[13] = spec.flags;
  tcp.writeUInt16BE(spec.window ?? 65535, 14);
  tcp.set(payload, 20);
  const pseudo = Buffer.alloc(12);
  ip.copy(pseudo, 0, 12, 20);
  pseudo[9] = 6;
  pseudo.writeUInt16BE(tcpLength, 10);
  tcp.writeUInt16BE(checksum([pseudo, tcp]), 16);
  return frame;
}

/** RFC 1071 Internet checksum over the concatenation of `parts` (each even-length but the last). */
function checksum(parts: readonly Uint8Array[]): number {
  let sum = 0;
  for (const part of parts) {
    for (let i = 0; i < part.length; i += 2) sum += ((part[i] ?? 0) << 8) | (part[i + 1] ?? 0);
  }
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

function mac(text: string): Buffer {
  return Buffer.from(text.split(':').join(''), 'hex');
}

function ipv4(text: string): Buffer {
  return Buffer.from(text.split('.').map(Number));
}
