import type { SocketAddress, StateObservation, Trace, TraceConnectionEndpoint } from '@socklab/trace';
import { connectionFlows, endpointText, type ConnectionFlow, type FlowSegment } from './connection-flows';

/** Segments drawn per diagram; the rest is summarised in a closing note. */
export const MAX_DIAGRAM_SEGMENTS = 400;

/** Which state source to draw per endpoint: the first one that observed it. Kernel and netstack are exact. */
const SOURCE_PREFERENCE = ['kernel', 'netstack', 'inferred', 'ss'] as const;

interface Line {
  t: number;
  order: number;
  text: string;
}

/**
 * One connection of a scenario's trace as a Mermaid sequence diagram, the picture the
 * seed articles draw by hand: the two endpoints as participants, every segment as an
 * arrow (a dropped one ends in a cross), each endpoint's TCP state changes as notes from
 * the best source that saw it, and the socket calls that touched it. At most
 * MAX_DIAGRAM_SEGMENTS segments are drawn.
 */
export function mermaidSequence(trace: Trace, flow: ConnectionFlow): string {
  const [origEnd, respEnd] = flow.connection.endpoints;
  const lines: Line[] = [];
  let order = 0;
  const add = (t: number, text: string) => lines.push({ t, order: order++, text });

  for (const [alias, endpoint, peer] of [
    ['O', origEnd, respEnd],
    ['R', respEnd, origEnd],
  ] as const) {
    for (const change of stateChanges(endpoint)) add(change.t, `Note over ${alias}: ${change.text}`);
    for (const call of callsOn(trace, endpoint.local, peer.local))
      add(call.t, `Note over ${alias}: ${call.text}`);
  }
  const drawn = flow.segments.slice(0, MAX_DIAGRAM_SEGMENTS);
  for (const segment of drawn) add(segment.t, arrow(segment));

  lines.sort((a, b) => a.t - b.t || a.order - b.order);
  const out = [
    'sequenceDiagram',
    `  title ${escape(`${flow.connection.id}`)}`,
    `  participant O as ${participant(flow.origHost, flow.orig)}`,
    `  participant R as ${participant(flow.respHost, flow.resp)}`,
    ...lines.map((line) => `  ${line.text}`),
  ];
  const hidden = flow.segments.length - drawn.length;
  if (hidden > 0) out.push(`  Note over O,R: ${hidden} more segments not drawn (see capture.pcapng)`);
  return `${out.join('\n')}\n`;
}

export function flowOf(trace: Trace, connectionId: string): ConnectionFlow | undefined {
  return connectionFlows(trace).find((flow) => flow.connection.id === connectionId);
}

function participant(host: string | null, address: SocketAddress): string {
  return escape(host ? `${host} ${endpointText(address)}` : endpointText(address));
}

function arrow(segment: FlowSegment): string {
  const [from, to] = segment.fromOrig ? ['O', 'R'] : ['R', 'O'];
  const flags = [
    segment.flags.syn && 'SYN',
    segment.flags.fin && 'FIN',
    segment.flags.rst && 'RST',
    segment.flags.psh && 'PSH',
    segment.flags.ack && 'ACK',
  ].filter(Boolean);
  const parts = [flags.join(',') || 'none', `seq=${segment.seq}`];
  if (segment.ack !== null) parts.push(`ack=${segment.ack}`);
  parts.push(`win=${segment.window}`);
  if (segment.len > 0) parts.push(`len=${segment.len}`);
  if (segment.dropped) parts.push('(dropped)');
  if (segment.impairment) parts.push(`(${segment.impairment})`);
  return `${from}${segment.dropped ? '-x' : '->>'}${to}: ${escape(parts.join(' '))}`;
}

function stateChanges(endpoint: TraceConnectionEndpoint): { t: number; text: string }[] {
  const source = SOURCE_PREFERENCE.find((s) => endpoint.states.some((o) => o.source === s));
  const observed = endpoint.states.filter((o) => o.source === source);
  const changes: { t: number; text: string }[] = [];
  let previous: StateObservation | undefined;
  for (const observation of observed) {
    if (previous?.state === observation.state) continue;
    const cause = observation.cause ? ` on ${observation.cause}` : '';
    changes.push({
      t: observation.t,
      text: escape(
        `${previous ? `${previous.state} → ` : ''}${observation.state}${cause} [${observation.source}]`,
      ),
    });
    previous = observation;
  }
  return changes;
}

/**
 * Socket calls on this connection's socket: strace named the peer as the remote end and,
 * when it named a local end, this one (listen() and bind() name no peer: not drawn).
 */
function callsOn(trace: Trace, local: SocketAddress, remote: SocketAddress): { t: number; text: string }[] {
  const matches = (a: SocketAddress | undefined, b: SocketAddress) =>
    a !== undefined && endpointText(a) === endpointText(b);
  return trace.syscalls
    .filter(
      (call) =>
        matches(call.socket?.remote, remote) &&
        (call.socket?.local === undefined || matches(call.socket.local, local)),
    )
    .map((call) => {
      const outcome = call.errno ? `${call.ret ?? '?'} ${call.errno}` : (call.ret ?? '?');
      return { t: call.tStart, text: escape(`${call.name}() = ${outcome}`) };
    });
}

/** Mermaid ends a message at ';' and a line at a newline, and reads '#…;' as an entity. */
function escape(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[#;]/g, (c) => (c === '#' ? '#35;' : '#59;'));
}
