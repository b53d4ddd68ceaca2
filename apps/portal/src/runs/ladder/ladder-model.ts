/**
 * The ladder diagram of one connection, as data: the two sockets as columns, one row per
 * segment (an arrow from its sender's column to the other), and each socket's TCP states
 * written beside its column at the point in the sequence where they were entered — the
 * handshake and close pictures of the seed articles, computed from a real run.
 *
 * Geometry is left to the renderer: a mark's `gap` is the boundary between rows (gap 0 is
 * above the first row, gap n below row n-1), so the view can place it at any row height.
 */
import type {
  ConnectionRecord,
  Impairment,
  SegmentRecord,
  StateRecord,
  StateSource,
  TcpStateName,
} from '../picture/picture';
import { preferredStates } from '../picture/state-history';
import { initialSequenceNumbers, relativeNumbers } from './relative-sequence';
import { segmentLabel } from './segment-label';

export type Side = 'left' | 'right';

export interface LadderArrow {
  row: number;
  from: Side;
  /** "SYN", "SYN+ACK", "ACK", "PSH+ACK", "FIN+ACK", "RST", … */
  label: string;
  /** "seq=1 ack=1 len=6": relative numbers, acknowledgement only when ACK is set. */
  detail: string;
  seq: number;
  ack: number | null;
  len: number;
  window: number;
  impairment?: Impairment;
  /** Frame index in the scenario's capture. */
  index: number;
  timeMs: number;
}

export interface LadderStateMark {
  side: Side;
  /** Boundary between rows where the state was entered (0 = before the first segment). */
  gap: number;
  /** 0 for the first mark of this side in this gap, 1 for the next, … */
  stack: number;
  state: TcpStateName;
  timeMs: number;
  source: StateSource;
  cause?: string;
}

export interface Ladder {
  connectionId: string;
  /** The active opener (sent the first SYN) when known. */
  left: string;
  right: string;
  arrows: LadderArrow[];
  marks: LadderStateMark[];
}

export function buildLadder(
  connection: ConnectionRecord,
  segments: readonly SegmentRecord[],
  states: readonly StateRecord[],
): Ladder {
  const [a, b] = connection.endpoints;
  const own = segments
    .filter((s) => (s.src === a && s.dst === b) || (s.src === b && s.dst === a))
    .sort((x, y) => x.order - y.order);
  const opener = own.find((s) => s.flags.includes('SYN') && !s.flags.includes('ACK'))?.src ?? a;
  const left = opener;
  const right = opener === a ? b : a;
  const isn = initialSequenceNumbers(own);

  const arrows = own.map((segment, row): LadderArrow => {
    const { seq, ack } = relativeNumbers(segment, isn);
    const detail = [`seq=${seq}`, ...(ack === null ? [] : [`ack=${ack}`]), `len=${segment.len}`].join(' ');
    return {
      row,
      from: segment.src === left ? 'left' : 'right',
      label: segmentLabel(segment.flags),
      detail,
      seq,
      ack,
      len: segment.len,
      window: segment.window,
      ...(segment.impairment ? { impairment: segment.impairment } : {}),
      index: segment.index,
      timeMs: segment.timeMs,
    };
  });

  const stacks = new Map<string, number>();
  const marks: LadderStateMark[] = [];
  for (const state of preferredStates(states)) {
    if (state.connectionId !== connection.id || (state.endpoint !== left && state.endpoint !== right)) continue;
    const side: Side = state.endpoint === left ? 'left' : 'right';
    const gap = gapOf(own, state);
    const key = `${side}:${gap}`;
    const stack = stacks.get(key) ?? 0;
    stacks.set(key, stack + 1);
    marks.push({
      side,
      gap,
      stack,
      state: state.state,
      timeMs: state.timeMs,
      source: state.source,
      ...(state.cause ? { cause: state.cause } : {}),
    });
  }
  return { connectionId: connection.id, left, right, arrows, marks };
}

/**
 * Rows before the state's moment. When a state and segments share one instant, the
 * state goes above the segments its own socket sent (entering the state made it send
 * them: close() → FIN_WAIT_1 → FIN) and below those it received (receiving caused it).
 */
function gapOf(segments: readonly SegmentRecord[], state: StateRecord): number {
  let low = 0;
  let high = segments.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (segments[mid].order < state.order) low = mid + 1;
    else high = mid;
  }
  while (low < segments.length && segments[low].order === state.order && segments[low].src !== state.endpoint) low++;
  return low;
}

/** The row showing a frame of the capture, if this ladder has it. */
export function rowOfFrame(ladder: Ladder, frameIndex: number): number | null {
  return ladder.arrows.find((arrow) => arrow.index === frameIndex)?.row ?? null;
}
