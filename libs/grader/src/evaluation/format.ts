/** Words and numbers as learners read them in check messages. */
import {
  icmpMessageName,
  type TraceIcmpMessage,
  type TracePacket,
  type TraceUdpDatagram,
} from '@socklab/trace';

const NS_PER_MS = 1_000_000;

/** Nanoseconds as milliseconds: one decimal below a second ("12.4 ms"), whole above ("2030 ms"). */
export function formatMs(ns: number): string {
  const ms = ns / NS_PER_MS;
  return Math.abs(ms) < 1000 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

export const at = (ns: number): string => `t=${formatMs(ns)}`;

export const msToNs = (ms: number): number => Math.round(ms * NS_PER_MS);

const FLAG_NAMES: Readonly<Record<string, string>> = {
  S: 'SYN',
  F: 'FIN',
  R: 'RST',
  P: 'PSH',
  '.': 'ACK',
  U: 'URG',
  E: 'ECE',
  W: 'CWR',
};

/** "F." → "FIN+ACK". */
export function flagWords(letters: string): string {
  return [...letters].map((letter) => FLAG_NAMES[letter] ?? letter).join('+');
}

/**
 * "packet #14 (FIN+ACK, 10.0.0.2:8080 → 10.0.0.3:40000, t=30.0 ms)", "packet #3 (UDP, 4 bytes
 * "PING", …)", "packet #4 (ICMP port unreachable, 10.0.0.2 → 10.0.0.3, …)".
 */
export function describePacket(packet: TracePacket | TraceUdpDatagram | TraceIcmpMessage): string {
  if ('type' in packet) {
    return `packet #${packet.index} (ICMP ${icmpMessageName(packet.type, packet.code)}, ${packet.src} → ${packet.dst}, ${at(packet.t)})`;
  }
  if ('payload' in packet) {
    const payload = quoteBytes(Buffer.from(packet.payload, 'base64'), 32);
    return (
      `packet #${packet.index} (UDP, ${plural(packet.len, 'byte')} ${payload}, ` +
      `${packet.src.addr}:${packet.src.port} → ${packet.dst.addr}:${packet.dst.port}, ${at(packet.t)})`
    );
  }
  const payload = packet.len > 0 ? `, ${plural(packet.len, 'byte')}` : '';
  return (
    `packet #${packet.index} (${flagWords(packet.flags)}${payload}, ` +
    `${packet.src.addr}:${packet.src.port} → ${packet.dst.addr}:${packet.dst.port}, ${at(packet.t)})`
  );
}

export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** "a, b and c". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Bytes as a quoted, escaped string a learner can compare by eye: "PING\n". */
export function quoteBytes(bytes: Uint8Array, limit = 80): string {
  let text = '';
  for (const byte of bytes.subarray(0, limit)) text += escapeByte(byte);
  return `"${text}"${bytes.length > limit ? `… (${plural(bytes.length, 'byte')} in all)` : ''}`;
}

function escapeByte(byte: number): string {
  if (byte === 0x0a) return '\\n';
  if (byte === 0x0d) return '\\r';
  if (byte === 0x09) return '\\t';
  if (byte === 0x22) return '\\"';
  if (byte === 0x5c) return '\\\\';
  if (byte >= 0x20 && byte < 0x7f) return String.fromCharCode(byte);
  return `\\x${byte.toString(16).padStart(2, '0')}`;
}
