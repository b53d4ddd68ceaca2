import type { CallBar } from './timeline-model';

/** Approximate width of one character of the 11px chart font. */
const CHAR_WIDTH = 6.5;

export interface PlacedCall {
  call: CallBar;
  left: number;
  right: number;
  /** The label fits before the next call starts (else it is only in the tooltip). */
  labelled: boolean;
}

/**
 * The socket's calls on one row: each bar from call to return (at least 3 px wide, to the
 * chart's end if it never returned), labelled where the label fits before the next call.
 * Busy sockets (thousands of read/write calls) stay one row high.
 */
export function placeCalls(calls: readonly CallBar[], x: (t: number) => number, chartEnd: number): PlacedCall[] {
  const sorted = [...calls].sort((a, b) => a.startMs - b.startMs);
  let labelEnd = -Infinity;
  return sorted.map((call, i) => {
    const left = x(call.startMs);
    const right = Math.max(left + 3, call.endMs === null ? chartEnd : x(call.endMs));
    const next = sorted[i + 1];
    const room = (next ? x(next.startMs) : chartEnd) - left;
    const labelled = left >= labelEnd && room >= call.label.length * CHAR_WIDTH + 4;
    if (labelled) labelEnd = left + call.label.length * CHAR_WIDTH + 4;
    return { call, left, right, labelled };
  });
}
