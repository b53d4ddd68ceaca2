/**
 * packets.order: on every connection where either pattern occurs, the first segment
 * matching `first` precedes the first segment matching `then` (a connection where only
 * `first` occurs satisfies it); and at least one connection has a `first` segment, so a
 * program that never sends it cannot pass. Connections are the trace's connection ids
 * (the 4-tuple when a segment has none).
 */
import type { PacketPattern } from '@socklab/exercise';
import type { TracePacket } from '@socklab/trace';
import { describePacket, plural } from '../evaluation/format';
import { failed, passed, type CheckOutcome } from '../evaluation/outcome';
import { describePattern, matchesPattern, packetRef } from '../evaluation/packet-pattern';
import type { ScenarioContext } from '../evaluation/scenario-context';

interface ConnectionOrder {
  connection: string;
  first?: TracePacket;
  then?: TracePacket;
}

export function evaluatePacketOrder(
  order: { first: PacketPattern; then: PacketPattern },
  context: ScenarioContext,
): CheckOutcome {
  const byConnection = new Map<string, ConnectionOrder>();
  for (const packet of context.segments) {
    const isFirst = matchesPattern(packet, order.first, context);
    const isThen = matchesPattern(packet, order.then, context);
    if (!isFirst && !isThen) continue;
    const key = packet.connectionId ?? fourTuple(packet);
    const entry = byConnection.get(key) ?? { connection: key };
    if (isFirst) entry.first ??= packet;
    if (isThen) entry.then ??= packet;
    byConnection.set(key, entry);
  }
  const first = describePattern(order.first, true);
  const then = describePattern(order.then, true);
  const expected = `on every connection, the ${first} before the ${then}`;
  const entries = [...byConnection.values()];
  const refs = entries.flatMap((entry) =>
    [entry.first, entry.then].filter((p) => p !== undefined).map(packetRef),
  );
  const violation = entries.find(
    (entry): entry is ConnectionOrder & { then: TracePacket } =>
      entry.then !== undefined && !precedes(entry.first, entry.then),
  );
  if (violation) {
    const thenPacket = violation.then;
    const observed = violation.first
      ? `on connection ${violation.connection}, the ${then} came first: ${describePacket(thenPacket)}; the ${first} followed: ${describePacket(violation.first)}`
      : `on connection ${violation.connection}, no ${first} was seen; the ${then} came: ${describePacket(thenPacket)}`;
    return failed({ expected, observed, lookAt: describePacket(thenPacket) }, refs);
  }
  if (!entries.some((entry) => entry.first !== undefined)) {
    return failed({ expected, observed: `no ${first} on any connection` }, refs);
  }
  const ordered = entries.filter((entry) => entry.first !== undefined).length;
  return passed(`The ${first} came first on ${plural(ordered, 'connection')}.`, refs);
}

function precedes(first: TracePacket | undefined, then: TracePacket): boolean {
  if (first === undefined) return false;
  return first.t < then.t || (first.t === then.t && first.index < then.index);
}

function fourTuple(packet: TracePacket): string {
  const ends = [`${packet.src.addr}:${packet.src.port}`, `${packet.dst.addr}:${packet.dst.port}`].sort();
  return ends.join('-');
}
