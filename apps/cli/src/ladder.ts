/**
 * A connection's ladder diagram as terminal text, drawn from trace.json: the two endpoints
 * as columns, one row per segment (an arrow from its sender, with tcpdump-style flags,
 * relative seq/ack, length and window; "✗" where the lab dropped it), and each side's TCP
 * state written on its side at the moment it was entered — the handshake and close
 * pictures of RFC 9293 §3.5–3.6, from the learner's own run.
 * Segments are the copies the sender put on the wire (grader's senderSide), marked when
 * the lab's impairments dropped them; states are the merged path the grader judges
 * (mergeStateHistory: most direct source, TIME_WAIT hand-off).
 */
import { mergeStateHistory, senderSide } from '@socklab/grader';
import type { Trace, TraceConnection, TracePacket } from '@socklab/trace';

const WIDTH = 44;

interface Row {
  t: number;
  text: string;
}

export function ladderDiagram(trace: Trace, connection: TraceConnection): string {
  const [left, right] = connection.endpoints;
  const key = (addr: { addr: string; port: number }) => `${addr.addr}:${addr.port}`;
  const leftKey = key(left.local);
  const hostName = (hostId: string | null) => trace.hosts.find((h) => h.id === hostId)?.name ?? '?';
  const rows: Row[] = [];

  // One copy per transmission, and one state path per endpoint, by the grader's own rules.
  for (const packet of senderSide(trace.packets).filter((p) => p.connectionId === connection.id)) {
    const fromLeft = key(packet.src) === leftKey;
    rows.push({ t: packet.t, text: arrowRow(packet, fromLeft) });
  }
  for (const [side, endpoint] of [
    ['left', left],
    ['right', right],
  ] as const) {
    for (const observation of mergeStateHistory(endpoint.states)) {
      const label = observation.state;
      const text =
        side === 'left'
          ? `${label.padEnd(13)}${' '.repeat(WIDTH + 2)}`
          : `${' '.repeat(13 + WIDTH + 2)}${label}`;
      rows.push({ t: observation.t, text });
    }
  }
  rows.sort((a, b) => a.t - b.t);

  const header = [
    `${'ms'.padStart(9)}  ${`${hostName(left.hostId)} ${leftKey}`.padEnd(13 + WIDTH / 2)}${`${hostName(right.hostId)} ${key(right.local)}`.padStart(WIDTH / 2 + 2)}`,
  ];
  return [
    ...header,
    ...rows.map((row) => `${(row.t / 1e6).toFixed(3).padStart(9)}  ${row.text.trimEnd()}`),
  ].join('\n');
}

function arrowRow(packet: TracePacket, fromLeft: boolean): string {
  const parts = [packet.flags, `seq ${packet.seq}`];
  if (packet.ack !== null) parts.push(`ack ${packet.ack}`);
  if (packet.len > 0) parts.push(`len ${packet.len}`);
  parts.push(`win ${packet.window}`);
  const dropped = packet.impairment?.action === 'drop';
  let label = ` ${parts.join(' ')} `;
  if (label.length > WIDTH - 4) label = `${label.slice(0, WIDTH - 5)}… `;
  const fill = WIDTH - 2 - label.length;
  const before = Math.floor(fill / 2);
  const after = fill - before;
  const body = `${'─'.repeat(before)}${label}${'─'.repeat(after)}`;
  const arrow = fromLeft ? `${body}${dropped ? '✗' : '▶'}` : `${dropped ? '✗' : '◀'}${body}`;
  return `${' '.repeat(13)}│${arrow}│`;
}
