/**
 * UDP datagrams and ICMP messages seen on learner links, as the capture reports them (time
 * in CLOCK_MONOTONIC ns), turned into trace.json's `udpDatagrams` and `icmpMessages`.
 */
import {
  UDP_PAYLOAD_KEPT,
  type TraceIcmpMessage,
  type TracePacket,
  type TraceUdpDatagram,
} from '../model/trace-schema';

interface CapturedFrame {
  tNs: bigint;
  /** Index of the frame in capture.pcapng. */
  index: number;
  link: string;
  direction: 'in' | 'out';
  impairment?: TracePacket['impairment'];
}

export interface CapturedUdpDatagram extends CapturedFrame {
  src: { addr: string; port: number };
  dst: { addr: string; port: number };
  payload: Uint8Array;
}

export interface CapturedIcmpMessage extends CapturedFrame {
  src: string;
  dst: string;
  type: number;
  code: number;
  quoted?: TraceIcmpMessage['quoted'];
}

function frameFields(frame: CapturedFrame, rel: (tNs: bigint) => number) {
  return {
    index: frame.index,
    t: rel(frame.tNs),
    link: frame.link,
    direction: frame.direction,
    ...(frame.impairment ? { impairment: frame.impairment } : {}),
  };
}

export function traceUdpDatagrams(
  datagrams: readonly CapturedUdpDatagram[],
  rel: (tNs: bigint) => number,
): TraceUdpDatagram[] {
  return datagrams.map((d) => ({
    ...frameFields(d, rel),
    src: d.src,
    dst: d.dst,
    len: d.payload.length,
    payload: Buffer.from(d.payload.subarray(0, UDP_PAYLOAD_KEPT)).toString('base64'),
  }));
}

export function traceIcmpMessages(
  messages: readonly CapturedIcmpMessage[],
  rel: (tNs: bigint) => number,
): TraceIcmpMessage[] {
  return messages.map((m) => ({
    ...frameFields(m, rel),
    src: m.src,
    dst: m.dst,
    type: m.type,
    code: m.code,
    ...(m.quoted ? { quoted: m.quoted } : {}),
  }));
}
