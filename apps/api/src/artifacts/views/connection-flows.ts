import type { SocketAddress, Trace, TraceConnection } from '@socklab/trace';

/** The TCP flags of a captured segment, from trace.json's tcpdump-style text ("S.", "FP.", "R"). */
export interface TcpFlagSet {
  syn: boolean;
  ack: boolean;
  fin: boolean;
  rst: boolean;
  psh: boolean;
}

/** One segment of a connection as it crossed the lab network, once (see connectionFlows). */
export interface FlowSegment {
  index: number;
  t: number;
  /** Sent by the originator (endpoints[0]: the side that sent the first SYN when known). */
  fromOrig: boolean;
  flags: TcpFlagSet;
  flagsText: string;
  seq: number;
  ack: number | null;
  len: number;
  window: number;
  /** The lab network dropped it: it left its sender and never arrived. */
  dropped: boolean;
  /** Impairment applied on the way ('delay', 'duplicate', …), other than pass. */
  impairment?: string;
}

export interface ConnectionFlow {
  connection: TraceConnection;
  orig: SocketAddress;
  resp: SocketAddress;
  /** Host names from trace.json's hosts ("client", "server"), null when unknown. */
  origHost: string | null;
  respHost: string | null;
  segments: FlowSegment[];
}

export function parseTcpFlags(text: string): TcpFlagSet {
  return {
    syn: text.includes('S'),
    ack: text.includes('.'),
    fin: text.includes('F'),
    rst: text.includes('R'),
    psh: text.includes('P'),
  };
}

export const endpointText = (a: SocketAddress): string => `${a.addr}:${a.port}`;

/**
 * Every connection of a scenario's trace with the segments each side sent, in capture
 * order. trace.json records frames on the learners' switch ports: a learner's frame as
 * 'in' on its own port (and again as 'out' on another learner's port), a peer's frame as
 * 'out' toward the learner. Counting every 'in' frame and the 'out' frames of non-learner
 * senders sees each frame exactly once, dropped ones included.
 */
export function connectionFlows(trace: Trace): ConnectionFlow[] {
  const learnerAddresses = new Set(
    trace.hosts.filter((host) => host.role === 'learner').flatMap((host) => host.addresses),
  );
  const hostOf = (address: SocketAddress) =>
    trace.hosts.find((host) => host.addresses.includes(address.addr))?.name ?? null;
  const byConnection = new Map<string, FlowSegment[]>();
  const origOf = new Map(trace.connections.map((c) => [c.id, endpointText(c.endpoints[0].local)]));

  for (const packet of trace.packets) {
    if (packet.connectionId === null || !origOf.has(packet.connectionId)) continue;
    if (packet.direction === 'out' && learnerAddresses.has(packet.src.addr)) continue;
    const action = packet.impairment?.action;
    const segment: FlowSegment = {
      index: packet.index,
      t: packet.t,
      fromOrig: endpointText(packet.src) === origOf.get(packet.connectionId),
      flags: parseTcpFlags(packet.flags),
      flagsText: packet.flags,
      seq: packet.seq,
      ack: packet.ack,
      len: packet.len,
      window: packet.window,
      dropped: action === 'drop',
      ...(action && action !== 'pass' && action !== 'drop' ? { impairment: action } : {}),
    };
    const list = byConnection.get(packet.connectionId) ?? [];
    list.push(segment);
    byConnection.set(packet.connectionId, list);
  }

  return trace.connections.map((connection) => {
    const [orig, resp] = [connection.endpoints[0].local, connection.endpoints[1].local];
    return {
      connection,
      orig,
      resp,
      origHost: hostOf(orig),
      respHost: hostOf(resp),
      segments: (byConnection.get(connection.id) ?? []).sort((a, b) => a.t - b.t || a.index - b.index),
    };
  });
}
