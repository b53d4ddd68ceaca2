/**
 * A spec PacketPattern (libs/exercise observations.ts) evaluated on one frame entering the
 * switch: TCP segments (the default), UDP datagrams or ICMP messages, by the direction the
 * frame travels, the hosts it is from or to, and the protocol's own fields.
 */
import { isIcmpKind, type PacketPattern } from '@socklab/exercise';
import type { Ipv4Addr } from '@socklab/netstack';
import { parseIcmpFrame, parseTcpFrame, parseUdpFrame } from './frame-summary';

/** Where the frame entered the switch, and the address of the host a pattern names. */
export interface FrameOrigin {
  from: 'learner' | 'peer' | undefined;
  addressOf(host: string): Ipv4Addr | undefined;
}

const FLAG_LETTER: Record<string, 'syn' | 'fin' | 'rst' | 'psh' | 'ack' | 'urg' | 'ece' | 'cwr'> = {
  S: 'syn',
  F: 'fin',
  R: 'rst',
  P: 'psh',
  '.': 'ack',
  U: 'urg',
  E: 'ece',
  W: 'cwr',
};

export function frameMatchesPattern(frame: Uint8Array, pattern: PacketPattern, origin: FrameOrigin): boolean {
  if (pattern.direction === 'learner-to-peer' && origin.from !== 'learner') return false;
  if (pattern.direction === 'peer-to-learner' && origin.from !== 'peer') return false;
  const packet = fieldsOf(frame, pattern);
  if (!packet) return false;
  if (pattern.host !== undefined) {
    const addr = origin.addressOf(pattern.host);
    if (packet.src !== addr && packet.dst !== addr) return false;
  }
  const len = packet.payloadLength;
  if (pattern.payloadBytes?.min !== undefined && len < pattern.payloadBytes.min) return false;
  if (pattern.payloadBytes?.max !== undefined && len > pattern.payloadBytes.max) return false;
  return packet.matchesOwnFields();
}

interface PacketFields {
  src: Ipv4Addr;
  dst: Ipv4Addr;
  payloadLength: number;
  matchesOwnFields(): boolean;
}

function fieldsOf(frame: Uint8Array, pattern: PacketPattern): PacketFields | null {
  switch (pattern.protocol ?? 'tcp') {
    case 'tcp': {
      const parsed = parseTcpFrame(frame);
      if (!parsed) return null;
      const { flags, payload } = parsed.tcp;
      return {
        src: parsed.src,
        dst: parsed.dst,
        payloadLength: payload.length,
        matchesOwnFields: () =>
          [...(pattern.flags ?? '')].every((letter) => flags[FLAG_LETTER[letter]]) &&
          ![...(pattern.without ?? '')].some((letter) => flags[FLAG_LETTER[letter]]),
      };
    }
    case 'udp': {
      const parsed = parseUdpFrame(frame);
      if (!parsed) return null;
      return {
        src: parsed.src,
        dst: parsed.dst,
        payloadLength: parsed.payload.length,
        matchesOwnFields: () =>
          pattern.data === undefined || Buffer.from(parsed.payload).equals(Buffer.from(pattern.data, 'utf8')),
      };
    }
    case 'icmp': {
      const parsed = parseIcmpFrame(frame);
      if (!parsed) return null;
      return {
        src: parsed.src,
        dst: parsed.dst,
        payloadLength: 0,
        matchesOwnFields: () =>
          pattern.icmp === undefined || isIcmpKind(pattern.icmp, parsed.type, parsed.code),
      };
    }
  }
}
