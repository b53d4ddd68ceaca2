/**
 * UDP datagrams and ICMP messages crossing a learner's link, as recorded for trace.json
 * (libs/trace merge/datagrams.ts) and described in the live packet events.
 */
import { IpProtocol, formatIpv4 } from '@socklab/netstack';
import { icmpMessageName, type CapturedIcmpMessage, type CapturedUdpDatagram } from '@socklab/trace';
import { parseIcmpFrame, parseUdpFrame } from './frame-summary';

type FrameFields = Omit<CapturedUdpDatagram, 'src' | 'dst' | 'payload'>;

export type CapturedDatagram =
  { kind: 'udp'; record: CapturedUdpDatagram } | { kind: 'icmp'; record: CapturedIcmpMessage };

/** The frame's UDP datagram or ICMP message, or null for anything else. Copies what it keeps. */
export function captureDatagram(frame: Uint8Array, fields: FrameFields): CapturedDatagram | null {
  const udp = parseUdpFrame(frame);
  if (udp) {
    return {
      kind: 'udp',
      record: {
        ...fields,
        src: { addr: formatIpv4(udp.src), port: udp.srcPort },
        dst: { addr: formatIpv4(udp.dst), port: udp.dstPort },
        payload: udp.payload.slice(),
      },
    };
  }
  const icmp = parseIcmpFrame(frame);
  if (!icmp) return null;
  const q = icmp.quoted;
  return {
    kind: 'icmp',
    record: {
      ...fields,
      src: formatIpv4(icmp.src),
      dst: formatIpv4(icmp.dst),
      type: icmp.type,
      code: icmp.code,
      ...(q
        ? {
            quoted: {
              protocol: quotedProtocol(q.protocol),
              src: { addr: formatIpv4(q.src), port: q.srcPort ?? 0 },
              dst: { addr: formatIpv4(q.dst), port: q.dstPort ?? 0 },
            },
          }
        : {}),
    },
  };
}

function quotedProtocol(protocol: number): 'tcp' | 'udp' | 'icmp' | 'other' {
  if (protocol === IpProtocol.Tcp) return 'tcp';
  if (protocol === IpProtocol.Udp) return 'udp';
  return protocol === IpProtocol.Icmp ? 'icmp' : 'other';
}

/** Endpoints and a one-line summary for the live packet event. */
export function describeDatagram(datagram: CapturedDatagram): { src: string; dst: string; summary: string } {
  if (datagram.kind === 'udp') {
    const { src, dst, payload } = datagram.record;
    return {
      src: `${src.addr}:${src.port}`,
      dst: `${dst.addr}:${dst.port}`,
      summary: `UDP len=${payload.length} ${excerpt(payload)}`,
    };
  }
  const { src, dst, type, code, quoted } = datagram.record;
  const about = quoted
    ? ` about ${quoted.protocol.toUpperCase()} ${quoted.src.addr}:${quoted.src.port} → ${quoted.dst.addr}:${quoted.dst.port}`
    : '';
  return { src, dst, summary: `ICMP ${icmpMessageName(type, code)}${about}` };
}

function excerpt(payload: Uint8Array): string {
  const shown = Buffer.from(payload.subarray(0, 32)).toString('latin1');
  return JSON.stringify(shown) + (payload.length > 32 ? '…' : '');
}
