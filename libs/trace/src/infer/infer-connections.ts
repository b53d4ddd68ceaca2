/**
 * Groups captured segments into connections and runs one EndpointMachine per endpoint.
 * A connection is keyed by its 4-tuple; a fresh SYN on a 4-tuple whose endpoints are both
 * CLOSED or TIME_WAIT starts a new incarnation (RFC 9293 §3.6.1 allows reuse from TIME-WAIT).
 * endpoints[0] is the endpoint that sent the first SYN; if the capture began mid-connection,
 * both endpoints start in ESTABLISHED (the only state that data without SYN proves).
 */
import type { SocketAddress } from '../model/trace-schema';
import { EndpointMachine, type InferredTransition } from './endpoint-machine';
import type { SegmentSummary } from './segment-summary';

export interface InferredEndpoint {
  local: SocketAddress;
  path: InferredTransition[];
}

export interface InferredConnection {
  /** 'a:p-b:p' of endpoints[0] → endpoints[1], with '#n' for the n-th incarnation (n ≥ 2). */
  id: string;
  endpoints: [InferredEndpoint, InferredEndpoint];
  /** Indices (into the input array) of the segments that belong to this connection. */
  segments: number[];
}

export function endpointKey(a: SocketAddress): string {
  return `${a.addr}:${a.port}`;
}

function tupleKey(a: SocketAddress, b: SocketAddress): string {
  const [x, y] = [endpointKey(a), endpointKey(b)].sort();
  return `${x}|${y}`;
}

interface Tracked {
  connection: InferredConnection;
  machines: Map<string, EndpointMachine>;
}

const REUSABLE = new Set(['CLOSED', 'TIME_WAIT']);

export function inferConnections(segments: readonly SegmentSummary[]): InferredConnection[] {
  const all: InferredConnection[] = [];
  const current = new Map<string, Tracked>();
  const incarnations = new Map<string, number>();

  segments.forEach((s, index) => {
    const key = tupleKey(s.src, s.dst);
    let tracked = current.get(key);
    const freshSyn = s.flags.syn && !s.flags.ack && !s.flags.rst;
    if (tracked && freshSyn && [...tracked.machines.values()].every((m) => REUSABLE.has(m.state)))
      tracked = undefined;
    if (!tracked) {
      const n = (incarnations.get(key) ?? 0) + 1;
      incarnations.set(key, n);
      const [initiator, responder] = [s.src, s.dst];
      const opening = freshSyn;
      const first = new EndpointMachine(
        opening ? 'CLOSED' : 'ESTABLISHED',
        s.tNs,
        opening ? 'before connect' : 'capture began',
      );
      const second = new EndpointMachine(
        opening ? 'LISTEN' : 'ESTABLISHED',
        s.tNs,
        opening ? 'listening' : 'capture began',
      );
      const id = `${endpointKey(initiator)}-${endpointKey(responder)}${n > 1 ? `#${n}` : ''}`;
      const connection: InferredConnection = {
        id,
        endpoints: [
          { local: initiator, path: first.path },
          { local: responder, path: second.path },
        ],
        segments: [],
      };
      tracked = {
        connection,
        machines: new Map([
          [endpointKey(initiator), first],
          [endpointKey(responder), second],
        ]),
      };
      current.set(key, tracked);
      all.push(connection);
    }
    tracked.connection.segments.push(index);
    tracked.machines.get(endpointKey(s.src))!.sent(s);
    tracked.machines.get(endpointKey(s.dst))!.received(s);
  });
  return all;
}
