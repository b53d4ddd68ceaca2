/**
 * The glue between the TAP and the netstack Host is ours, so it is where the tests put
 * their impairments: every TCP frame is summarised and recorded, and rules can drop it
 * or hold it until released (to make FINs cross deterministically, or to lose exactly
 * one data segment). Non-TCP frames (ARP) always pass.
 */

/** 'toStack': kernel → our Host; 'toKernel': our Host → kernel. */
export type Direction = 'toStack' | 'toKernel';

export interface Segment {
  /** Milliseconds on the lab's driver clock when the glue saw the frame. */
  t: number;
  dir: Direction;
  srcPort: number;
  dstPort: number;
  seq: number;
  ack: number;
  /** 'SYN', 'ACK', 'FIN', 'RST', 'PSH' joined with '|' in that order. */
  flags: string;
  syn: boolean;
  fin: boolean;
  rst: boolean;
  hasAck: boolean;
  window: number;
  payloadLength: number;
  fate: 'passed' | 'dropped' | 'held';
}

const ETHERTYPE_IPV4 = 0x0800;
const PROTO_TCP = 6;

/** Reads the TCP header fields of an Ethernet/IPv4/TCP frame, or null for anything else. */
export function summarise(frame: Uint8Array, t: number, dir: Direction): Segment | null {
  if (frame.length < 54) return null;
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  if (view.getUint16(12) !== ETHERTYPE_IPV4 || frame[23] !== PROTO_TCP) return null;
  const ihl = (frame[14] & 0x0f) * 4;
  const ipLength = view.getUint16(16);
  const tcp = 14 + ihl;
  if (frame.length < tcp + 20) return null;
  const dataOffset = (frame[tcp + 12] >> 4) * 4;
  const bits = frame[tcp + 13];
  const names: string[] = [];
  if (bits & 0x02) names.push('SYN');
  if (bits & 0x10) names.push('ACK');
  if (bits & 0x01) names.push('FIN');
  if (bits & 0x04) names.push('RST');
  if (bits & 0x08) names.push('PSH');
  return {
    t,
    dir,
    srcPort: view.getUint16(tcp),
    dstPort: view.getUint16(tcp + 2),
    seq: view.getUint32(tcp + 4),
    ack: view.getUint32(tcp + 8),
    flags: names.join('|'),
    syn: (bits & 0x02) !== 0,
    fin: (bits & 0x01) !== 0,
    rst: (bits & 0x04) !== 0,
    hasAck: (bits & 0x10) !== 0,
    window: view.getUint16(tcp + 14),
    payloadLength: ipLength - ihl - dataOffset,
    fate: 'passed',
  };
}

export type SegmentMatch = (segment: Segment) => boolean;

export interface RuleHandle {
  /** Segments this rule dropped or is holding / has held. */
  readonly hits: Segment[];
  /** Delivers every held frame in arrival order and stops holding. */
  release(): void;
  /** Stops the rule without delivering anything it holds. */
  remove(): void;
}

interface Rule {
  dir: Direction;
  match: SegmentMatch;
  action: 'drop' | 'hold';
  remaining: number;
  held: Uint8Array[];
  hits: Segment[];
}

export class FrameGate {
  readonly segments: Segment[] = [];
  private rules: Rule[] = [];

  constructor(private readonly deliver: (dir: Direction, frame: Uint8Array) => void) {}

  /** Drops the next `count` matching segments (default 1). */
  drop(dir: Direction, match: SegmentMatch, count = 1): RuleHandle {
    return this.add({ dir, match, action: 'drop', remaining: count, held: [], hits: [] });
  }

  /** Holds every matching segment until `release()`. */
  hold(dir: Direction, match: SegmentMatch): RuleHandle {
    return this.add({ dir, match, action: 'hold', remaining: Infinity, held: [], hits: [] });
  }

  /** Called by the glue for every frame; delivers it unless a rule takes it. */
  pass(dir: Direction, frame: Uint8Array, now: number): void {
    const segment = summarise(frame, now, dir);
    if (segment === null) return this.deliver(dir, frame);
    this.segments.push(segment);
    for (const rule of this.rules) {
      if (rule.dir !== dir || rule.remaining <= 0 || !rule.match(segment)) continue;
      rule.remaining -= 1;
      rule.hits.push(segment);
      if (rule.action === 'drop') {
        segment.fate = 'dropped';
      } else {
        segment.fate = 'held';
        rule.held.push(frame);
      }
      return;
    }
    this.deliver(dir, frame);
  }

  of(dir: Direction): Segment[] {
    return this.segments.filter((s) => s.dir === dir);
  }

  private add(rule: Rule): RuleHandle {
    this.rules.push(rule);
    const remove = () => (this.rules = this.rules.filter((r) => r !== rule));
    return {
      hits: rule.hits,
      remove,
      release: () => {
        remove();
        for (const frame of rule.held.splice(0)) this.deliver(rule.dir, frame);
      },
    };
  }
}

/** The last element, or a failure naming what was expected. */
export function lastOf<T>(items: readonly T[], what: string): T {
  const item = items.at(-1);
  if (item === undefined) throw new Error(`expected at least one ${what}`);
  return item;
}
