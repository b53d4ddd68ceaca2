import type { EvidenceRef } from '../report/run-report';
import { addressOf, type ScenarioPicture } from './picture';

/** "server 10.9.0.2:5000 (your program)", "client 10.9.0.3:40001 (lab peer)", or the bare address. */
export function endpointLabeller(picture: Pick<ScenarioPicture, 'hosts'>): (endpoint: string) => string {
  return (endpoint) => {
    const host = picture.hosts[addressOf(endpoint)];
    if (!host) return endpoint;
    const role = host.role === 'learner' ? ' (your program)' : host.role === 'peer' ? ' (lab peer)' : '';
    return `${host.name ? `${host.name} ` : ''}${endpoint}${role}`;
  };
}

export interface EvidenceTarget {
  connectionId: string;
  /** Frames of that connection the evidence names, most relevant (first named) first. */
  frames: number[];
  /** States of that connection's sockets the evidence names. */
  states: { endpoint: string; state: string }[];
}

/**
 * Where the diagram shows a check's evidence: the connection of the first segment or
 * state the evidence names, with every segment and state of that connection it names.
 * Null when the evidence names nothing drawn (e.g. only process exits), or frames this
 * scenario does not have.
 */
export function locateEvidence(picture: ScenarioPicture, evidence: readonly EvidenceRef[]): EvidenceTarget | null {
  const connectionOf = (ref: EvidenceRef): string | null => {
    if (ref.kind === 'packet') return picture.segments.find((s) => s.index === ref.index)?.connectionId ?? null;
    if (ref.kind === 'state') return picture.connections.some((c) => c.id === ref.connectionId) ? ref.connectionId : null;
    return null;
  };
  const connectionId = evidence.map(connectionOf).find((id) => id !== null);
  if (!connectionId) return null;
  const mine = evidence.filter((ref) => connectionOf(ref) === connectionId);
  return {
    connectionId,
    frames: mine.flatMap((ref) => (ref.kind === 'packet' ? [ref.index] : [])),
    states: mine.flatMap((ref) => (ref.kind === 'state' ? [{ endpoint: ref.endpoint, state: ref.state }] : [])),
  };
}
