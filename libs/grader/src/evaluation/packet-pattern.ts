/**
 * Packet patterns (exercise spec, observations.ts) over sender-side packets of their
 * protocol: TCP segments (the default), UDP datagrams or ICMP messages.
 * direction learner-to-peer: sent from a learner host's address; peer-to-learner: sent
 * to a learner host by a host that is not a learner. host: the packet's source or
 * destination is that host. flags: every letter set ('.' is ACK); without: none set.
 * payloadBytes: bounds on the TCP or UDP payload length. data: the UDP payload is exactly
 * that text. icmp: the ICMP message is of that kind (RFC 792 type and code).
 * answersAfterEnd: whether the segment answers one that reached its sender after the
 * connection had ended there (answers-after-end.ts).
 */
import { isIcmpKind, type PacketPattern } from '@socklab/exercise';
import type { TraceIcmpMessage, TracePacket, TraceUdpDatagram } from '@socklab/trace';
import type { EvidenceRef } from '../api';
import { flagWords, quoteBytes } from './format';
import type { ScenarioContext } from './scenario-context';

/** A captured packet of any protocol the patterns know. */
export type WirePacket = TracePacket | TraceUdpDatagram | TraceIcmpMessage;

/** The sender-side packets of the pattern's protocol that match it, in time order. */
export function matchingPackets(pattern: PacketPattern, context: ScenarioContext): WirePacket[] {
  switch (pattern.protocol ?? 'tcp') {
    case 'tcp':
      return context.segments.filter((packet) => matchesPattern(packet, pattern, context));
    case 'udp':
      return context.udpDatagrams.filter(
        (datagram) =>
          matchesEnds(datagram.src.addr, datagram.dst.addr, pattern, context) &&
          matchesSize(datagram.len, pattern) &&
          (pattern.data === undefined ||
            (datagram.len === Buffer.byteLength(pattern.data) &&
              Buffer.from(datagram.payload, 'base64').equals(Buffer.from(pattern.data, 'utf8')))),
      );
    case 'icmp':
      return context.icmpMessages.filter(
        (message) =>
          matchesEnds(message.src, message.dst, pattern, context) &&
          (pattern.icmp === undefined || isIcmpKind(pattern.icmp, message.type, message.code)),
      );
  }
}

/** Whether a TCP segment matches; a UDP or ICMP pattern matches no segment. */
export function matchesPattern(
  packet: TracePacket,
  pattern: PacketPattern,
  context: ScenarioContext,
): boolean {
  if ((pattern.protocol ?? 'tcp') !== 'tcp') return false;
  if (!matchesEnds(packet.src.addr, packet.dst.addr, pattern, context)) return false;
  if (pattern.flags !== undefined && ![...pattern.flags].every((flag) => packet.flags.includes(flag)))
    return false;
  if (pattern.without !== undefined && [...pattern.without].some((flag) => packet.flags.includes(flag)))
    return false;
  if (!matchesSize(packet.len, pattern)) return false;
  return pattern.answersAfterEnd === undefined || context.answersAfterEnd(packet) === pattern.answersAfterEnd;
}

function matchesEnds(src: string, dst: string, pattern: PacketPattern, context: ScenarioContext): boolean {
  if (pattern.direction === 'learner-to-peer' && !context.isLearnerAddress(src)) return false;
  if (
    pattern.direction === 'peer-to-learner' &&
    (context.isLearnerAddress(src) || !context.isLearnerAddress(dst))
  ) {
    return false;
  }
  if (pattern.host !== undefined) {
    const address = context.addressOf(pattern.host);
    if (src !== address && dst !== address) return false;
  }
  return true;
}

function matchesSize(len: number, pattern: PacketPattern): boolean {
  const { payloadBytes } = pattern;
  if (payloadBytes?.min !== undefined && len < payloadBytes.min) return false;
  return payloadBytes?.max === undefined || len <= payloadBytes.max;
}

/** What the pattern's packets are called: "segment", "UDP datagram", "ICMP message". */
export function packetNoun(pattern: PacketPattern): string {
  const protocol = pattern.protocol ?? 'tcp';
  return protocol === 'tcp' ? 'segment' : protocol === 'udp' ? 'datagram' : 'message';
}

/** "RST segments sent by your program's host", "UDP datagrams carrying "PING" from your program". */
export function describePattern(pattern: PacketPattern, singular = false): string {
  const protocol = pattern.protocol ?? 'tcp';
  const noun = `${packetNoun(pattern)}${singular ? '' : 's'}`;
  const kind =
    protocol === 'udp'
      ? `UDP ${noun}`
      : protocol === 'icmp'
        ? `ICMP ${pattern.icmp ? `${pattern.icmp.replace(/-/g, ' ')} ` : ''}${noun}`
        : pattern.flags
          ? `${flagWords(pattern.flags)} ${noun}`
          : noun;
  const parts = [kind];
  if (pattern.without) parts.push(`without ${flagWords(pattern.without)}`);
  if (pattern.data !== undefined)
    parts.push(`carrying exactly ${quoteBytes(Buffer.from(pattern.data, 'utf8'))}`);
  const { payloadBytes } = pattern;
  if (payloadBytes?.min !== undefined && payloadBytes.max !== undefined) {
    parts.push(`carrying ${payloadBytes.min}–${payloadBytes.max} bytes of data`);
  } else if (payloadBytes?.min !== undefined) {
    parts.push(payloadBytes.min === 1 ? 'carrying data' : `carrying at least ${payloadBytes.min} bytes`);
  } else if (payloadBytes?.max !== undefined) {
    parts.push(payloadBytes.max === 0 ? 'carrying no data' : `carrying at most ${payloadBytes.max} bytes`);
  }
  if (pattern.direction === 'learner-to-peer') parts.push('from your program');
  if (pattern.direction === 'peer-to-learner') parts.push('to your program');
  if (pattern.host) parts.push(`to or from ${pattern.host}`);
  if (pattern.answersAfterEnd === false) parts.push(`(not counting ${AFTER_END_ANSWERS})`);
  if (pattern.answersAfterEnd === true) parts.push(`answering ${AFTER_END_ARRIVALS}`);
  return parts.join(' ');
}

const AFTER_END_ARRIVALS = 'segments that arrived after the connection had ended';
const AFTER_END_ANSWERS = `answers to ${AFTER_END_ARRIVALS}`;

export function packetRef(packet: WirePacket): EvidenceRef {
  return { kind: 'packet', index: packet.index, t: packet.t };
}
