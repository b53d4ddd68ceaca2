/**
 * packets: how many sender-side segments (retransmissions included) match the pattern,
 * optionally only within a window of the timeline; `none` is count {max: 0}. `payload`
 * and `order` are in packet-payload.ts and packet-order.ts.
 */
import type { Assertion, PacketPattern } from '@socklab/exercise';
import { describePacket, plural } from '../evaluation/format';
import { failed, passed, unavailable, type CheckOutcome } from '../evaluation/outcome';
import {
  describePattern,
  matchingPackets,
  packetNoun,
  packetRef,
  type WirePacket,
} from '../evaluation/packet-pattern';
import type { ScenarioContext } from '../evaluation/scenario-context';
import { evaluatePacketOrder } from './packet-order';
import { evaluatePacketPayload } from './packet-payload';
import { packetWindow } from './packet-window';

export type PacketsAssertion = Extract<Assertion, { kind: 'packets' }>;

const LISTED_PACKETS = 5;

export function evaluatePackets(assertion: PacketsAssertion, context: ScenarioContext): CheckOutcome {
  if (context.sourceStatus('capture') === 'unavailable') {
    return unavailable(`the packet capture was not recorded${context.sourceReason('capture')}`);
  }
  if (assertion.order !== undefined) return evaluatePacketOrder(assertion.order, context);
  const pattern = assertion.match;
  if (pattern === undefined) throw new Error(`packets check without match or order`);
  if (assertion.payload !== undefined) {
    return evaluatePacketPayload(pattern, assertion.payload, assertion.within, context);
  }

  const window = packetWindow(assertion.within, context);
  if (window.kind === 'unavailable') return unavailable(window.reason);
  const inWindow = (matchPattern: PacketPattern): WirePacket[] =>
    window.kind === 'open'
      ? matchingPackets(matchPattern, context).filter((p) => p.t >= window.from && p.t <= window.to)
      : [];
  const matching = inWindow(pattern);
  // What answersAfterEnd: false left out is said, so nobody wonders where a captured RST went.
  const leftOut = pattern.answersAfterEnd === false ? inWindow({ ...pattern, answersAfterEnd: true }) : [];
  const notCounted =
    leftOut.length === 0
      ? ''
      : leftOut.length === 1
        ? ` Not counted: packet #${leftOut[0].index}, the kernel's answer to a segment that arrived after the connection had ended.`
        : ` Not counted: ${listPackets(leftOut)}, the kernel's answers to segments that arrived after the connection had ended.`;
  const where = window.kind === 'open' ? window.description : '';
  const bounds = assertion.none
    ? { min: undefined, max: 0 }
    : (assertion.count ?? { min: 1, max: undefined });
  const what = describePattern(pattern);
  const refs = [
    ...matching.map(packetRef),
    ...leftOut.map(packetRef),
    ...(window.kind === 'open' ? window.evidence : []),
  ];

  const tooFew = bounds.min !== undefined && matching.length < bounds.min;
  const tooMany = bounds.max !== undefined && matching.length > bounds.max;
  if (!tooFew && !tooMany) {
    const observed =
      matching.length === 0
        ? `No ${what} ${where}.`
        : `${plural(matching.length, `matching ${packetNoun(pattern)}`)} ${where}.`;
    return passed(`${observed.replace(/ \./, '.')}${notCounted}`, refs);
  }
  const expected = `${boundsText(bounds)} ${what}${where ? ` ${where}` : ''}`;
  if (window.kind === 'never-opened') return failed({ expected, observed: window.description }, refs);
  if (matching.length === 0) return failed({ expected, observed: `none.${notCounted}` }, refs);
  return failed(
    {
      expected,
      observed: `${matching.length}: ${listPackets(matching)}.${notCounted}`,
      lookAt: describePacket(matching[0]),
    },
    refs,
  );
}

function boundsText(bounds: { min?: number; max?: number }): string {
  if (bounds.max === 0) return 'no';
  if (bounds.min !== undefined && bounds.max !== undefined) {
    return bounds.min === bounds.max ? `exactly ${bounds.min}` : `between ${bounds.min} and ${bounds.max}`;
  }
  return bounds.min !== undefined ? `at least ${bounds.min}` : `at most ${bounds.max}`;
}

export function listPackets(packets: readonly WirePacket[]): string {
  const listed = packets.slice(0, LISTED_PACKETS).map((packet) => `#${packet.index}`);
  const more = packets.length > LISTED_PACKETS ? ` and ${packets.length - LISTED_PACKETS} more` : '';
  return `packets ${listed.join(', ')}${more}`;
}
