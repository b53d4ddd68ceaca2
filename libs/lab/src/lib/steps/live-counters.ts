/**
 * The capture counters of `when: {counter}` triggers, over the segments recorded so far:
 * the grader's own counting (sender-side copies, then segmentsCounted), so that a step
 * waits for exactly what the counter check would count at that instant.
 */
import type { Trigger } from '@socklab/exercise';
import { comparisonHolds, segmentsCounted, senderSide } from '@socklab/grader';
import { flagsText, type CapturedSegment, type TracePacket } from '@socklab/trace';

type CounterTrigger = Extract<Trigger, { kind: 'counter' }>;

export class LiveCounters {
  private readonly packets: TracePacket[] = [];

  constructor(
    /** The capture's segment list; it grows while the scenario runs. */
    private readonly captured: readonly CapturedSegment[],
    private readonly addressOf: (host: string) => string | undefined,
  ) {}

  value(name: CounterTrigger['name'], host: string | undefined): number {
    for (let i = this.packets.length; i < this.captured.length; i++)
      this.packets.push(packetOf(this.captured[i]));
    const address = host === undefined ? undefined : this.addressOf(host);
    return segmentsCounted(name, senderSide(this.packets), address).length;
  }

  holds(trigger: CounterTrigger): boolean {
    return comparisonHolds(trigger.op, this.value(trigger.name, trigger.host), trigger.value);
  }
}

/** As the trace will show it, but with absolute sequence numbers and time (counting needs neither). */
function packetOf(segment: CapturedSegment): TracePacket {
  return {
    index: segment.index,
    t: Number(segment.tNs),
    link: segment.link,
    direction: segment.direction,
    connectionId: null,
    src: segment.src,
    dst: segment.dst,
    flags: flagsText(segment.flags),
    seq: segment.seq,
    ack: segment.flags.ack ? segment.ack : null,
    len: segment.len,
    window: segment.window ?? 0,
  };
}
