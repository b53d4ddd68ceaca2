/**
 * The `within` window of a packets check: segments from the `from` event to the `to`
 * event, both inclusive. A window whose `from` never happened is empty; one whose `to`
 * never happened stays open until the run's end.
 */
import type { TimelineEvent } from '@socklab/exercise';
import type { EvidenceRef } from '../api';
import { at } from '../evaluation/format';
import type { ScenarioContext } from '../evaluation/scenario-context';
import { resolveEvent } from '../evaluation/timeline';

export type PacketWindow =
  | { kind: 'open'; from: number; to: number; description: string; evidence: EvidenceRef[] }
  | { kind: 'never-opened'; description: string }
  | { kind: 'unavailable'; reason: string };

export function packetWindow(
  within: { from: TimelineEvent; to: TimelineEvent } | undefined,
  context: ScenarioContext,
): PacketWindow {
  if (within === undefined) {
    return { kind: 'open', from: -Infinity, to: Infinity, description: 'during the run', evidence: [] };
  }
  const from = resolveEvent(within.from, context);
  const to = resolveEvent(within.to, context);
  const reason = from.unavailable ?? to.unavailable;
  if (reason !== undefined) return { kind: 'unavailable', reason };
  if (from.occurrence === null) {
    return {
      kind: 'never-opened',
      description: `${from.description} never happened, so no segment could count`,
    };
  }
  const end = to.occurrence?.t ?? context.endTime;
  const endText = to.occurrence
    ? `${to.description} (${at(end)})`
    : `the end of the run (${to.description} never happened)`;
  return {
    kind: 'open',
    from: from.occurrence.t,
    to: end,
    description: `between ${from.description} (${at(from.occurrence.t)}) and ${endText}`,
    evidence: [...from.occurrence.evidence, ...(to.occurrence?.evidence ?? [])],
  };
}
